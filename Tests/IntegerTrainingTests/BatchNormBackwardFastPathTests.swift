import BitCore
import FixedPoint
import IntegerTraining
import Testing

/// Batch norm's backward pass divides in `Int64` where the operands fit (one division, or two
/// when `g·2^s` does not fit) and in `Int128`/``BigInt`` otherwise. Both must give exactly the
/// `Int128` division's quotient, rounding and inexact flag: exhaustively on small operands,
/// on random operands across the whole range, and for the whole backward pass against a
/// ``BigInt`` evaluation of its formula, for every deterministic rounding mode.
@Suite struct BatchNormBackwardFastPathTests {
  /// `round(g·2^s / d)` through the 64-bit path, or `nil` when it declines.
  static func fast(_ g: Int64, _ s: Int64, _ d: Int64, _ mode: RoundingMode) -> (Int64, Bool)? {
    guard let (q, r) = WAGEUBNBatchNorm.floorQuotient(g, shift: s, by: d) else { return nil }
    #expect(r >= 0 && r < d)
    return WAGEUBNBatchNorm.round(q, remainder: r, denominator: d, negative: g < 0, mode: mode)
  }

  /// The `Int128` division the 64-bit path replaces.
  static func wide(_ g: Int64, _ s: Int64, _ d: Int64, _ mode: RoundingMode) -> (Int64, Bool) {
    let (q, inexact) = IntegerRounding.divide(Int128(g) << Int128(s), by: Int128(d), mode: mode)
    return (Int64(q), inexact)
  }

  @Test func exhaustiveOnSmallOperands() {
    var (checked, wrong) = (0, 0)
    for mode in RoundingMode.deterministic {
      for s in Int64(0)...5 {
        for d in Int64(1)...24 {
          for g in Int64(-150)...150 {
            checked += 1
            if Self.fast(g, s, d, mode).map({ $0 == Self.wide(g, s, d, mode) }) != true {
              wrong += 1
            }
          }
        }
      }
    }
    #expect(checked == 7 * 6 * 24 * 301 && wrong == 0)
  }

  @Test func randomOperandsAcrossTheRange() {
    let rng = CounterRNG(seed: 41, stream: 2)
    var (oneDivision, twoDivisions, declined, wrong) = (0, 0, 0, 0)
    for t in 0..<60_000 {
      let base = UInt64(t) * 8
      let gBits = Int(rng.integer(at: base, below: 64))
      let dBits = 1 + Int(rng.integer(at: base + 1, below: 61))
      let s = Int64(rng.integer(at: base + 2, below: 40))
      let g = Int64(bitPattern: rng.word(at: base + 3)) >> Int64(63 - gBits)
      let d = max(1, Int64(bitPattern: rng.word(at: base + 4) >> UInt64(64 - dBits)))
      let mode = RoundingMode.deterministic[t % RoundingMode.deterministic.count]
      let limit = Int64(1) << (62 - s)
      let fits = g > -limit && g < limit
      guard let got = Self.fast(g, s, d, mode) else {
        // It declines only when g·2^s does not fit and either d or the quotient is too large.
        if fits { wrong += 1 }
        declined += 1
        continue
      }
      if fits { oneDivision += 1 } else { twoDivisions += 1 }
      if got != Self.wide(g, s, d, mode) { wrong += 1 }
    }
    #expect(wrong == 0)
    #expect(oneDivision > 1000 && twoDivisions > 1000 && declined > 1000)
  }

  /// The backward pass's input gradient, evaluated in ``BigInt`` from its formula.
  static func reference(
    _ dy: IntegerTensor, _ xhat: IntegerTensor, _ gamma: [Int64], _ std: [Int64],
    _ mode: RoundingMode
  ) -> [Int64] {
    let channels = gamma.count
    let n = dy.codes.count / channels
    let z = -7 + 15 + 2 * xhat.exponent + 23
    return dy.codes.indices.map { i in
      let c = i % channels
      let members = Array(stride(from: c, to: dy.codes.count, by: channels))
      let sumDy = members.reduce(BigInt(0)) { $0 + BigInt(dy.codes[$1]) }
      let sumDyX = members.reduce(BigInt(0)) {
        $0 + BigInt(dy.codes[$1]) * BigInt(xhat.codes[$1])
      }
      let inner =
        ((BigInt(n) * BigInt(dy.codes[i]) - sumDy) << (-2 * xhat.exponent))
        - BigInt(xhat.codes[i]) * sumDyX
      let numerator = BigInt(gamma[c]) * inner << max(z, 0)
      let denominator = BigInt(std[c] + 1) * BigInt(n) << max(-z, 0)
      return IntegerRounding.clamped62(
        IntegerRounding.divide(numerator, by: denominator, mode: mode).0
      ).0
    }
  }

  @Test func backwardEqualsTheExactFormula() {
    for trial in 0..<48 {
      let rng = CounterRNG(seed: 43, stream: UInt64(trial))
      let channels = 1 + trial % 3
      let positions = 3 + trial % 7
      let count = channels * positions
      // From E1-sized errors to 39-bit ones, x̂ from 8 to 30 bits, σ codes up to 2^40: the
      // 64-bit path, its two-division form and the wide fallback all occur.
      let dyBits = UInt64(8 + trial % 32)
      let xBits = UInt64(8 + (trial * 5) % 23)
      func signed(_ at: UInt64, _ bits: UInt64) -> Int64 {
        Int64(rng.integer(at: at, below: UInt64(1) << bits)) - Int64(1 << (bits - 1))
      }
      let dy = IntegerTensor(codes: (0..<count).map { signed(UInt64($0), dyBits) }, exponent: -17)
      let xhat = IntegerTensor(
        codes: (0..<count).map { signed(UInt64(1000 + $0), xBits) }, exponent: -7)
      let gamma = (0..<channels).map { signed(UInt64(5000 + $0), 9) }
      let std = (0..<channels).map {
        Int64(rng.integer(at: UInt64(6000 + $0), below: UInt64(1) << UInt64(1 + trial % 40)))
      }
      let mode = RoundingMode.deterministic[trial % RoundingMode.deterministic.count]
      let g = WAGEUBNQuantizer(profile: WAGEUBNProfile(rounding: mode)).batchNormBackward(
        dy, normalized: xhat, gamma: gamma, std: std)
      #expect(g.input.codes == Self.reference(dy, xhat, gamma, std, mode), "trial \(trial)")
    }
  }
}

/// The LeNet-style CNN's weights digests on synthetic images, recorded with the `Int128`
/// batch-norm division this suite's fast path replaced: they must not change.
@Suite struct LenetPinnedDigestTests {
  @Test(arguments: [
    ("paper", "5fc57b7e4e0d7eab5a86588003bac4e68a6245dd806e30bfa62f4aeed3263339"),
    ("hardware", "8a9173c86cb1ed2a4e1e4cce5ecbb1008e28a319b02c974be34779003891549b"),
    ("officialCode", "b443f7e9e1bcab3947321fa422e856eb8c7d8ac194aa6e0c1912ee9d5f4e4a18"),
  ])
  func lenetDigestIsPinned(_ profileName: String, _ digest: String) async throws {
    let rng = CounterRNG(seed: 3, stream: 0)
    let count = 12
    let codes = (0..<count * 784).map { Int8(rng.integer(at: UInt64($0), below: 128)) }
    let samples = WAGEUBNSamples(
      codes: codes, labels: (0..<count).map { $0 % 10 }, features: 784)
    let profile = try #require(WAGEUBNProfile.named.first { $0.name == profileName }).profile
    let configuration = WAGEUBNTrainingConfiguration(
      widths: [784, 10], profileName: profileName, profile: profile,
      plan: profileName == "hardware" ? .hardware : .reference, schedule: .constant(),
      arithmetic: .integer, seed: 1, batchSize: 6, epochs: 1, architecture: .lenet)
    let run = try await WAGEUBNTraining.run(
      configuration, train: samples, test: samples, threads: 1
    ) { _, _, _, _ in }
    #expect(run.model.network.weightsDigest.hexDigest == digest)
  }
}
