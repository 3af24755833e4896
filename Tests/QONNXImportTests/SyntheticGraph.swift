import Foundation

@testable import QONNXImport

/// Builds small ONNX graphs node by node, for the ops the Brevitas fixtures do not use.
struct SyntheticGraph {
  var graph = Onnx_GraphProto()

  /// A graph whose float input `x` has shape `[1, count]`.
  init(inputs count: Int) { self.init(shape: [1, count]) }

  /// A graph whose float input `x` has shape `shape`.
  init(shape: [Int]) {
    var input = Onnx_ValueInfoProto()
    input.name = "x"
    input.type.tensorType.elemType = 1
    input.type.tensorType.shape.dim = shape.map { side in
      var d = Onnx_TensorShapeProto.Dimension()
      d.dimValue = Int64(side)
      return d
    }
    graph.input = [input]
  }

  /// A float initializer.
  mutating func constant(_ name: String, _ dims: [Int], _ values: [Float]) {
    var t = Onnx_TensorProto()
    t.name = name
    t.dims = dims.map(Int64.init)
    t.dataType = 1
    t.floatData = values
    graph.initializer.append(t)
  }

  /// An INT64 initializer.
  mutating func integers(_ name: String, _ values: [Int]) {
    var t = Onnx_TensorProto()
    t.name = name
    t.dims = [Int64(values.count)]
    t.dataType = 7
    t.int64Data = values.map(Int64.init)
    graph.initializer.append(t)
  }

  /// A node with integer, float and string attributes.
  mutating func node(
    _ op: String, _ inputs: [String], _ output: String, ints: [String: Int] = [:],
    floats: [String: Float] = [:], strings: [String: String] = [:]
  ) {
    var n = Onnx_NodeProto()
    n.opType = op
    n.name = output
    n.input = inputs
    n.output = [output]
    for (k, v) in ints.sorted(by: { $0.key < $1.key }) {
      var a = Onnx_AttributeProto()
      a.name = k
      a.type = .int
      a.i = Int64(v)
      n.attribute.append(a)
    }
    for (k, v) in floats.sorted(by: { $0.key < $1.key }) {
      var a = Onnx_AttributeProto()
      a.name = k
      a.type = .float
      a.f = v
      n.attribute.append(a)
    }
    for (k, v) in strings.sorted(by: { $0.key < $1.key }) {
      var a = Onnx_AttributeProto()
      a.name = k
      a.type = .string
      a.s = Data(v.utf8)
      n.attribute.append(a)
    }
    graph.node.append(n)
  }

  /// The model bytes, with `output` as the graph's output.
  func bytes(output: String) throws -> Data {
    var g = graph
    var out = Onnx_ValueInfoProto()
    out.name = output
    g.output = [out]
    var model = Onnx_ModelProto()
    model.irVersion = 8
    model.graph = g
    return try model.serializedData()
  }
}
