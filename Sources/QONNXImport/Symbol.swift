import BinarizedNets

/// What the converter knows about one named value of the graph.
enum Symbol {
  /// A constant (an initializer, a `Constant` node, or an op on constants).
  case constant(Tensor)
  /// Quantized weights: a `Quant` or `BipolarQuant` node on a constant.
  case weights(QuantizedWeights)
  /// The graph's float input, before its quantizer (`count` values, an image when the
  /// input's shape is `[1, C, H, W]`).
  case input(count: Int, image: ImageShape?)
  /// The input of layer `layer` (see ``GraphConverter/Layer``): `count` values, each `scale`
  /// times an integer (a code of the input quantizer, or ±1), an image or a flat vector.
  case activations(count: Int, scale: Dyadic, layer: Int, image: ImageShape?)
  /// The neurons of dense layer `layer` before their activation, each an exact affine
  /// function of its integer dot product.
  case preActivation(layer: Int, neurons: [NeuronAffine])

  /// The kind of value, for messages.
  var kind: String {
    switch self {
    case .constant: return "a constant"
    case .weights: return "quantized weights"
    case .input: return "the unquantized graph input"
    case .activations: return "layer activations"
    case .preActivation: return "a layer's outputs before activation"
    }
  }
}

/// Weights quantized by their node: integer codes, the scale of each element, and the weight
/// mode of the quantizer (`binary` for `BipolarQuant`; `ternary` for a signed narrow 2-bit
/// `Quant`; `int<K>` for other signed `Quant`s).
struct QuantizedWeights {
  let dims: [Int]
  let codes: [Int]
  let scales: [Float]
  let mode: WeightMode

  /// The weights with their two axes swapped (2-D only; the caller checks).
  var transposed: QuantizedWeights {
    let (rows, columns) = (dims[0], dims[1])
    let order = (0..<(rows * columns)).map { k in (k % rows) * columns + k / rows }
    return QuantizedWeights(
      dims: [columns, rows], codes: order.map { codes[$0] }, scales: order.map { scales[$0] },
      mode: mode)
  }
}
