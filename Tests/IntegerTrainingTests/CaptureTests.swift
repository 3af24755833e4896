import BitCore
import FixedPoint
import IntegerTraining
import Testing

/// `WAGEUBNCapture`: capturing does not change a step, and every captured line satisfies its
/// unit's definition, recomputed here independently (wide `Int` arithmetic) — what the
/// Verilator replay of `CosimTests/WageubnUnitReplayTests` checks on the hardware side.
@Suite struct CaptureTests {
  /// `x / 2^s` rounded half to even (`s > 0`) or `x · 2^−s`.
  static func roundHalfEven(_ x: Int, _ s: Int) -> Int {
    guard s > 0 else { return x << -s }
    let q = x >> s
    let rem = x - (q << s)
    let half = 1 << (s - 1)
    return rem > half || (rem == half && q & 1 != 0) ? q + 1 : q
  }

  static func clamp(_ x: Int, _ bound: Int) -> Int { min(max(x, -bound), bound) }

  /// One captured file's lines as numbers (the random word of `stochastic` files read as hex).
  static func rows(_ text: String, hexColumn: Int? = nil) -> [[Int]] {
    text.split(separator: "\n").map { line in
      line.split(separator: " ").enumerated().map { i, word in
        i == hexColumn ? Int(truncatingIfNeeded: UInt64(word, radix: 16)!) : Int(word)!
      }
    }
  }

  @Test(arguments: [
    Accumulator(width: 13, overflow: .saturate), Accumulator(width: 14, overflow: .wrap),
  ])
  func capturedLinesFollowTheUnitDefinitions(_ accumulator: Accumulator) throws {
    let widths = [12, 9, 4]
    let plan = AccumulatorPlan(all: accumulator)
    let rng = CounterRNG(seed: 5, stream: 9)
    var plain = WAGEUBNNetwork(widths: widths, seed: 3, arithmetic: .integer, rounding: .rndConv)
    var captured = plain
    var statistics = (0..<2).map {
      LayerStatistics(
        name: "dense\($0 + 1)", inputs: widths[$0], outputs: widths[$0 + 1], plan: plan,
        isFirst: $0 == 0)
    }
    var capturedStatistics = statistics
    var capture: WAGEUBNCapture? = WAGEUBNCapture(steps: [1], dotProducts: 5)
    var overflowing = 0
    for step in 0..<3 {
      let inputs = (0..<6 * widths[0]).map { i in
        Int64(rng.integer(at: UInt64(step * 1000 + i), below: 255)) - 127
      }
      let labels = (0..<6).map { Int(rng.integer(at: UInt64(step * 1000 + 900 + $0), below: 4)) }
      let context = WAGEUBNStepContext(
        quantizer: WAGEUBNQuantizer(profile: .paper), plan: plan,
        phase: WAGEUBNSchedule.Phase(startEpoch: 0, learningRateCode: 26, gScaleBits: 7),
        step: step, stochasticSeed: 11, threads: 1)
      let a = plain.step(inputs: inputs, labels: labels, context: context, statistics: &statistics)
      let b = captured.step(
        inputs: inputs, labels: labels, context: context, statistics: &capturedStatistics,
        capture: &capture)
      #expect(a == b && plain.weightsDigest.hexDigest == captured.weightsDigest.hexDigest)
    }
    let result = try #require(capture)
    #expect(result.entries.allSatisfy { $0.step == 1 })
    #expect(Set(result.entries.map(\.unit)) == ["mac", "shift", "e2", "stochastic"])
    #expect(result.entries.count == 3 + 2 + 1 + 2 + 2, "5 products, E1, 2 E2, 2 G")
    let high = (1 << (accumulator.width - 1)) - 1
    for entry in result.entries {
      let text = try #require(result.files[entry.file])
      let p = entry.parameters
      switch entry.unit {
      case "mac":
        let k = try #require(p["K"])
        for row in Self.rows(text) {
          #expect(row.count == 2 * k + 2)
          var sum = 0
          var overflow = false
          for i in 0..<k {
            sum += row[i] * row[k + i]
            guard sum > high || sum < -high - 1 else { continue }
            overflow = true
            sum =
              accumulator.overflow == .saturate
              ? (sum > high ? high : -high - 1)
              : ((sum + high + 1) % (2 * high + 2) + 2 * high + 2) % (2 * high + 2) - high - 1
          }
          #expect(row[2 * k] == sum && row[2 * k + 1] == (overflow ? 1 : 0), "\(entry.file)")
          if overflow { overflowing += 1 }
        }
      case "shift":
        let s = try #require(p["R_CODE"]) - (try #require(p["BITS"]) - 1)
        for row in Self.rows(text) {
          #expect(row[1] == Self.clamp(Self.roundHalfEven(row[0], s), p["BOUND"]!), "\(row)")
        }
      case "e2":
        let k = try #require(p["BITS"])
        let r = try #require(p["R_CODE"])
        let t = r - (k - 1)
        for row in Self.rows(text) {
          let small = t <= 0 ? row[0] == 0 : abs(row[0]) < 1 << t
          let want =
            small
            ? Self.clamp(Self.roundHalfEven(row[0], r - 2 * (k - 1)), 1 << (k - 1))
            : Self.clamp(Self.roundHalfEven(row[0], t), (1 << (k - 1)) - 1) << (k - 1)
          #expect(row[1] == want, "\(entry.file) \(row)")
        }
      default:
        let s = try #require(p["SHIFT"])
        #expect(s > 0 && s < 64)
        for row in Self.rows(text, hexColumn: 1) {
          let m = abs(row[0])
          let top = UInt64(bitPattern: Int64(row[1])) >> UInt64(64 - s)
          let up = top < UInt64(m & ((1 << s) - 1)) ? 1 : 0
          let y = min((m >> s) + up, p["BOUND"]!)
          #expect(row[2] == (row[0] < 0 ? -y : y), "\(entry.file) \(row)")
        }
      }
    }
    #expect(overflowing > 0, "the narrow accumulator overflows in some captured dot product")
  }
}
