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

  /// Three training steps (`paper`, learning-rate code 26) of `network` on `rows` random
  /// samples of each step — input codes `rng`-drawn below `codes.below`, plus `codes.offset`;
  /// labels below `classes` — once without and once with `capture`; the two must take the
  /// same steps and end with the same weights. Returns what was captured.
  static func threeSteps(
    _ network: WAGEUBNNetwork, plan: AccumulatorPlan, rng: CounterRNG, rows: Int,
    codes: (below: UInt64, offset: Int64), classes: UInt64, capture: WAGEUBNCapture
  ) -> WAGEUBNCapture? {
    var plain = network
    var captured = network
    var statistics = network.emptyStatistics(plan: plan)
    var capturedStatistics = statistics
    var capture: WAGEUBNCapture? = capture
    let features = network.input.reduce(1, *)
    for step in 0..<3 {
      let inputs = (0..<rows * features).map { i in
        Int64(rng.integer(at: UInt64(step * 1000 + i), below: codes.below)) + codes.offset
      }
      let labels = (0..<rows).map {
        Int(rng.integer(at: UInt64(step * 1000 + 900 + $0), below: classes))
      }
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
    return capture
  }

  @Test(arguments: [
    Accumulator(width: 13, overflow: .saturate), Accumulator(width: 14, overflow: .wrap),
  ])
  func capturedLinesFollowTheUnitDefinitions(_ accumulator: Accumulator) throws {
    let widths = [12, 9, 4]
    let plan = AccumulatorPlan(all: accumulator)
    let network = WAGEUBNNetwork(
      widths: widths, seed: 3, arithmetic: .integer, rounding: .rndConv)
    let capture = Self.threeSteps(
      network, plan: plan, rng: CounterRNG(seed: 5, stream: 9), rows: 6, codes: (255, -127),
      classes: 4, capture: WAGEUBNCapture(steps: [1], dotProducts: 5))
    var overflowing = 0
    let result = try #require(capture)
    #expect(result.entries.allSatisfy { $0.step == 1 })
    #expect(Set(result.entries.map(\.unit)) == ["mac", "shift", "e2", "stochastic"])
    #expect(result.entries.count == 3 + 2 + 1 + 2 + 2, "5 products, E1, 2 E2, 2 G")
    for entry in result.entries {
      overflowing += try Self.verify(entry, try #require(result.files[entry.file]), accumulator)
    }
    #expect(overflowing > 0, "the narrow accumulator overflows in some captured dot product")
  }

  /// A small CNN (conv → BN → ReLU/Q → max-pool → conv stride 2 → BN → ReLU/Q → dense):
  /// capturing does not change a step; every convolution product, E2, G and the E1 after
  /// each batch norm is captured and follows its unit's definition; each convolution's dot
  /// products cover every channel.
  @Test(arguments: [
    Accumulator(width: 14, overflow: .saturate), Accumulator(width: 15, overflow: .wrap),
  ])
  func convolutionCaptureFollowsTheUnitDefinitions(_ accumulator: Accumulator) throws {
    let architecture = WAGEUBNArchitecture(
      input: [8, 8, 2],
      stages: [
        .convolution(channels: 5, stride: 1, padding: 1), .batchNorm, .activation, .maxPool,
        .convolution(channels: 6, stride: 2, padding: 1), .batchNorm, .activation,
        .dense(outputs: 3),
      ], name: "small")
    let plan = AccumulatorPlan(all: accumulator)
    let network = WAGEUBNNetwork(
      architecture: architecture, seed: 4, arithmetic: .integer, rounding: .rndConv,
      batchNormBound: .max)
    let capture = Self.threeSteps(
      network, plan: plan, rng: CounterRNG(seed: 6, stream: 1), rows: 3, codes: (128, 0),
      classes: 3, capture: WAGEUBNCapture(steps: [0, 2], dotProducts: 12))
    let result = try #require(capture)
    var expected: Set<String> = []
    for step in [0, 2] {
      for layer in ["conv1", "conv2", "dense1"] {
        for tensor in ["forward.mac", "gradient.mac", "E2.e2", "G.stochastic"] {
          expected.insert("s\(step)-\(layer)-\(tensor).txt")
        }
      }
      for name in ["conv2-error.mac", "dense1-error.mac", "bn1-E1.shift", "bn2-E1.shift"] {
        expected.insert("s\(step)-\(name).txt")
      }
    }
    #expect(Set(result.entries.map(\.file)) == expected)
    var overflowing = 0
    for entry in result.entries {
      let text = try #require(result.files[entry.file])
      overflowing += try Self.verify(entry, text, accumulator)
      guard entry.unit == "mac", entry.layer.hasPrefix("conv") else { continue }
      // conv1 has 5 output channels, conv2 6; conv2's error has its 5 input channels.
      let channels = [
        "conv1-forward": 5, "conv1-gradient": 5, "conv2-forward": 6, "conv2-gradient": 6,
        "conv2-error": 5,
      ][entry.layer + "-" + entry.tensor]
      let per = max(1, 12 / (channels ?? 1))
      #expect(entry.vectors == (channels ?? 0) * per, "\(entry.file)")
      let k = try #require(entry.parameters["K"])
      let expectedK = [
        "forward": entry.layer == "conv1" ? 18 : 45, "error": 54,
        "gradient": entry.layer == "conv1" ? 3 * 64 : 3 * 4,
      ][entry.tensor]
      #expect(k == expectedK, "\(entry.file)")
    }
    #expect(overflowing > 0, "the narrow accumulator overflows in some captured dot product")
  }

  /// Checks every line of one captured file against its unit's definition; returns how many
  /// captured dot products overflowed.
  static func verify(_ entry: WAGEUBNCapture.Entry, _ text: String, _ accumulator: Accumulator)
    throws -> Int
  {
    let high = (1 << (accumulator.width - 1)) - 1
    var overflowing = 0
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
    return overflowing
  }
}
