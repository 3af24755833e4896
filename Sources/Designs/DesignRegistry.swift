import Foundation
import NetlistIR

/// Turns a file into a ``HardwareDesign``: the first family that recognises the file (by
/// content, see ``ModelFamily/recognizes(_:)``) loads and lowers it; a file that is not JSON
/// is read as the IR text form, a design with no model.
public struct DesignRegistry: Sendable {
  /// The families asked, in order.
  public let families: [any ModelFamily]

  /// A registry of `families` (`ModelFamilies.registry` holds every family).
  public init(families: [any ModelFamily]) { self.families = families }

  /// The design in `contents`; a model's netlist is named `name` (a netlist keeps its own).
  public func load(_ contents: Data, name: String) throws(DesignError) -> HardwareDesign {
    let file = DesignFile(contents)
    if let family = families.first(where: { $0.recognizes(file) }) {
      let model = try family.load(file)
      return HardwareDesign(model: model, original: try model.lower(name: name))
    }
    guard !file.isJSON else {
      throw .unknownFormat(file.format, known: families.flatMap(\.formats))
    }
    do throws(NetlistError) {
      let netlist = try NetlistText.parse(String(decoding: contents, as: UTF8.self))
      try NetlistVerifier.verify(netlist)
      return HardwareDesign(model: nil, original: netlist)
    } catch {
      throw .netlist(error)
    }
  }
}
