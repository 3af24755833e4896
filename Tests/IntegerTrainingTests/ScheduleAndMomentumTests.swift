import BitCore
import IntegerTraining
import Testing

/// Learning-rate codes, the adapted schedule and the quantized Momentum (spec §7 items 4, 5).
@Suite struct ScheduleAndMomentumTests {
  @Test func learningRateCodes() {
    let rates: [(Int64, Int64)] = [(1, 20), (6, 1000), (3, 1000), (15, 10000)]
    let codes = rates.map { WAGEUBNSchedule.learningRateCode(numerator: $0.0, denominator: $0.1) }
    #expect(codes == [26, 3, 2, 1])
    // C clips to ±511 in units 2^−9; ties go to even.
    #expect(WAGEUBNSchedule.learningRateCode(numerator: 3, denominator: 2) == 511)
    #expect(WAGEUBNSchedule.learningRateCode(numerator: 5, denominator: 1024) == 2)
    #expect(WAGEUBNSchedule.learningRateCode(numerator: -7, denominator: 1024) == -4)
  }

  @Test func officialScheduleOverHundredEpochs() {
    let s = WAGEUBNSchedule.official(epochs: 100)
    #expect(s.phases.map(\.startEpoch) == [0, 30, 60, 80, 90])
    #expect(s.phases.map(\.learningRateCode) == [26, 3, 2, 1, 1])
    #expect(s.phases.map(\.gScaleBits) == [7, 7, 5, 3, 1])
    #expect(s.phase(epoch: 29).learningRateCode == 26 && s.phase(epoch: 30).learningRateCode == 3)
    #expect(s.phase(epoch: 99).gScaleBits == 1)
    #expect(WAGEUBNSchedule.official(epochs: 2).phase(epoch: 1).learningRateCode == 3)
    #expect(WAGEUBNSchedule.constant().phase(epoch: 50).learningRateCode == 26)
  }

  /// Random G codes, momentum and learning rates: the integer path equals a float64 replay
  /// of TF's ApplyMomentum followed by the Q(Acc, 13) and Q(W, 24) assigns, bit for bit.
  @Test func momentumMatchesAFloat64Replay() {
    let rng = CounterRNG(seed: 5, stream: 0)
    var index: UInt64 = 0
    func draw(_ bound: UInt64) -> Int64 {
      defer { index += 1 }
      return Int64(rng.integer(at: index, below: 2 * bound + 1)) - Int64(bound)
    }
    var stats = UpdateStatistics()
    for trial in 0..<200 {
      let n = 64
      var master = (0..<n).map { _ in draw(1 << 22) }
      var momentum = (0..<n).map { _ in draw(4095) }
      var forward = master.map { QuantizedMomentum.forwardWeight($0, rounding: .rndConv) }
      let gradient = (0..<n).map { _ in draw(127) }
      let lr = [26, 3, 2, 1, 511][trial % 5]
      var w = master.map { Double($0) * 0x1p-23 }
      var acc = momentum.map { Double($0) * 0x1p-12 }
      for i in 0..<n {
        acc[i] = acc[i] * 0.25 + Double(gradient[i]) * 0x1p-14
        w[i] -= Double(lr) * 0x1p-9 * acc[i]
        acc[i] = (acc[i] * 4096).rounded(.toNearestOrEven) / 4096
        w[i] = (w[i] * 0x1p23).rounded(.toNearestOrEven) * 0x1p-23
      }
      QuantizedMomentum.apply(
        master: &master, momentum: &momentum, forward: &forward, gradient: gradient,
        learningRate: Int64(lr), rounding: .rndConv, saturate: false, stats: &stats)
      #expect(master.map { Double($0) * 0x1p-23 } == w, "W \(trial)")
      #expect(momentum.map { Double($0) * 0x1p-12 } == acc, "Acc \(trial)")
      #expect(forward == master.map { QuantizedMomentum.forwardWeight($0, rounding: .rndConv) })
    }
    #expect(stats.updates == 12_800)
    #expect(stats.zeroUpdates > 0)
    #expect(stats.flips > 0)
  }

  @Test func hardwareSaturatesAndCounts() {
    var master: [Int64] = [(1 << 23) - 10, 0]
    var momentum: [Int64] = [4095, -4095]
    var forward: [Int64] = [127, 0]
    var stats = UpdateStatistics()
    QuantizedMomentum.apply(
      master: &master, momentum: &momentum, forward: &forward, gradient: [-127, -127],
      learningRate: 26, rounding: .rndConv, saturate: true, stats: &stats)
    // T = 4095 − 127 = 3968 and −4095 − 127 = −4222 (units 2^−14); Acc = round(T/4).
    #expect(momentum == [992, -1056])
    let want: [Int64] = [8_388_598 - 103_168, 109_772]  // 2^23 − 10 − 26·3968, 26·4222
    #expect(master == want)
    #expect(stats.momentumSaturations == 0 && stats.weightSaturations == 0)
    var big: [Int64] = [(1 << 23) - 1]
    var acc: [Int64] = [0]
    var f: [Int64] = [127]
    QuantizedMomentum.apply(
      master: &big, momentum: &acc, forward: &f, gradient: [-127], learningRate: 511,
      rounding: .rndConv, saturate: true, stats: &stats)
    #expect(big == [(1 << 23) - 1] && stats.weightSaturations == 1)
  }
}
