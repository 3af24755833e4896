import BitTrue
import Cosim
import Foundation

/// A one-line CLI failure: printed as `Error: <message>`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  /// The message.
  let description: String
}

/// Reading a design for a command: the IR text form, or a model of any family
/// (`ModelFamilies.registry` picks it by content), lowered to the IR.
enum NetlistFile {
  /// The design in `path`, or a one-line failure naming the file (and line).
  static func design(_ path: String) throws -> HardwareDesign {
    let data = try read(path)
    do throws(DesignError) {
      return try ModelFamilies.registry.load(data, name: stem(path))
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }

  /// The form of the design in `path` that `gateLevel` and `pipeline` ask for (see
  /// ``HardwareDesign/form(gateLevel:pipeline:using:)``); failures name the file.
  static func form(_ path: String, gateLevel: Bool, pipeline: Int?) throws -> DesignForm {
    try form(of: design(path), gateLevel: gateLevel, pipeline: pipeline, using: nil, path: path)
  }

  /// The form of `design` (read from `path`), made from `forms` when given.
  static func form(
    of design: HardwareDesign, gateLevel: Bool, pipeline: Int?, using forms: HardwareForms?,
    path: String
  ) throws -> DesignForm {
    do throws(DesignError) {
      return try design.form(gateLevel: gateLevel, pipeline: pipeline, using: forms)
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }

  /// The standard forms of `design` (read from `path`); failures name the file.
  static func forms(of design: HardwareDesign, path: String) throws -> HardwareForms {
    do throws(DesignError) {
      return try design.forms()
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }

  /// The verified netlist in `path` (a model's as lowered), or a one-line failure naming
  /// the file (and line).
  static func load(_ path: String) throws -> Netlist {
    try design(path).original
  }

  /// The discretised logic net in `path` (interchange JSON or trained-model file).
  static func loadNet(_ path: String) throws -> DiscreteLogicNet {
    let data = try read(path)
    do throws(LogicNetsError) {
      return try LogicNetFamily.net(in: DesignFile(data))
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }

  /// The design name derived from a file name: its stem with non-identifier characters
  /// replaced by `_`.
  static func stem(_ path: String) -> String {
    let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let name = String(base.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    return name.isEmpty ? "design" : name
  }

  static func read(_ path: String) throws -> Data {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw CommandFailure(description: "\(path): is a folder, not a file")
    }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CommandFailure(
        description: "\(path): cannot read the file: \(FileIO.reason(for: error))")
    }
  }
}
