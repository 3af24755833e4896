import BitTrue
import Foundation

/// Reading the model of a `bittrue bnn` command: whatever file the binarized-net family of
/// the design registry reads (a `bittrue-bnn` JSON, and every other form that family
/// learns), and nothing else.
enum BnnModelFile {
  /// The net in `path`, or a one-line failure naming the file.
  static func load(_ path: String) throws -> BinarizedNet { try design(path).net }

  /// The net in `path` with what its file says about it (a QONNX graph's input quantizer),
  /// or a one-line failure naming the file.
  static func design(_ path: String) throws -> BinarizedNetDesign {
    let file = DesignFile(try NetlistFile.read(path))
    let family = BinarizedNetFamily()
    guard family.recognizes(file) else {
      let other = ModelFamilies.all.first { $0.recognizes(file) }
      throw CommandFailure(
        description: "\(path): "
          + (other.map { "a \($0.name) file, not a \(family.name)" }
            ?? "not a \(family.name) file")
          + " (bittrue bnn reads \(family.formats.joined(separator: ", ")) model files)")
    }
    do throws(DesignError) {
      guard let design = try family.load(file) as? BinarizedNetDesign else {
        preconditionFailure("the binarized-net family loads binarized-net designs")
      }
      return design
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }
}
