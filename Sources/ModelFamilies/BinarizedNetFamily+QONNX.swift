import BinarizedNets
import Designs
import QONNXImport

/// QONNX files (Brevitas's `export_qonnx`) as binarized nets: a file that is not JSON and
/// parses as an ONNX model is converted by ``QONNXImport/QONNXModel``.
extension BinarizedNetFamily {
  /// A `bittrue-bnn` JSON file, or an ONNX model.
  public func recognizes(_ file: DesignFile) -> Bool {
    guard file.isJSON else { return QONNXModel.recognizes(file.contents) }
    return file.format.map(formats.contains) ?? false
  }

  /// The net of an ONNX file; errors name the node and its op.
  func loadONNX(_ file: DesignFile) throws(DesignError) -> BinarizedNetDesign {
    do throws(QONNXError) {
      let model = try QONNXModel(onnx: file.contents)
      var design = BinarizedNetDesign(model.net)
      design.inputQuantizer = GraphInputQuantizer(model: model)
      return design
    } catch {
      throw .model(error.description)
    }
  }
}
