import BitCore
import FixedPoint
import IntegerTraining
import Testing

/// The training path's `Int64` quantizers against the `FixedArray` quantizers (themselves
/// checked against exact rationals) on random tensors: codes, exponents, flags and counts.
@Suite struct CodeQuantizerTests {
  /// A random tensor of codes up to `bits` bits with exponent `e`.
  func randomTensor(_ rng: CounterRNG, _ trial: Int) -> IntegerTensor {
    let base = UInt64(trial) * 64
    let bits = 2 + Int(rng.integer(at: base, below: 40))
    let exponent = Int(rng.integer(at: base + 1, below: 40)) - 40
    let count = 1 + Int(rng.integer(at: base + 2, below: 40))
    let limit = UInt64(1) << UInt64(bits - 1)
    let span = rng.integer(at: base + 3, below: 4) == 0 ? min(limit, 9) : limit
    let edges = rng.integer(at: base + 3, below: 4) == 1
    let zero = rng.integer(at: base + 4, below: 16) == 0
    let codes = (0..<count).map { i -> Int64 in
      if zero { return 0 }
      let w = rng.word(at: base + 5 + UInt64(i))
      if edges {
        let j = Int64(1) << Int64(w % UInt64(bits - 1))
        let c = max(-Int64(limit) + 1, min(Int64(limit) - 1, j + Int64((w >> 8) % 3) - 1))
        return (w >> 16) & 1 == 0 ? c : -c
      }
      return Int64(rng.integer(at: base + 5 + UInt64(i), below: 2 * span)) - Int64(span)
    }
    return IntegerTensor(codes: codes, exponent: exponent)
  }

  func expectSame(_ fast: QuantizedCodes, _ reference: QuantizedTensor, _ what: String) {
    #expect(fast.tensor.codes.map { BigInt($0) } == reference.codes.codes, "\(what) codes")
    #expect(fast.tensor.exponent == reference.exponent, "\(what) exponent")
    #expect(fast.shiftExponent == reference.shiftExponent, "\(what) r")
    #expect(fast.zeroScale == reference.zeroScale, "\(what) zero")
    #expect(fast.events.count == reference.events.count, "\(what) count")
    #expect(fast.events.rounded == reference.events.rounded, "\(what) rounded")
    #expect(fast.events.overflowed == reference.events.overflowed, "\(what) clipped")
  }

  static let profiles: [WAGEUBNProfile] = [
    .paper, .officialCode, .hardware, WAGEUBNProfile(rounding: .rndInf),
    WAGEUBNProfile(stochasticForm: .floor),
  ]

  @Test(arguments: 0..<5) func matchesTheFixedArrayQuantizers(profileIndex: Int) {
    let quantizer = WAGEUBNQuantizer(profile: Self.profiles[profileIndex])
    let rng = CounterRNG(seed: 13, stream: UInt64(profileIndex))
    for trial in 0..<300 {
      let x = randomTensor(rng, trial)
      let fixed = x.fixedArray
      let k = 2 + trial % 9
      expectSame(
        quantizer.shift(x, bits: k, previousExponent: 3),
        quantizer.shift(fixed, bits: k, previousExponent: 3), "shift \(trial)")
      expectSame(
        quantizer.e1(x, bits: k, previousExponent: -2),
        quantizer.e1(fixed, bits: k, previousExponent: -2), "e1 \(trial)")
      expectSame(quantizer.e2(x, bits: k), quantizer.e2(fixed, bits: k), "e2 \(trial)")
      if x.exponent <= 1 - k {
        expectSame(
          quantizer.direct(x, bits: k), quantizer.direct(fixed, bits: k), "direct \(trial)")
      }
      let key = StochasticKey(seed: UInt64(trial), step: UInt32(trial % 7), tensor: 2)
      let g = 1 + trial % 8
      expectSame(
        quantizer.constant(x, bits: 8, gScaleBits: g, key: key),
        quantizer.constant(fixed, bits: 8, gScaleBits: g, key: key), "constant \(trial)")
    }
  }

  /// Spec §4's official-code vectors through the `Int64` path (e in units 2^−20, R = 1).
  @Test func specVectorsOnCodes() {
    let e = IntegerTensor(
      codes: [0.3, -0.02, 0.0049, 1.2, -0.75, 0.00011, -1.37].map {
        Int64(($0 * 1_048_576).rounded())
      }, exponent: -20)
    let official = WAGEUBNQuantizer(profile: .officialCode)
    #expect(official.e1(e, bits: 8).tensor.codes == [38, -3, 1, 128, -96, 0, -128])
    #expect(WAGEUBNQuantizer().e1(e, bits: 8).tensor.codes == [38, -3, 1, 127, -96, 0, -127])
    let e2 = WAGEUBNQuantizer().e2(e, bits: 8)
    #expect(e2.tensor.codes == [4864, -384, 80, 16256, -12288, 2, -16256])
    #expect(e2.tensor.exponent == -14)
    let ties = IntegerTensor(codes: [1, 3, 5, -1, -5], exponent: -8)
    #expect(WAGEUBNQuantizer().direct(ties, bits: 8).tensor.codes == [0, 2, 2, 0, -2])
  }
}
