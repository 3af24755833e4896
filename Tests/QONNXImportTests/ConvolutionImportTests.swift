import BinarizedNets
import Foundation
import Testing
import _TestSupport

@testable import QONNXImport

/// `Conv` and `MaxPool` become the net's convolutional front. The net itself rejects a front
/// until its evaluation lands, so these tests read the converted layers.
@Suite struct ConvolutionImportTests {
  @Test func convBatchNormPoolFlattenGemmConverts() throws {
    var rng = SeededRandom(seed: 3)
    let w = (0..<54).map { _ in Float(Int.random(in: -3...3, using: &rng)) / 4 }
    let gamma: [Float] = [0.5, -1.25, 0]
    let (beta, mean, variance): ([Float], [Float], [Float]) = (
      [0.25, -2, 1], [3, -5.5, 0], [2, 0.75, 1]
    )
    var g = SyntheticGraph(shape: [1, 2, 5, 5])
    g.constant("one", [], [1])
    g.constant("zero", [], [0])
    g.constant("bw4", [], [4])
    g.constant("W", [3, 2, 3, 3], w)
    for (name, v) in [("g", gamma), ("b", beta), ("m", mean), ("v", variance)] {
      g.constant(name, [3], v)
    }
    g.constant("W2", [2, 12], (0..<24).map { Float($0 % 5) - 2 })
    g.node("Quant", ["x", "one", "zero", "bw4"], "xq", ints: ["signed": 0])
    g.node("BipolarQuant", ["W", "one"], "wq")
    g.node(
      "Conv", ["xq", "wq"], "conv",
      ints: ["group": 1])
    g.graph.node[g.graph.node.count - 1].attribute += Self.ints([
      ("kernel_shape", [3, 3]), ("strides", [2, 2]), ("pads", [1, 1, 1, 1]),
    ])
    g.node("BatchNormalization", ["conv", "g", "b", "m", "v"], "bn", floats: ["epsilon": 0])
    g.node("BipolarQuant", ["bn", "one"], "act")
    g.node("MaxPool", ["act"], "pool")
    g.graph.node[g.graph.node.count - 1].attribute += Self.ints([
      ("kernel_shape", [2, 2]), ("strides", [1, 1]),
    ])
    g.node("Flatten", ["pool"], "flat", ints: ["axis": 1])
    g.node("BipolarQuant", ["W2", "one"], "w2q")
    g.node("Gemm", ["flat", "w2q"], "out", ints: ["transB": 1])
    let graph = try Onnx_ModelProto(serializedBytes: g.bytes(output: "out")).graph
    var converter = try GraphConverter(graph)
    _ = try converter.walk()
    let (features, dense) = try GraphConverter.split(converter.layers)
    let codes = w.map { Int16($0 >= 0 ? 1 : -1) }
    let activations = try (0..<3).map { o in
      try ThresholdFolding.fold(
        BatchNormParameters(
          gamma: gamma[o], beta: beta[o], mean: mean[o], variance: variance[o], epsilon: 0),
        dotBound: 18 * 15)
    }
    #expect(
      features == [
        .convolution(
          ConvolutionLayer(
            mode: .binary, inputChannels: 2, outputChannels: 3, kernel: 3, stride: 2,
            padding: 1, weights: codes, activations: activations)),
        .maxPool(MaxPoolLayer(size: 2, stride: 1)),
      ])
    #expect(converter.layers[0].image == ImageShape(channels: 3, height: 3, width: 3))
    #expect(converter.layers[1].image == ImageShape(channels: 3, height: 2, width: 2))
    #expect(dense.map(\.inputs) == [12])
    #expect(converter.inputImage == ImageShape(channels: 2, height: 5, width: 5))
  }

  @Test func poolingTheIntegerInputIsRefused() throws {
    var g = SyntheticGraph(shape: [1, 1, 4, 4])
    g.constant("one", [], [1])
    g.constant("zero", [], [0])
    g.constant("bw4", [], [4])
    g.node("Quant", ["x", "one", "zero", "bw4"], "xq", ints: ["signed": 0])
    g.node("MaxPool", ["xq"], "pool")
    g.graph.node[1].attribute += Self.ints([("kernel_shape", [2, 2]), ("strides", [2, 2])])
    #expect(
      throws: QONNXError.node(
        name: "pool", op: "MaxPool", "max pooling is supported on binarized images only")
    ) { try QONNXModel(onnx: g.bytes(output: "pool")) }
  }

  /// Integer-list attributes.
  static func ints(_ pairs: [(String, [Int64])]) -> [Onnx_AttributeProto] {
    pairs.map { name, values in
      var a = Onnx_AttributeProto()
      a.name = name
      a.type = .ints
      a.ints = values
      return a
    }
  }
}
