import FixedPoint
import IntegerTraining
import Testing

/// Constant quantization's stochastic rounding: the same key gives the same bits, and the
/// rounding is unbiased.
@Suite struct StochasticRoundingTests {
  /// 1.0 (fixes R = 1) and `n` copies each of ±(50 + 77/256)/128, which g_scale 128 scales to
  /// ±50.30078125.
  func tensor(_ n: Int) -> FixedArray {
    let format = FixedFormat(signed: true, width: 24, fractionBits: 16)
    let value: Int64 = (50 * 256 + 77) * 2
    return FixedArray(
      codes: [65536] + Array(repeating: value, count: n) + Array(repeating: -value, count: n),
      format: format)
  }

  @Test func sameKeySameBits() {
    let x = tensor(1000)
    let quantizer = WAGEUBNQuantizer()
    let key = StochasticKey(seed: 5, step: 9, tensor: 2)
    let a = quantizer.constant(x, bits: 8, gScaleBits: 7, key: key)
    #expect(a == quantizer.constant(x, bits: 8, gScaleBits: 7, key: key))
    let b = quantizer.constant(
      x, bits: 8, gScaleBits: 7, key: StochasticKey(seed: 5, step: 10, tensor: 2))
    let c = quantizer.constant(
      x, bits: 8, gScaleBits: 7, key: StochasticKey(seed: 5, step: 9, tensor: 3))
    #expect(a.codes != b.codes && a.codes != c.codes && b.codes != c.codes)
  }

  /// With n = 100000 per sign, the mean fraction of a sign has standard deviation
  /// √(p(1−p)/n) ≈ 0.00145 for p = 77/256; the bound 0.0073 is five of them (a fair rounding
  /// fails it with probability < 10⁻⁶, a bias of one part in 2^7 always fails it).
  @Test(arguments: StochasticForm.allCases) func unbiased(form: StochasticForm) {
    let n = 100_000
    let q = WAGEUBNQuantizer(profile: WAGEUBNProfile(stochasticForm: form))
      .constant(tensor(n), bits: 8, gScaleBits: 7, key: StochasticKey(seed: 2026))
    let codes = q.codes.int64Codes ?? []
    #expect(codes[0] == 127)
    let positive = codes[1...n]
    let negative = codes[(n + 1)...]
    #expect(positive.allSatisfy { $0 == 50 || $0 == 51 })
    #expect(negative.allSatisfy { $0 == -50 || $0 == -51 })
    let p = 77.0 / 256.0
    let up = Double(positive.filter { $0 == 51 }.count) / Double(n)
    let down = Double(negative.filter { $0 == -51 }.count) / Double(n)
    #expect(abs(up - p) < 0.0073, "\(up)")
    #expect(abs(down - p) < 0.0073, "\(down)")
  }
}
