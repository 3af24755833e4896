import QONNXImport

/// The quantizer at the input of an imported QONNX graph: how the floats the graph's input
/// receives (what the exporting framework fed the model) become the net's integer inputs,
/// exactly as the graph's `Quant` (or `BipolarQuant`) node computes them.
public struct GraphInputQuantizer: Sendable {
  let model: QONNXModel

  /// The net's inputs for one sample of float inputs (one per net input, in the graph's
  /// row-major order), or nil when a value is NaN.
  public func codes(_ x: [Float]) -> [Int]? { model.encode(x) }

  /// `Quant (8-bit unsigned, scale 0.00390625, ROUND)` or `BipolarQuant (x ≥ 0 ↦ +1)`.
  public var description: String {
    switch model.input {
    case .bipolar: return "BipolarQuant (x ≥ 0 ↦ +1)"
    case .quantized(let q):
      let kind = (q.signed ? "signed" : "unsigned") + (q.narrow ? ", narrow" : "")
      return "Quant (\(q.bits)-bit \(kind), scale \(q.scale), \(q.rounding.rawValue))"
    }
  }
}
