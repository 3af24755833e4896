import BitCore
import FixedPoint
import IntegerTraining
import Testing
import TrainingCore

/// The integer MLP's training step against a separately written reference of the same
/// integer math: accumulators added one product at a time in `Int` with the declared
/// register checked after every addition, the `FixedArray` quantizers (checked against exact
/// rationals elsewhere), and the momentum update replayed in `Double` (exact at these widths).
@Suite struct NetworkDifferentialTests {
  /// One declared register: the running sum, counting overflows and saturations.
  struct Register {
    let accumulator: Accumulator
    var overflows = 0
    var saturations = 0

    mutating func sum(_ terms: [Int]) -> Int {
      let w = accumulator.width
      let low = -(1 << (w - 1))
      let high = (1 << (w - 1)) - 1
      var s = 0
      for t in terms {
        s += t
        if s < low || s > high {
          overflows += 1
          switch accumulator.overflow {
          case .wrap:
            s = ((s - low) % (1 << w) + (1 << w)) % (1 << w) + low
          case .saturate:
            saturations += 1
            s = s < low ? low : high
          }
        }
      }
      return s
    }
  }

  /// The reference network: forward codes, master, momentum per layer.
  struct Reference {
    var forward: [[Int]]
    var master: [[Int]]
    var momentum: [[Int]]
    var previous: [String: Int] = [:]
    var overflows = 0
    var saturations = 0
  }

  static func quantized(_ q: QuantizedTensor) -> [Int] {
    q.codes.codes.map { Int($0.description)! }
  }

  static func array(_ codes: [Int], exponent: Int) -> FixedArray {
    FixedArray(
      codes: codes.map { Int64($0) },
      format: FixedFormat(signed: true, width: 62, fractionBits: -exponent))
  }

  /// One reference step (same order of operations as the spec's dataflow).
  static func referenceStep(
    _ net: inout Reference, widths: [Int], inputs: [Int], labels: [Int],
    quantizer: WAGEUBNQuantizer, plan: AccumulatorPlan, phase: WAGEUBNSchedule.Phase,
    step: Int, seed: UInt64
  ) -> Double {
    let rows = labels.count
    let last = widths.count - 2
    var forwardRegister = Register(accumulator: plan.forward)
    var errorRegister = Register(accumulator: plan.error)
    var gradientRegister = Register(accumulator: plan.gradient)
    var activations = [inputs]
    var sums: [[Int]] = []
    for l in 0...last {
      let (n, m) = (widths[l], widths[l + 1])
      var y = [Int](repeating: 0, count: rows * m)
      for b in 0..<rows {
        for o in 0..<m {
          y[b * m + o] = forwardRegister.sum(
            (0..<n).map { activations[l][b * n + $0] * net.forward[l][o * n + $0] })
        }
      }
      sums.append(y)
      if l < last {
        activations.append(
          quantized(quantizer.direct(array(y.map { max($0, 0) }, exponent: -14), bits: 8)))
      }
    }
    // The loss: the same float steps as the library (they are not integer math).
    let classes = widths.last!
    var loss = 0.0
    var error = [Int](repeating: 0, count: rows * classes)
    for b in 0..<rows {
      var z = (0..<classes).map { Float(sums[last][b * classes + $0]) * 0x1p-14 }
      loss += SoftmaxCrossEntropy.apply(&z, label: labels[b], scale: 1 / Float(rows))
      for c in 0..<classes {
        error[b * classes + c] = Int((Double(z[c]) * 0x1p30).rounded(.toNearestOrEven))
      }
    }
    var eq = quantizer.e2(
      array(error, exponent: -30), bits: 8, previousExponent: net.previous["E2.\(last)"] ?? 0)
    net.previous["E2.\(last)"] = eq.shiftExponent
    var e = quantized(eq)
    var gradients = [[Int]](repeating: [], count: last + 1)
    for l in stride(from: last, through: 0, by: -1) {
      let (n, m) = (widths[l], widths[l + 1])
      var g = [Int](repeating: 0, count: m * n)
      for o in 0..<m {
        for i in 0..<n {
          g[o * n + i] = gradientRegister.sum(
            (0..<rows).map { e[$0 * m + o] * activations[l][$0 * n + i] })
        }
      }
      let key = StochasticKey(seed: seed, step: UInt32(step), tensor: UInt32(l))
      gradients[l] = quantized(
        quantizer.constant(
          array(g, exponent: eq.exponent - 7), bits: 8, gScaleBits: phase.gScaleBits, key: key))
      guard l > 0 else { break }
      var back = [Int](repeating: 0, count: rows * n)
      for b in 0..<rows {
        for i in 0..<n {
          back[b * n + i] = errorRegister.sum(
            (0..<m).map { e[b * m + $0] * net.forward[l][$0 * n + i] })
        }
      }
      let e1 = quantizer.e1(
        array(back, exponent: eq.exponent - 7), bits: 8,
        previousExponent: net.previous["E1.\(l - 1)"] ?? 0)
      net.previous["E1.\(l - 1)"] = e1.shiftExponent
      let masked = zip(quantized(e1), sums[l - 1]).map { $1 > 0 ? $0 : 0 }
      eq = quantizer.e2(
        array(masked, exponent: e1.exponent), bits: 8,
        previousExponent: net.previous["E2.\(l - 1)"] ?? 0)
      net.previous["E2.\(l - 1)"] = eq.shiftExponent
      e = quantized(eq)
    }
    for l in 0...last {
      for i in 0..<gradients[l].count {
        var acc = Double(net.momentum[l][i]) * 0x1p-12
        var w = Double(net.master[l][i]) * 0x1p-23
        acc = acc / 4 + Double(gradients[l][i]) * 0x1p-14
        w -= Double(phase.learningRateCode) * 0x1p-9 * acc
        net.momentum[l][i] = Int((acc * 4096).rounded(.toNearestOrEven))
        net.master[l][i] = Int((w * 0x1p23).rounded(.toNearestOrEven))
        let f = (Double(net.master[l][i]) * 0x1p-16).rounded(.toNearestOrEven)
        net.forward[l][i] = Int(max(-127, min(127, f)))
      }
    }
    net.overflows +=
      forwardRegister.overflows + errorRegister.overflows + gradientRegister.overflows
    net.saturations +=
      forwardRegister.saturations + errorRegister.saturations + gradientRegister.saturations
    return loss / Double(rows)
  }

  static let plans: [AccumulatorPlan] = [
    .reference, .hardware,
    AccumulatorPlan(
      forward: Accumulator(width: 12, overflow: .wrap),
      error: Accumulator(width: 13, overflow: .saturate),
      gradient: Accumulator(width: 14, overflow: .wrap)),
  ]

  @Test(arguments: 0..<3) func stepsMatchTheReference(planIndex: Int) {
    let plan = Self.plans[planIndex]
    let widths = [12, 9, 7, 4]
    let rng = CounterRNG(seed: 77, stream: UInt64(planIndex))
    for profile in [WAGEUBNProfile.paper, .officialCode, .hardware] {
      let quantizer = WAGEUBNQuantizer(profile: profile)
      var network = WAGEUBNNetwork(
        widths: widths, seed: 3, arithmetic: .integer, rounding: .rndConv)
      var reference = Reference(
        forward: network.layers.map { $0.forward.map { Int($0) } },
        master: network.layers.map { $0.master.map { Int($0) } },
        momentum: network.layers.map { $0.momentum.map { Int($0) } })
      var statistics = (0..<3).map {
        LayerStatistics(
          name: "d\($0)", inputs: widths[$0], outputs: widths[$0 + 1], plan: plan, isFirst: $0 == 0)
      }
      for step in 0..<6 {
        let rows = 5
        // Sample 0 is all zero every other step: its sums are exactly 0, where the ReLU mask
        // (y > 0) matters.
        let inputs = (0..<rows * widths[0]).map { i -> Int in
          if step % 2 == 0 && i < widths[0] { return 0 }
          return Int(rng.integer(at: UInt64(step * 1000 + i), below: 256)) - 128
        }.map { max(-127, $0) }
        let labels = (0..<rows).map {
          Int(rng.integer(at: UInt64(step * 1000 + 900 + $0), below: 4))
        }
        let phase = WAGEUBNSchedule.Phase(
          startEpoch: 0, learningRateCode: [26, 511][step % 2], gScaleBits: 7)
        let context = WAGEUBNStepContext(
          quantizer: quantizer, plan: plan, phase: phase, step: step, stochasticSeed: 11, threads: 2
        )
        let loss = network.step(
          inputs: inputs.map { Int64($0) }, labels: labels, context: context,
          statistics: &statistics)
        let want = Self.referenceStep(
          &reference, widths: widths, inputs: inputs, labels: labels, quantizer: quantizer,
          plan: plan, phase: phase, step: step, seed: 11)
        #expect(loss == want, "loss, step \(step)")
        #expect(
          network.layers.map { $0.forward.map { Int($0) } } == reference.forward, "W_q \(step)")
        #expect(network.layers.map { $0.master.map { Int($0) } } == reference.master, "W \(step)")
        #expect(
          network.layers.map { $0.momentum.map { Int($0) } } == reference.momentum, "Acc \(step)")
      }
      let overflows = statistics.reduce(0) { $0 + $1.overflows }
      let saturations = statistics.reduce(0) { s, l in
        s + l.accumulators.values.reduce(0) { $0 + $1.events.saturations }
      }
      #expect(overflows == reference.overflows && saturations == reference.saturations)
      if planIndex == 2 { #expect(overflows > 0, "the narrow plan overflows") }
      if planIndex == 0 { #expect(overflows == 0) }
    }
  }
}
