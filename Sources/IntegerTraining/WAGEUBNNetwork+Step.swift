import BitCore
import FixedPoint
import TrainingCore

/// What one training step needs besides the network: the quantizers, the accumulators, the
/// schedule phase, the random key and the thread count.
public struct WAGEUBNStepContext: Sendable {
  /// The profile's quantizers.
  public var quantizer: WAGEUBNQuantizer
  /// The declared accumulators (integer mode).
  public var plan: AccumulatorPlan
  /// The learning rate and gradient scale in force.
  public var phase: WAGEUBNSchedule.Phase
  /// The step number (0-based): the `step` of every ``StochasticKey``.
  public var step: Int
  /// The seed of the stochastic-rounding keys (``WAGEUBNStreams/stochasticSeed``).
  public var stochasticSeed: UInt64
  /// Worker threads of the products (results do not depend on it).
  public var threads: Int
  /// The widths of E1 and E2.
  public var bits: WAGEUBNBitWidths

  /// A context.
  public init(
    quantizer: WAGEUBNQuantizer, plan: AccumulatorPlan, phase: WAGEUBNSchedule.Phase, step: Int,
    stochasticSeed: UInt64, threads: Int, bits: WAGEUBNBitWidths = .standard
  ) {
    self.quantizer = quantizer
    self.plan = plan
    self.phase = phase
    self.step = step
    self.stochasticSeed = stochasticSeed
    self.threads = threads
    self.bits = bits
  }
}

extension WAGEUBNNetwork {
  /// The error at the logits goes onto this grid (units `2^−30`) before E2: the one
  /// conversion from the float loss into integers.
  public static let logitErrorExponent = -30

  /// One training step on `count` samples (`inputs` row-major codes `−127 … 127`, one label
  /// each); returns the batch-mean loss and adds every counter to `statistics` (one entry
  /// per layer).
  ///
  /// Dataflow (spec §2 without batch norm; each arrow's quantizer in brackets):
  /// forward `y_l = W_q·a_l` [declared accumulator, units 2^−14], hidden
  /// `a_(l+1) = Q(ReLU(y_l), 8)`; the logits `y_L · 2^−14` go through a float softmax
  /// cross-entropy (``SoftmaxCrossEntropy``, batch mean), whose gradient is rounded to units
  /// 2^−30 and quantized by E2; for each layer from the last, the weight gradient
  /// `E2ᵀ·a_l` [accumulator] is constant-quantized (key `(seed, step, tensor = l)`), and, except
  /// for the first layer, the error `E2·W_q` [accumulator] is quantized by E1, masked by
  /// `y_(l−1) > 0` (A13) and quantized by E2. Then every layer takes the quantized Momentum
  /// update (``QuantizedMomentum``; float mode: the same in `Double` without `Q(Acc, 13)`).
  public mutating func step(
    inputs: [Int64], labels: [Int], context: WAGEUBNStepContext,
    statistics: inout [LayerStatistics]
  ) -> Double {
    var none: WAGEUBNCapture? = nil
    return step(
      inputs: inputs, labels: labels, context: context, statistics: &statistics, capture: &none)
  }

  /// ``step(inputs:labels:context:statistics:)``, recording the units' tensors into
  /// `capture` when it is given and asks for this step (integer arithmetic only).
  public mutating func step(
    inputs: [Int64], labels: [Int], context: WAGEUBNStepContext,
    statistics: inout [LayerStatistics], capture: inout WAGEUBNCapture?
  ) -> Double {
    let captures = capture?.steps.contains(context.step) == true && arithmetic == .integer
    let q = context.quantizer
    let rows = labels.count
    let last = layers.count - 1
    var activations = [IntegerTensor(codes: inputs, exponent: -7)]
    var sums: [[Int64]] = []
    for l in 0...last {
      let layer = layers[l]
      var events = AccumulatorEvents()
      let y = product(
        activations[l].codes, layer.forward, rows, layer.inputs, layer.outputs, .forward,
        context.plan, context.threads, &events)
      statistics[l].add(events, to: "forward")
      if captures {
        capture?.recordProduct(
          step: context.step, layer: "dense\(l + 1)", kind: .forward,
          left: activations[l].codes, right: layer.forward, output: y, rows: rows,
          n: layer.inputs, m: layer.outputs, accumulator: context.plan.forward)
      }
      sums.append(y)
      if l < last {
        let a = q.direct(IntegerTensor(codes: y.map { max($0, 0) }, exponent: -14), bits: 8)
        statistics[l].record(a, as: "A", step: context.step)
        activations.append(a.tensor)
      }
    }
    let (loss, logitError) = Self.logitError(
      sums[last], labels: labels, classes: layers[last].outputs)
    var e = q.e2(
      logitError, bits: context.bits.e2,
      previousExponent: statistics[last].tensors["E2"]?.lastExponent ?? 0)
    statistics[last].record(e, as: "E2", step: context.step)
    if captures {
      capture?.recordQuantizer(
        step: context.step, layer: "dense\(last + 1)", tensor: "E2", input: logitError,
        output: e, bits: context.bits.e2, bound: nil)
    }
    var gradients = [[Int64]](repeating: [], count: layers.count)
    for l in stride(from: last, through: 0, by: -1) {
      let layer = layers[l]
      var gradientEvents = AccumulatorEvents()
      let g = product(
        e.tensor.codes, activations[l].codes, rows, layer.inputs, layer.outputs, .gradient,
        context.plan, context.threads, &gradientEvents)
      statistics[l].add(gradientEvents, to: "gradient")
      if captures {
        capture?.recordProduct(
          step: context.step, layer: "dense\(l + 1)", kind: .gradient, left: e.tensor.codes,
          right: activations[l].codes, output: g, rows: rows, n: layer.inputs,
          m: layer.outputs, accumulator: context.plan.gradient)
      }
      let key = StochasticKey(
        seed: context.stochasticSeed, step: UInt32(truncatingIfNeeded: context.step),
        tensor: UInt32(l))
      let gInput = IntegerTensor(
        codes: g, exponent: e.tensor.exponent + activations[l].exponent)
      let gq = q.constant(gInput, bits: 8, gScaleBits: context.phase.gScaleBits, key: key)
      if captures, q.profile.stochasticForm == .signMagnitude {
        capture?.recordStochastic(
          step: context.step, layer: "dense\(l + 1)", input: gInput,
          words: WAGEUBNCapture.words(key, count: g.count), output: gq,
          shift: (gq.shiftExponent ?? gInput.exponent) - gInput.exponent
            - context.phase.gScaleBits,
          bound: (Int64(1) << Int64(context.phase.gScaleBits)) - 1)
      }
      statistics[l].record(gq, as: "G", step: context.step)
      gradients[l] = gq.tensor.codes
      guard l > 0 else { break }
      var errorEvents = AccumulatorEvents()
      let back = product(
        e.tensor.codes, layer.forward, rows, layer.inputs, layer.outputs, .error, context.plan,
        context.threads, &errorEvents)
      statistics[l].add(errorEvents, to: "error")
      if captures {
        capture?.recordProduct(
          step: context.step, layer: "dense\(l + 1)", kind: .error, left: e.tensor.codes,
          right: layer.forward, output: back, rows: rows, n: layer.inputs, m: layer.outputs,
          accumulator: context.plan.error)
      }
      let e1Input = IntegerTensor(codes: back, exponent: e.tensor.exponent - 7)
      let e1 = q.e1(
        e1Input, bits: context.bits.e1,
        previousExponent: statistics[l - 1].tensors["E1"]?.lastExponent ?? 0)
      statistics[l - 1].record(e1, as: "E1", step: context.step)
      if captures {
        let half = Int64(1) << Int64(context.bits.e1 - 1)
        capture?.recordQuantizer(
          step: context.step, layer: "dense\(l)", tensor: "E1", input: e1Input, output: e1,
          bits: context.bits.e1, bound: q.profile.e1Clip == .symmetric ? half - 1 : half)
      }
      let masked = IntegerTensor(
        codes: zip(e1.tensor.codes, sums[l - 1]).map { $1 > 0 ? $0 : 0 },
        exponent: e1.tensor.exponent)
      e = q.e2(
        masked, bits: context.bits.e2,
        previousExponent: statistics[l - 1].tensors["E2"]?.lastExponent ?? 0)
      statistics[l - 1].record(e, as: "E2", step: context.step)
      if captures {
        capture?.recordQuantizer(
          step: context.step, layer: "dense\(l)", tensor: "E2", input: masked, output: e,
          bits: context.bits.e2, bound: nil)
      }
    }
    for l in 0...last { update(layer: l, gradient: gradients[l], context, &statistics[l].updates) }
    return loss
  }

  /// The batch-mean softmax cross-entropy of the logits `sums · 2^−14` and its gradient
  /// rounded (ties to even) to units 2^−30.
  static func logitError(_ sums: [Int64], labels: [Int], classes: Int) -> (Double, IntegerTensor) {
    var loss = 0.0
    var codes = [Int64](repeating: 0, count: sums.count)
    let scale = 1 / Float(labels.count)
    var z = [Float](repeating: 0, count: classes)
    for (r, label) in labels.enumerated() {
      for c in 0..<classes { z[c] = Float(sums[r * classes + c]) * 0x1p-14 }
      loss += SoftmaxCrossEntropy.apply(&z, label: label, scale: scale)
      for c in 0..<classes {
        codes[r * classes + c] = Int64((Double(z[c]) * 0x1p30).rounded(.toNearestOrEven))
      }
    }
    return (loss / Double(labels.count), IntegerTensor(codes: codes, exponent: logitErrorExponent))
  }

  /// The momentum update of layer `l` by the gradient codes (units 2^−14).
  mutating func update(
    layer l: Int, gradient: [Int64], _ context: WAGEUBNStepContext,
    _ stats: inout UpdateStatistics
  ) {
    let rounding = context.quantizer.profile.rounding
    let saturate = context.quantizer.profile.directRange == .saturate
    let lr = context.phase.learningRateCode
    switch arithmetic {
    case .integer:
      var layer = layers[l]
      layers[l].master = []  // keep the arrays uniquely referenced while they change
      QuantizedMomentum.apply(
        master: &layer.master, momentum: &layer.momentum, forward: &layer.forward,
        gradient: gradient, learningRate: lr, rounding: rounding, saturate: saturate,
        stats: &stats)
      layers[l] = layer
    case .floatReference:
      var local = UpdateStatistics()
      local.updates = gradient.count
      let rate = Double(lr) * 0x1p-9
      var layer = layers[l]
      layers[l].floatMaster = []
      for i in 0..<gradient.count {
        let acc = layer.floatMomentum[i] / 4 + Double(gradient[i]) * 0x1p-14
        if acc == 0 { local.zeroUpdates += 1 }
        layer.floatMomentum[i] = acc
        layer.floatMaster[i] -= rate * acc
        let w = (layer.floatMaster[i] * 128).rounded(.toNearestOrEven)
        let forward = Int64(max(-127, min(127, w)))
        if forward != layer.forward[i] { local.flips += 1 }
        layer.forward[i] = forward
      }
      layers[l] = layer
      stats.merge(local)
    }
  }
}
