import BitCore
import FixedPoint
import IntegerTraining
import Testing

/// Every quantizer against ``RationalReference`` on random tensors, for each rounding choice
/// and profile option.
@Suite struct DifferentialTests {
  /// A random tensor: `count` codes of up to `bits` bits with `f` fraction bits.
  func randomTensor(_ rng: CounterRNG, _ trial: Int) -> (FixedArray, f: Int, k: Int) {
    let base = UInt64(trial) * 64
    let bits = 2 + Int(rng.integer(at: base, below: 40))
    let f = Int(rng.integer(at: base + 1, below: 50)) - 10
    let k = 2 + Int(rng.integer(at: base + 2, below: 15))
    let count = 1 + Int(rng.integer(at: base + 3, below: 40))
    let limit = UInt64(1) << UInt64(bits - 1)
    // A few tensors use a tiny range so ties and clamps are frequent.
    let span = rng.integer(at: base + 4, below: 4) == 0 ? min(limit, 9) : limit
    // Another quarter uses ±2^j + {−1, 0, 1}: the E2 threshold, R's and the clips' edges.
    let edges = rng.integer(at: base + 4, below: 4) == 1
    let codes = (0..<count).map { i -> Int64 in
      let w = rng.word(at: base + 5 + UInt64(i))
      if edges {
        let j = Int64(1) << Int64(w % UInt64(bits - 1))
        let c = max(-Int64(limit) + 1, min(Int64(limit) - 1, j + Int64((w >> 8) % 3) - 1))
        return (w >> 16) & 1 == 0 ? c : -c
      }
      return Int64(rng.integer(at: base + 5 + UInt64(i), below: 2 * span)) - Int64(span)
    }
    return (
      FixedArray(codes: codes, format: FixedFormat(signed: true, width: bits, fractionBits: f)), f,
      k
    )
  }

  static let modes: [RoundingMode] = [.rndConv, .rndInf]

  @Test(arguments: modes) func deterministicQuantizers(mode: RoundingMode) {
    let rng = CounterRNG(seed: 20_261_207, stream: mode == .rndConv ? 1 : 2)
    for trial in 0..<400 {
      let (x, f, k) = randomTensor(rng, trial)
      let codes = x.codes
      let wide = BigInt.powerOfTwo(k - 1)
      for range in DirectRange.allCases {
        let q = WAGEUBNQuantizer(profile: WAGEUBNProfile(rounding: mode, directRange: range))
          .direct(x, bits: k)
        #expect(q.exponent == 1 - k)
        #expect(
          q.codes.codes
            == RationalReference.direct(codes, f, k, mode, saturate: range == .saturate),
          "direct \(range) \(trial)")
      }
      let clip = WAGEUBNQuantizer().clip(x, bits: k)
      let p = max(f, k - 1)
      #expect(clip.exponent == -p)
      #expect(
        clip.codes.codes
          == codes.map { RationalReference.clamp($0 << (p - f), (wide - 1) << (p - (k - 1))) },
        "clip \(trial)")
      if RationalReference.maxCode(codes).isZero { continue }
      for e1 in E1Clip.allCases {
        let quantizer = WAGEUBNQuantizer(profile: WAGEUBNProfile(rounding: mode, e1Clip: e1))
        let bound = e1 == .symmetric ? wide - 1 : wide
        let (r, want) = RationalReference.shift(codes, f, k, mode, bound: bound)
        let q = quantizer.e1(x, bits: k)
        #expect(q.shiftExponent == r && q.exponent == r - (k - 1))
        #expect(q.codes.codes == want, "e1 \(e1) \(trial)")
      }
      let quantizer = WAGEUBNQuantizer(profile: WAGEUBNProfile(rounding: mode))
      let (r, want) = RationalReference.shift(codes, f, k, mode, bound: wide - 1)
      #expect(quantizer.shift(x, bits: k).codes.codes == want, "shift \(trial)")
      let (r2, want2) = RationalReference.e2(codes, f, k, mode)
      let e2 = quantizer.e2(x, bits: k)
      #expect(r2 == r && e2.exponent == r - 2 * (k - 1))
      #expect(e2.codes.codes == want2, "e2 \(trial)")
      let flagged = e2.codes.codes.map { c in (c.isNegative ? -c : c) >= wide }
      #expect(e2.coarse == flagged, "e2 flags \(trial)")
      let fields = e2.codes.codes.map { E2Fields(code: Int($0.description) ?? .max, bits: k) }
      #expect(fields.map { $0?.coarse } == flagged, "e2 fields \(trial)")
    }
  }

  @Test(arguments: StochasticForm.allCases) func constantQuantization(form: StochasticForm) {
    let rng = CounterRNG(seed: 99, stream: 3)
    for trial in 0..<400 {
      let (x, f, _) = randomTensor(rng, trial)
      if RationalReference.maxCode(x.codes).isZero { continue }
      let g = 1 + trial % 8
      let key = StochasticKey(
        seed: UInt64(trial), step: UInt32(trial % 5), tensor: UInt32(trial % 3))
      let q = WAGEUBNQuantizer(profile: WAGEUBNProfile(stochasticForm: form)).constant(
        x, bits: 8, gScaleBits: g, key: key)
      let want = RationalReference.constant(
        x.codes, f, gScaleBits: g, rng: key.rng, signMagnitude: form == .signMagnitude)
      #expect(q.codes.codes == want, "constant \(form) \(trial)")
      #expect(q.exponent == -14)
    }
  }
}
