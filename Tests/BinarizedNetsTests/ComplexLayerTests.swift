import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// The complex ternary layer (`complex:N`): its deployed real form equals a direct complex
/// evaluation, and its training gradient is the complex one (A and B tied).
@Suite struct ComplexLayerTests {
  static let config = BnnTrainingConfig(
    input: .bits, inputs: 10,
    layers: [
      DenseLayerSpec(weights: .complex(complexInput: false), outputs: 8),
      DenseLayerSpec(weights: .complex(complexInput: true), outputs: 6),
      DenseLayerSpec(weights: .ternary, outputs: 3),
    ], seed: 11, batchSize: 8)

  @Test func layerListsParse() throws {
    let specs = try DenseLayerSpec.parseList("complex:8,complex:6,ternary:3")
    #expect(specs == Self.config.layers)
    #expect(specs.map(\.weights.name) == ["complex", "complex", "ternary"])
    var odd = Self.config
    odd.layers[1].outputs = 5
    #expect(throws: BnnTrainingError.self) { try odd.validate() }
    var flag = Self.config
    flag.layers[0].weights = .complex(complexInput: true)
    #expect(throws: BnnTrainingError.self) { try flag.validate() }
    let (features, dense) = try FeatureLayerSpec.parseNet("conv3x3-complex:4,binary:2")
    let conv = BnnTrainingConfig(
      input: .bits, inputs: 16, layers: dense, image: ImageShape(channels: 1, height: 4, width: 4),
      features: features)
    #expect(throws: BnnTrainingError.self) { try conv.validate() }
  }

  /// A (h × n) and B from the compact latent weights `[PA; PB]`, `[NA; NB]`.
  static func matrices(_ latent: [Float], h: Int, n: Int) -> (a: [[Int]], b: [[Int]]) {
    let negative = 2 * h * n
    func q(_ k: Int) -> Int { (latent[k] > 0 ? 1 : 0) - (latent[negative + k] > 0 ? 1 : 0) }
    let a = (0..<h).map { r in (0..<n).map { c in q(r * n + c) } }
    let b = (0..<h).map { r in (0..<n).map { c in q((h + r) * n + c) } }
    return (a, b)
  }

  /// `Re' = A·Re − B·Im`, `Im' = A·Im + B·Re`, as `[Re'; Im']`.
  static func complexProduct(_ a: [[Int]], _ b: [[Int]], re: [Int], im: [Int]) -> [Int] {
    let real = a.indices.map { r in
      re.indices.reduce(0) { $0 + a[r][$1] * re[$1] - b[r][$1] * im[$1] }
    }
    let imaginary = a.indices.map { r in
      re.indices.reduce(0) { $0 + a[r][$1] * im[$1] + b[r][$1] * re[$1] }
    }
    return real + imaginary
  }

  @Test func exportedLayersAreTheComplexProducts() throws {
    let state = BnnTrainingState(config: Self.config)
    let net = try state.exportNet()
    #expect(net.layers.map(\.mode) == [.ternary, .ternary, .ternary])
    #expect(net.layers.map(\.inputs) == [10, 8, 6] && net.layers.map(\.outputs) == [8, 6, 3])
    let first = Self.matrices(state.layers[0].latent, h: 4, n: 10)
    let second = Self.matrices(state.layers[1].latent, h: 3, n: 4)
    #expect(first.a.joined().contains(0) && first.b.joined().contains(-1))
    var random = SeededRandom(seed: 3)
    for _ in 0..<50 {
      // Layer 0 on a real input (Im = 0), layer 1 on [Re; Im].
      let x = (0..<10).map { _ in Bool.random(using: &random) ? 1 : -1 }
      let v = (0..<8).map { _ in Bool.random(using: &random) ? 1 : -1 }
      for (layer, (ab, re, im)) in [
        (net.layers[0], (first, x, [Int](repeating: 0, count: 10))),
        (net.layers[1], (second, Array(v[..<4]), Array(v[4...]))),
      ] {
        let input = layer.inputs == 10 ? x : v
        let dots = (0..<layer.outputs).map { o in
          zip(layer.row(o), input).reduce(0) { $0 + Int($1.0) * $1.1 }
        }
        #expect(dots == Self.complexProduct(ab.a, ab.b, re: re, im: im))
      }
    }
  }

  /// The stage's gradients against the complex chain rule: `dA = Σ dRe'·Reᵀ + dIm'·Imᵀ`,
  /// `dB = Σ dIm'·Reᵀ − dRe'·Imᵀ`, through tanh to P and N; the input gradient
  /// `dRe = Aᵀ dRe' + Bᵀ dIm'`, `dIm = Aᵀ dIm' − Bᵀ dRe'`.
  @Test func gradientsAreTheComplexOnes() async throws {
    let (h, n, samples) = (3, 4, 5)
    let stage = ComplexStage(
      dense: DenseStage(
        inputs: 2 * n, outputs: 2 * h, weights: .ternaryPlinear, batchNorm: false,
        scoreScale: 1),
      complexInput: true)
    var layer = BnnTrainingState(config: Self.config).layers[1]
    var random = SeededRandom(seed: 5)
    let x = (0..<(samples * 2 * n)).map { _ in Float(Bool.random(using: &random) ? 1 : -1) }
    let dy = (0..<(samples * 2 * h)).map { _ in Float(Int.random(in: -3...3, using: &random)) }
    let tape = await stage.forward(x, samples: samples, layer: &layer, threads: 2)
    let (dx, parameters) = await stage.backward(
      dy, tape: tape, samples: samples, layer: layer, needsInput: true, threads: 2)
    let (a, b) = Self.matrices(layer.latent, h: h, n: n)
    var da = [[Float]](repeating: [Float](repeating: 0, count: n), count: h)
    var db = da
    for s in 0..<samples {
      let re = x[(s * 2 * n)..<(s * 2 * n + n)].map { $0 }
      let im = x[(s * 2 * n + n)..<((s + 1) * 2 * n)].map { $0 }
      let dre = dy[(s * 2 * h)..<(s * 2 * h + h)].map { $0 }
      let dim = dy[(s * 2 * h + h)..<((s + 1) * 2 * h)].map { $0 }
      for r in 0..<h {
        for c in 0..<n {
          da[r][c] += dre[r] * re[c] + dim[r] * im[c]
          db[r][c] += dim[r] * re[c] - dre[r] * im[c]
        }
      }
      for c in 0..<n {
        var (dRe, dIm) = (0, 0)
        for r in 0..<h {
          let (gre, gim) = (Int(dre[r]), Int(dim[r]))
          dRe += a[r][c] * gre + b[r][c] * gim
          dIm += a[r][c] * gim - b[r][c] * gre
        }
        #expect(dx[s * 2 * n + c] == Float(dRe) && dx[s * 2 * n + n + c] == Float(dIm))
      }
    }
    let negative = 2 * h * n
    for r in 0..<h {
      for c in 0..<n {
        for (k, g) in [(r * n + c, da[r][c]), ((h + r) * n + c, db[r][c])] {
          let tp = WeightQuantizer.tanh(layer.latent[k])
          let tn = WeightQuantizer.tanh(layer.latent[negative + k])
          #expect(abs(parameters[k] - g * (1 - tp * tp)) <= 1e-4 * max(1, abs(g)))
          #expect(abs(parameters[negative + k] + g * (1 - tn * tn)) <= 1e-4 * max(1, abs(g)))
        }
      }
    }
    #expect(parameters.count == layer.latent.count)  // no batch norm in this stage
  }

  @Test func trainedComplexNetsFoldExactly() async throws {
    let data = try TrainingFoldTests.toyData(inputs: 10, count: 120, seed: 4)
    var config = Self.config
    config.layers[2].outputs = 2
    config.epochs = 2
    var trainer = try BnnTrainer(config: config)
    let state = try await trainer.train(on: data).bestModel.state
    var random = SeededRandom(seed: 8)
    let samples = (0..<40).map { _ in (0..<10).map { _ in Int.random(in: 0...1, using: &random) } }
    try TrainingFoldTests.expectAgreement(state, samples: samples)
    let read = try BnnTrainingState(fileData: Data(state.fileText().utf8), options: config)
    #expect(read == state)
  }
}
