/// Shape ops: `Reshape`, `Flatten` and `Identity` (a batch of one: the values keep their
/// order), `Transpose` of weights, `Constant`.
extension GraphConverter {
  /// `Reshape(x, shape)`, `Flatten(x)` or `Identity(x)`.
  func reshape(_ c: NodeContext) throws(QONNXError) -> Symbol {
    let x = try operand(c, 0)
    let dims: [Int]?
    switch c.node.opType {
    case "Identity":
      try c.onlyAttributes([])
      return x
    case "Flatten":
      try c.onlyAttributes(["axis"])
      dims = nil
    default:
      try c.onlyAttributes(["allowzero"])
      guard let shape = try constantOperand(c, 1, "the shape").integers else {
        throw c.error("the shape must be integers")
      }
      dims = shape
    }
    let count: Int
    switch x {
    case .input(let n, _), .activations(let n, _, _, _): count = n
    case .preActivation(_, let neurons): count = neurons.count
    case .constant(let tensor): count = tensor.count
    case .weights(let w): count = w.codes.count
    }
    let target: [Int]
    if let dims {
      target = try resolved(c, dims, count: count)
    } else {
      let ownDims = x.dims ?? [1, count]
      var axis = c.int("axis", default: 1)
      if axis < 0 { axis += ownDims.count }
      guard (0...ownDims.count).contains(axis) else { throw c.error("axis out of range") }
      let head = ownDims[..<axis].reduce(1, *)
      target = [head, head == 0 ? 0 : count / head]
    }
    // Values keep their order; an image becomes a flat vector (torch's flatten order).
    switch x {
    case .constant(let tensor): return .constant(Tensor(dims: target, elements: tensor.elements))
    case .weights(let w):
      return .weights(
        QuantizedWeights(dims: target, codes: w.codes, scales: w.scales, mode: w.mode))
    case .input(let n, _): return .input(count: n, image: nil)
    case .activations(let n, let scale, let layer, _):
      return .activations(count: n, scale: scale, layer: layer, image: nil)
    case .preActivation: return x
    }
  }

  /// `shape` with its `-1` side inferred and checked against `count` elements; a leading 0
  /// (copy the batch side) counts as 1.
  func resolved(_ c: NodeContext, _ shape: [Int], count: Int) throws(QONNXError) -> [Int] {
    var dims = shape
    // Without allowzero, a 0 copies the input's side: the batch of one for the first side.
    if c.int("allowzero", default: 0) == 0, dims.first == 0 { dims[0] = 1 }
    guard dims.allSatisfy({ $0 >= 1 || $0 == -1 }), dims.filter({ $0 == -1 }).count <= 1 else {
      throw c.error("unsupported shape \(shape)")
    }
    let known = Tensor.count(of: dims.filter { $0 != -1 }) ?? 0
    if let free = dims.firstIndex(of: -1) {
      guard known > 0, count % known == 0 else {
        throw c.error("cannot reshape \(count) values to \(shape)")
      }
      dims[free] = count / known
    }
    guard Tensor.count(of: dims) == count else {
      throw c.error("cannot reshape \(count) values to \(shape)")
    }
    return dims
  }

  /// `Transpose` of a 2-D constant or of quantized weights.
  func transpose(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["perm"])
    let perm = c.attribute("perm")?.ints ?? [1, 0]
    guard perm == [1, 0] else { throw c.error("only a 2-D transpose (perm [1, 0]) is supported") }
    let x = try operand(c, 0)
    switch x {
    case .weights(let w) where w.dims.count == 2: return .weights(w.transposed)
    case .constant(let t) where t.dims.count == 2:
      let (rows, columns) = (t.dims[0], t.dims[1])
      let order = (0..<(rows * columns)).map { k in (k % rows) * columns + k / rows }
      let elements: Tensor.Elements
      switch t.elements {
      case .floats(let v): elements = .floats(order.map { v[$0] })
      case .integers(let v): elements = .integers(order.map { v[$0] })
      }
      return .constant(Tensor(dims: [columns, rows], elements: elements))
    default:
      throw c.error("only 2-D weights or constants can be transposed, not \(x.kind)")
    }
  }

  /// `Constant` with a `value` tensor.
  func constant(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["value"])
    guard let value = c.attribute("value"), value.hasT else { throw c.error("no 'value' tensor") }
    do throws(TensorError) {
      return .constant(try Tensor(value.t))
    } catch {
      throw c.error(error.message)
    }
  }
}

extension Symbol {
  /// The shape of a constant or of weights; `nil` for the values of a batch of one.
  var dims: [Int]? {
    switch self {
    case .constant(let t): return t.dims
    case .weights(let w): return w.dims
    default: return nil
    }
  }
}
