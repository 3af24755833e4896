import BinarizedNets

/// Walks a QONNX graph node by node (ONNX stores nodes in topological order) and builds the
/// dense layers of a ``BinarizedNet``: each named value becomes a ``Symbol``, each node an
/// exact operation on symbols, and anything else an error naming the node and its op.
struct GraphConverter {
  /// A layer being built — dense, a convolution or a max pool, in graph order: its
  /// activations arrive when its outputs are binarized.
  struct Layer {
    /// What the layer is.
    enum Kind {
      case dense
      case convolution(kernel: Int, stride: Int, padding: Int)
      case maxPool(MaxPoolLayer)
    }
    let kind: Kind
    let mode: WeightMode
    /// Inputs per neuron (dense) or input channels (convolution).
    let inputs: Int
    /// Neurons or output channels.
    let outputs: Int
    let weights: [Int16]
    /// The largest |dot| of each neuron or output channel.
    let bounds: [Int]
    /// The output image of a convolution or pool.
    let image: ImageShape?
    var activations: [NeuronActivation]?
  }

  let graph: Onnx_GraphProto
  var symbols: [String: Symbol] = [:]
  var layers: [Layer] = []
  var input: QONNXModel.Input?
  /// The number of values of the graph input.
  var inputCount = 0
  /// The graph input's image, when its shape is `[1, C, H, W]`.
  var inputImage: ImageShape?

  init(_ graph: Onnx_GraphProto) throws(QONNXError) {
    self.graph = graph
    for initializer in graph.initializer {
      do throws(TensorError) {
        symbols[initializer.name] = .constant(try Tensor(initializer))
      } catch {
        throw .graph("initializer '\(initializer.name)': \(error.message)")
      }
    }
    // Initializers may also be listed as inputs (the TorchScript exporter's habit).
    let inputs = graph.input.filter { symbols[$0.name] == nil }
    guard inputs.count == 1, let only = inputs.first else {
      throw .graph("expected one non-constant input, found \(inputs.count)")
    }
    let dims = only.type.tensorType.shape.dim
    let sides = dims.count >= 2 ? Array(dims.dropFirst()) : dims
    let known = sides.compactMap { side -> Int? in
      guard case .dimValue(let n) = side.value, n >= 1, n <= 1 << 20 else { return nil }
      return Int(n)
    }
    guard !sides.isEmpty, known.count == sides.count, let count = Tensor.count(of: known),
      count <= 1 << 20
    else { throw .graph("input '\(only.name)': the shape must be known (a batch, then sides)") }
    inputCount = count
    if known.count == 3 {
      inputImage = ImageShape(channels: known[0], height: known[1], width: known[2])
    }
    symbols[only.name] = .input(count: count, image: inputImage)
  }

  /// The net and its input quantizer.
  mutating func convert() throws(QONNXError) -> (BinarizedNet, QONNXModel.Input) {
    let neurons = try walk()
    guard let input else { throw .graph("the input is never quantized") }
    return (try net(neurons: neurons), input)
  }

  /// Converts every node; the last dense layer's neurons (the graph's output).
  mutating func walk() throws(QONNXError) -> [NeuronAffine] {
    for (index, node) in graph.node.enumerated() {
      let name = node.name.isEmpty ? "#\(index)" : node.name
      let context = NodeContext(node: node, name: name)
      let outputs = try apply(node, context)
      guard outputs.count <= node.output.count else {
        throw context.error("expected \(outputs.count) outputs")
      }
      for (output, symbol) in zip(node.output, outputs) { symbols[output] = symbol }
    }
    guard graph.output.count == 1, let output = graph.output.first else {
      throw .graph("expected one output, found \(graph.output.count)")
    }
    guard case .preActivation(let last, let neurons) = symbols[output.name],
      last == layers.count - 1
    else {
      throw .graph("output '\(output.name)' must be the last dense layer's outputs")
    }
    return neurons
  }

  /// The net, with the output affine the last layer's neurons carry.
  func net(neurons: [NeuronAffine]) throws(QONNXError) -> BinarizedNet {
    guard let input else { throw .graph("the input is never quantized") }
    let inputFormat: InputFormat
    switch input {
    case .quantized(let q): inputFormat = .integers(bits: q.bits, signed: q.signed)
    case .bipolar: inputFormat = .bits
    }
    let affine = try Self.outputAffine(neurons)
    let (features, dense) = try Self.split(layers)
    do throws(BinarizedNetError) {
      return try BinarizedNet(
        input: inputFormat, inputs: inputCount, image: features.isEmpty ? nil : inputImage,
        features: features, layers: dense, outputAffine: affine)
    } catch {
      throw .graph(error.description)
    }
  }

  /// The per-class affine `score_c = scale_c·dot_c + offset_c` of the last layer's neurons,
  /// or `nil` when it is the identity (scores are the dots).
  static func outputAffine(_ neurons: [NeuronAffine]) throws(QONNXError) -> OutputAffine? {
    var scale: [Float] = []
    var offset: [Float] = []
    for (c, neuron) in neurons.enumerated() {
      guard let affine = neuron.floatAffine else {
        throw .graph(
          "output \(c): the affine after the last layer is not a float32 scale and offset "
            + "(a batch norm there divides by √(σ² + ε); a bias then a scale makes the "
            + "offset bias·scale)")
      }
      scale.append(affine.scale)
      offset.append(affine.offset)
    }
    if scale.allSatisfy({ $0 == 1 }) && offset.allSatisfy({ $0 == 0 }) { return nil }
    do throws(BinarizedNetError) {
      return try OutputAffine(scale: scale, offset: offset)
    } catch {
      throw .graph(error.description)
    }
  }

  /// The symbols of `node`'s outputs.
  mutating func apply(_ node: Onnx_NodeProto, _ c: NodeContext) throws(QONNXError) -> [Symbol] {
    switch node.opType {
    case "Quant": return [try quant(c)]
    case "BipolarQuant": return [try bipolarQuant(c)]
    case "MatMul": return [try matMul(c, transposeB: false, alpha: .one, bias: nil)]
    case "Gemm": return [try gemm(c)]
    case "BatchNormalization": return [try batchNorm(c)]
    case "Add", "Sub", "Mul": return [try elementwise(c)]
    case "Reshape", "Flatten", "Identity": return [try reshape(c)]
    case "Transpose": return [try transpose(c)]
    case "Constant": return [try constant(c)]
    case "Sign": return [try sign(c)]
    case "Conv": return [try convolution(c)]
    case "MaxPool": return [try maxPool(c)]
    case "MultiThreshold": return [try multiThreshold(c)]
    default: throw c.error("unsupported op")
    }
  }

  /// The symbol of input `k` of the node.
  func operand(_ c: NodeContext, _ k: Int) throws(QONNXError) -> Symbol {
    guard k < c.node.input.count, !c.node.input[k].isEmpty else {
      throw c.error("input \(k) is missing")
    }
    guard let symbol = symbols[c.node.input[k]] else {
      throw c.error("input '\(c.node.input[k])' is not defined (a missing initializer?)")
    }
    return symbol
  }

  /// Input `k` as a constant tensor.
  func constantOperand(_ c: NodeContext, _ k: Int, _ what: String) throws(QONNXError) -> Tensor {
    let symbol = try operand(c, k)
    guard case .constant(let tensor) = symbol else {
      throw c.error("\(what) must be a constant, not \(symbol.kind)")
    }
    return tensor
  }

  /// Input `k` as float values: a scalar broadcast to `count`, or exactly `count` values
  /// (any shape of that many elements, e.g. `[1, count]`).
  func vectorOperand(
    _ c: NodeContext, _ k: Int, _ what: String, count: Int
  ) throws(QONNXError) -> [Float] {
    let tensor = try constantOperand(c, k, what)
    guard let values = tensor.floats else { throw c.error("\(what) must be float") }
    guard values.allSatisfy(\.isFinite) else { throw c.error("\(what) is not finite") }
    if values.count == 1 { return Array(repeating: values[0], count: count) }
    guard values.count == count else {
      throw c.error("\(what) has \(values.count) values, expected 1 or \(count)")
    }
    return values
  }
}

/// A node being converted and its name for messages.
struct NodeContext {
  let node: Onnx_NodeProto
  let name: String

  /// A one-line error about the node.
  func error(_ message: String) -> QONNXError {
    .node(name: name, op: node.opType, message)
  }

  /// Checks that the node has no attribute outside `allowed`.
  func onlyAttributes(_ allowed: Set<String>) throws(QONNXError) {
    if let bad = node.attribute.first(where: { !allowed.contains($0.name) }) {
      throw error("unsupported attribute '\(bad.name)'")
    }
  }

  /// The attribute `name`, if present.
  func attribute(_ name: String) -> Onnx_AttributeProto? {
    node.attribute.first { $0.name == name }
  }

  /// An integer attribute, or `fallback` when absent.
  func int(_ name: String, default fallback: Int) -> Int {
    attribute(name).map { Int(truncatingIfNeeded: $0.i) } ?? fallback
  }

  /// A float attribute, or `fallback` when absent.
  func float(_ name: String, default fallback: Float) -> Float {
    attribute(name)?.f ?? fallback
  }

  /// A string attribute, or `fallback` when absent.
  func string(_ name: String, default fallback: String) -> String {
    attribute(name).map { String(decoding: $0.s, as: UTF8.self) } ?? fallback
  }
}
