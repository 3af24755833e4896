import Testing
import _TestSupport

@testable import BinarizedNets

/// The float products of training (`CFloatKernels`) on every CPU path against plain Swift
/// loops that state the definition: each element's products added in order from +0, each
/// rounded before the add. Random floats of mixed magnitudes make the sums order- and
/// fusion-sensitive, so a reassociated sum or a fused multiply-add would show as a bit
/// difference.
@Suite struct FloatKernelTests {
  /// `count` floats of magnitudes 2^−8 … 2^8 and both signs (no exact ±1 shortcuts).
  static func randomFloats(_ count: Int, _ random: inout SeededRandom) -> [Float] {
    (0..<count).map { _ in
      Float(
        sign: Bool.random(using: &random) ? .minus : .plus,
        exponent: Int.random(in: -8...8, using: &random),
        significand: Float.random(in: 1..<2, using: &random))
    }
  }

  /// Each element's sum in order, as the kernels must compute it.
  static func reference(
    _ a: [Float], _ b: [Float], m: Int, k: Int, n: Int, aRow: Int, aColumn: Int
  ) -> [Float] {
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var sum: Float = 0
        for t in 0..<k {
          let product = a[i * aRow + t * aColumn] * b[t * n + j]
          sum = sum + product
        }
        out[i * n + j] = sum
      }
    }
    return out
  }

  /// The paths this CPU runs (the portable one always).
  static var paths: [FloatKernelPath] { FloatKernelPath.allCases.filter { $0.id != nil } }

  // Shapes around the tile sizes (portable 4×16, AVX2 6×16, AVX-512 8×32) and large
  // enough to split across threads.
  @Test(arguments: [
    (1, 1, 1), (3, 0, 5), (7, 5, 4), (8, 33, 32), (9, 17, 47), (17, 70, 65), (64, 40, 100),
    (130, 31, 20),
  ])
  func everyPathAndThreadCountMatchesTheOrderedSums(shape: (Int, Int, Int)) {
    let (samples, inputs, outputs) = shape
    var random = SeededRandom(seed: UInt64(samples * 10_000 + inputs * 100 + outputs))
    let x = Self.randomFloats(samples * inputs, &random)
    let w = Self.randomFloats(outputs * inputs, &random)
    let d = Self.randomFloats(samples * outputs, &random)
    let forward = Self.reference(
      x, (0..<(inputs * outputs)).map { w[($0 % outputs) * inputs + $0 / outputs] },
      m: samples, k: inputs, n: outputs, aRow: inputs, aColumn: 1)
    let weights = Self.reference(
      d, x, m: outputs, k: samples, n: inputs, aRow: 1, aColumn: outputs)
    let input = Self.reference(d, w, m: samples, k: outputs, n: inputs, aRow: outputs, aColumn: 1)
    for path in Self.paths {
      for threads in [1, 2, 3] {
        let z = DenseProducts.forward(
          x, w, samples: samples, inputs: inputs, outputs: outputs, threads: threads, path: path)
        let g = DenseProducts.weightGradient(
          d, x, samples: samples, inputs: inputs, outputs: outputs, threads: threads, path: path)
        let dx = DenseProducts.inputGradient(
          d, w, samples: samples, inputs: inputs, outputs: outputs, threads: threads, path: path)
        #expect(z.map(\.bitPattern) == forward.map(\.bitPattern), "\(path) \(threads) forward")
        #expect(g.map(\.bitPattern) == weights.map(\.bitPattern), "\(path) \(threads) weights")
        #expect(dx.map(\.bitPattern) == input.map(\.bitPattern), "\(path) \(threads) input")
      }
    }
  }

  /// The data is order- and fusion-sensitive: the same products added in reverse order, or
  /// with fused multiply-adds, change some sums, so the comparison above can fail.
  @Test func theDataTellsSummationOrdersApart() {
    var random = SeededRandom(seed: 11)
    let (m, k, n) = (16, 64, 16)
    let a = Self.randomFloats(m * k, &random)
    let b = Self.randomFloats(k * n, &random)
    let ordered = Self.reference(a, b, m: m, k: k, n: n, aRow: k, aColumn: 1)
    var reversed = [Float](repeating: 0, count: m * n)
    var fused = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        for t in (0..<k).reversed() { reversed[i * n + j] += a[i * k + t] * b[t * n + j] }
        var acc: Float = 0
        for t in 0..<k { acc = acc.addingProduct(a[i * k + t], b[t * n + j]) }
        fused[i * n + j] = acc
      }
    }
    #expect(ordered != reversed)
    #expect(ordered != fused)
  }
}
