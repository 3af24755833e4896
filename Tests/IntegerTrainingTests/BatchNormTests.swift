import BitCore
import FixedPoint
import IntegerTraining
import Testing

/// The batch-norm quantizers against exact rational inequalities (in ``BigInt``) and
/// `Double`-exact worked examples.
@Suite struct BatchNormTests {
  /// `q` is `num / den` (`den > 0`) rounded to nearest, ties to even.
  func isNearestEven(_ q: BigInt, _ num: BigInt, _ den: BigInt) -> Bool {
    let twice = (num - q * den) << 1
    let distance = twice.isNegative ? -twice : twice
    if distance < den { return true }
    return distance == den && !q.bit(0)
  }

  /// Random channel-last tensors in units 2^−14, with codes up to `bits` bits.
  func randomTensor(_ trial: Int, channels: Int, positions: Int, bits: Int) -> IntegerTensor {
    let rng = CounterRNG(seed: 77, stream: UInt64(trial))
    let span = UInt64(1) << UInt64(bits)
    let offset = Int64(rng.integer(at: 0, below: span)) - Int64(span / 2)
    let codes = (0..<channels * positions).map { i -> Int64 in
      Int64(rng.integer(at: UInt64(i + 1), below: span)) - Int64(span / 2) + offset / 2
    }
    return IntegerTensor(codes: codes, exponent: -14)
  }

  @Test func statisticsAreTheExactRationalsRounded() {
    let q = WAGEUBNQuantizer()
    for trial in 0..<40 {
      let channels = 1 + trial % 4
      let positions = trial % 5 == 0 ? 1 : 1 + trial * 7
      let x = randomTensor(trial, channels: channels, positions: positions, bits: 4 + trial % 30)
      let s = q.batchStatistics(x, channels: channels)
      let n = BigInt(positions)
      for c in 0..<channels {
        let values = stride(from: c, to: x.codes.count, by: channels).map { BigInt(x.codes[$0]) }
        let sum = values.reduce(BigInt(0), +)
        let squares = values.reduce(BigInt(0)) { $0 + $1 * $1 }
        // μ·2^15 = 2·Σx / n (x in units 2^−14).
        #expect(isNearestEven(BigInt(s.mean[c]), sum << 1, n), "mean \(trial) \(c)")
        // var·2^30 = 4·D / n² with D = n·Σx² − (Σx)².
        let d = n * squares - sum * sum
        // (Clamped to 2^62 − 1 when the rounded value is larger.)
        let limit = BigInt((Int64(1) << 62) - 1)
        if BigInt(s.variance[c]) == limit {
          #expect(!((d << 2) < limit * n * n), "variance \(trial) \(c) clamped")
        } else {
          #expect(isNearestEven(BigInt(s.variance[c]), d << 2, n * n), "variance \(trial) \(c)")
        }
        // S − ½ ≤ 2^15·√var < S + ½ ⇔ (2S − 1)² ≤ 16·D / n² < (2S + 1)².
        let two = BigInt(2 * s.std[c])
        let low = s.std[c] == 0 ? BigInt(0) : (two - 1) * (two - 1) * n * n
        #expect(!(d << 4 < low) && d << 4 < (two + 1) * (two + 1) * n * n, "std \(trial) \(c)")
      }
    }
  }

  /// x = 1, 2, 3, 4 (one channel): μ = 2.5, var = 1.25, σ·2^15 = 36635.73…, so `S` = 36636 and
  /// `x̂ = round((x − 2.5)·2^15/36637·128)`; every step is exact in `Double`.
  @Test func workedExampleMatchesDouble() {
    let q = WAGEUBNQuantizer()
    let x = IntegerTensor(codes: [1, 2, 3, 4].map { Int64($0) << 14 }, exponent: -14)
    let s = q.batchStatistics(x, channels: 1)
    #expect(s.mean == [81920])
    #expect(s.variance == [Int64(1.25 * 0x1p30)])
    #expect(s.std == [36636])
    let xhat = q.batchNormalize(x, s)
    let expected = [1.0, 2, 3, 4].map { v in
      Int64(((v - 2.5) * 32768 / 36637 * 128).rounded(.toNearestOrEven))
    }
    #expect(xhat.tensor.codes == expected)
    #expect(xhat.tensor.codes == [-172, -57, 57, 172])
    #expect(xhat.tensor.exponent == -7)
    #expect(xhat.events.rounded == 4)
    let y = q.batchNormAffine(xhat.tensor, gamma: [64], beta: [-3])
    #expect(y.exponent == -14)
    #expect(y.codes == [-172, -57, 57, 172].map { $0 * 64 - 3 * 128 })
  }

  @Test func normalizedCodesAreTheExactQuotientsRounded() {
    for profile in [WAGEUBNProfile.paper, .hardware] {
      let q = WAGEUBNQuantizer(profile: profile)
      for trial in 0..<30 {
        let channels = 1 + trial % 3
        let x = randomTensor(
          100 + trial, channels: channels, positions: 1 + trial % 9, bits: 3 + trial)
        let s = q.batchStatistics(x, channels: channels)
        let xhat = q.batchNormalize(x, s)
        var clipped = 0
        for (i, code) in xhat.tensor.codes.enumerated() {
          let c = i % channels
          // (x − μ)/(σ + ε)·2^7 = (2x − M)·128 / (S + 1).
          let num = (BigInt(x.codes[i]) * 2 - BigInt(s.mean[c])) * 128
          let den = BigInt(s.std[c] + 1)
          var exact = BigInt(0)
          for candidate in [
            num.floorDivided(by: den).quotient, num.floorDivided(by: den).quotient + 1,
          ]
          where isNearestEven(candidate, num, den) {
            exact = candidate
          }
          if profile.directRange == .saturate, exact.magnitude > BigInt(127) {
            clipped += 1
            #expect(BigInt(code) == (exact.isNegative ? BigInt(-127) : BigInt(127)))
          } else {
            #expect(BigInt(code) == exact, "trial \(trial) element \(i)")
          }
        }
        #expect(xhat.events.overflowed == clipped)
      }
    }
  }

  /// The backward pass against the textbook formula evaluated in `Double` on small codes (the
  /// exact result is within `2^−20` relative of it), and the parameter gradients exactly.
  @Test func backwardMatchesTheTextbookFormula() {
    let q = WAGEUBNQuantizer()
    for trial in 0..<20 {
      let channels = 1 + trial % 3
      let positions = 2 + trial * 3
      let rng = CounterRNG(seed: 5, stream: UInt64(trial))
      let count = channels * positions
      let dy = IntegerTensor(
        codes: (0..<count).map { Int64(rng.integer(at: UInt64($0), below: 255)) - 127 },
        exponent: -17)
      let xhat = IntegerTensor(
        codes: (0..<count).map { Int64(rng.integer(at: UInt64(1000 + $0), below: 601)) - 300 },
        exponent: -7)
      let gamma = (0..<channels).map { Int64(rng.integer(at: UInt64(5000 + $0), below: 255)) - 127 }
      let std = (0..<channels).map { Int64(rng.integer(at: UInt64(6000 + $0), below: 70_000)) }
      let g = q.batchNormBackward(dy, normalized: xhat, gamma: gamma, std: std)
      #expect(g.input.exponent == -40)
      for c in 0..<channels {
        let indices = Array(stride(from: c, to: count, by: channels))
        let dys = indices.map { Double(dy.codes[$0]) * 0x1p-17 }
        let xs = indices.map { Double(xhat.codes[$0]) * 0x1p-7 }
        let sumDy = dys.reduce(0, +)
        let sumDyX = zip(dys, xs).reduce(0) { $0 + $1.0 * $1.1 }
        // Both sums are exact in Double; Q(·, 15) rounds them to 2^−14.
        #expect(g.beta[c] == Int64((sumDy * 0x1p14).rounded(.toNearestOrEven)))
        #expect(g.gamma[c] == Int64((sumDyX * 0x1p14).rounded(.toNearestOrEven)))
        let n = Double(positions)
        let scale = Double(gamma[c]) * 0x1p-7 / (Double(std[c] + 1) * 0x1p-15)
        for (j, i) in indices.enumerated() {
          let dx = scale * (dys[j] - sumDy / n - xs[j] * sumDyX / n)
          let expected = dx * 0x1p40
          let got = Double(g.input.codes[i])
          #expect(abs(got - expected) <= 0.5 + abs(expected) * 0x1p-40, "trial \(trial) \(i)")
        }
      }
    }
  }

  @Test func standardDeviationOfAVarianceCode() {
    #expect(BatchNormStatistics.std(ofVariance: 0) == 0)
    #expect(BatchNormStatistics.std(ofVariance: 2) == 1)
    #expect(BatchNormStatistics.std(ofVariance: 6) == 2)
    #expect(BatchNormStatistics.std(ofVariance: 7) == 3)
    #expect(BatchNormStatistics.std(ofVariance: 1 << 30) == 1 << 15)
    #expect(BatchNormStatistics.std(ofVariance: (1 << 30) + (1 << 15)) == 1 << 15)
    #expect(BatchNormStatistics.std(ofVariance: (1 << 30) + (1 << 15) + 1) == (1 << 15) + 1)
  }

  @Test func hardwareSaturatesTheParameterGradients() {
    let dy = IntegerTensor(codes: [100_000, 100_000], exponent: -7)
    let xhat = IntegerTensor(codes: [128, -128], exponent: -7)
    let paper = WAGEUBNQuantizer().batchNormBackward(dy, normalized: xhat, gamma: [128], std: [0])
    let hardware = WAGEUBNQuantizer(profile: .hardware).batchNormBackward(
      dy, normalized: xhat, gamma: [128], std: [0])
    #expect(paper.beta == [200_000 * 128])
    #expect(hardware.beta == [16383])
    #expect(hardware.events.overflowed == paper.events.overflowed + 1)
  }
}
