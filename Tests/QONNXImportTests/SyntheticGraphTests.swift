import BinarizedNets
import Foundation
import Testing
import _TestSupport

@testable import QONNXImport

/// The ops Brevitas's MLP exports do not use — `Quant` on ternary weights with a bias, the
/// folded `Mul`/`Add` batch norm, `Transpose`, `Sub`, FINN's `MultiThreshold`, `Reshape`,
/// `Sign` — on small random graphs, against the graph evaluated directly in Double (exact
/// here: every value is a short dyadic).
@Suite struct SyntheticGraphTests {
  /// A random multiple of `step` in `−range…range`.
  static func value(_ rng: inout SeededRandom, _ step: Double, _ range: Double) -> Float {
    Float(Double(Int.random(in: -Int(range / step)...Int(range / step), using: &rng)) * step)
  }

  static func values(_ rng: inout SeededRandom, _ n: Int, _ step: Double, _ r: Double) -> [Float] {
    (0..<n).map { _ in value(&rng, step, r) }
  }

  @Test func aThreeLayerGraphMatchesItsDirectEvaluation() throws {
    var rng = SeededRandom(seed: 21)
    for trial in 0..<20 {
      let (w1, b1) = (Self.values(&rng, 24, 1 / 16, 0.5), Self.values(&rng, 4, 1 / 8, 2))
      let (m1, a1) = (Self.values(&rng, 4, 1 / 4, 2), Self.values(&rng, 4, 1 / 8, 2))
      let (w2, t2, th) = (
        Self.values(&rng, 12, 1 / 8, 1), Self.values(&rng, 3, 1 / 2, 2),
        Self.values(&rng, 3, 1 / 2, 2)
      )
      let w3 = Self.values(&rng, 6, 1 / 8, 1)
      var g = SyntheticGraph(inputs: 6)
      g.constant("s_in", [], [0.5])
      g.constant("zero", [], [0])
      g.constant("bw4", [], [4])
      g.constant("bw2", [], [2])
      g.constant("s_w1", [], [0.25])
      g.constant("one", [1], [1])
      g.constant("W1", [4, 6], w1)
      g.constant("b1", [4], b1)
      g.constant("m1", [1, 4], m1)
      g.constant("a1", [4], a1)
      g.constant("W2", [3, 4], w2)
      g.constant("t2", [3], t2)
      g.constant("th", [3, 1], th)
      g.integers("shape", [1, -1])
      g.constant("W3", [2, 3], w3)
      g.node("Quant", ["x", "s_in", "zero", "bw4"], "xq", ints: ["signed": 1, "narrow": 0])
      g.node(
        "Quant", ["W1", "s_w1", "zero", "bw2"], "w1q", ints: ["signed": 1, "narrow": 1],
        strings: ["rounding_mode": "ROUND"])
      g.node("Gemm", ["xq", "w1q", "b1"], "h1", ints: ["transB": 1])
      g.node("Mul", ["h1", "m1"], "h1m")
      g.node("Add", ["a1", "h1m"], "h1a")
      g.node("BipolarQuant", ["h1a", "one"], "y1")
      g.node("BipolarQuant", ["W2", "one"], "w2q")
      g.node("Transpose", ["w2q"], "w2t", ints: [:])
      g.node("MatMul", ["y1", "w2t"], "h2")
      g.node("Sub", ["h2", "t2"], "h2s")
      g.node(
        "MultiThreshold", ["h2s", "th"], "y2", floats: ["out_scale": 2, "out_bias": -1],
        strings: ["out_dtype": "BIPOLAR"])
      g.node("Reshape", ["y2", "shape"], "y2r")
      g.node("BipolarQuant", ["W3", "one"], "w3q")
      g.node("Gemm", ["y2r", "w3q"], "out", ints: ["transB": 1])
      let model = try QONNXModel(onnx: g.bytes(output: "out"))
      #expect(model.net.layers.map(\.mode) == [.ternary, .binary, .binary])
      for sample in 0..<40 {
        let x = Self.values(&rng, 6, 1 / 4, 5)
        // The graph in Double.
        let q = x.map { min(max((Double($0) / 0.5).rounded(.toNearestOrEven), -8), 7) * 0.5 }
        let w1hat = w1.map { min(max((Double($0) / 0.25).rounded(.toNearestOrEven), -1), 1) * 0.25 }
        let y1 = (0..<4).map { o -> Double in
          let h = (0..<6).reduce(Double(b1[o])) { $0 + q[$1] * w1hat[o * 6 + $1] }
          return h * Double(m1[o]) + Double(a1[o]) >= 0 ? 1 : -1
        }
        let y2 = (0..<3).map { o -> Double in
          var h = 0.0
          for i in 0..<4 { h += y1[i] * (w2[o * 4 + i] >= 0 ? 1 : -1) }
          return h - Double(t2[o]) >= Double(th[o]) ? 1 : -1
        }
        let want = (0..<2).map { c -> Int in
          var sum = 0.0
          for i in 0..<3 { sum += y2[i] * (w3[c * 3 + i] >= 0 ? 1 : -1) }
          return Int(sum)
        }
        let got = model.net.referenceScores(try #require(model.encode(x)))
        #expect(got == want, "trial \(trial), sample \(sample): x \(x)")
      }
    }
  }

  /// `Sign(s·dot + b)`: refused when a reachable dot gives 0, accepted (as `≥ 0`) otherwise.
  static func signGraph(bias: Float) throws -> Data {
    var g = SyntheticGraph(inputs: 3)
    g.constant("one", [], [1])
    g.constant("W1", [2, 3], [1, -1, 1, 1, 1, -1])
    g.constant("b", [2], [bias, bias])
    g.constant("W2", [2, 2], [1, -1, -1, 1])
    g.node("BipolarQuant", ["x", "one"], "xq")
    g.node("BipolarQuant", ["W1", "one"], "w1q")
    g.node("Gemm", ["xq", "w1q", "b"], "h", ints: ["transB": 1])
    g.node("Sign", ["h"], "y")
    g.node("BipolarQuant", ["W2", "one"], "w2q")
    g.node("Gemm", ["y", "w2q"], "out", ints: ["transB": 1])
    return try g.bytes(output: "out")
  }

  @Test func signIsABitOnlyWhereItCannotBeZero() throws {
    // Three ±1 inputs: the dot is odd, so dot + 1 can be 0 and dot + 0.5 cannot.
    #expect(
      throws: QONNXError.node(
        name: "y", op: "Sign", "neuron 0 is 0 at dot -1, where Sign outputs 0 (not a bit)")
    ) {
      try QONNXModel(onnx: Self.signGraph(bias: 1))
    }
    let model = try QONNXModel(onnx: Self.signGraph(bias: 0.5))
    #expect(model.input == .bipolar)
    #expect(model.net.layers[0].activations == [.atLeast(-0), .atLeast(0)])
  }

  @Test func outputAffinesAreExactOrRefused() throws {
    var scaled = NeuronAffine(scale: Dyadic(Float(0.5)))
    scaled.add(Dyadic(Float(-3)))
    let affine = try GraphConverter.outputAffine([scaled, NeuronAffine(scale: .one)])
    #expect(affine?.scale == [0.5, 1])
    #expect(affine?.offset == [-3, 0])
    #expect(try GraphConverter.outputAffine([NeuronAffine(scale: .one)]) == nil)
    var normed = NeuronAffine(scale: .one)
    _ = normed.batchNorm(gamma: .one, beta: .zero, mean: .zero, variance: Dyadic(Float(2)))
    #expect(throws: QONNXError.self) { try GraphConverter.outputAffine([normed]) }
    // QuantLinear(bias=True) then a per-class Mul: the offset 0.1·0.1 is not a float32.
    var biasThenScale = NeuronAffine(scale: .one)
    biasThenScale.add(Dyadic(Float(0.1)))
    biasThenScale.multiply(by: Dyadic(Float(0.1)))
    #expect(
      throws: QONNXError.graph(
        "output 1: the affine after the last layer is not a float32 scale and offset (a batch "
          + "norm there divides by √(σ² + ε); a bias then a scale makes the offset bias·scale)")
    ) { try GraphConverter.outputAffine([scaled, biasThenScale]) }
    // A scale then a shift, as the `affine` fixture's Mul and Add: exact float32s.
    var scaleThenShift = NeuronAffine(scale: .one)
    scaleThenShift.multiply(by: Dyadic(Float(0.1)))
    scaleThenShift.add(Dyadic(Float(0.1)))
    let kept = try GraphConverter.outputAffine([scaleThenShift])
    #expect(kept?.scale == [0.1] && kept?.offset == [0.1])
  }
}
