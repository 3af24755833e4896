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

/// What the forward pass needs besides the network and the input.
struct WAGEUBNForwardContext {
  /// The profile's quantizers.
  var quantizer: WAGEUBNQuantizer
  /// The declared accumulators.
  var plan: AccumulatorPlan
  /// Worker threads of the products.
  var threads: Int
  /// The step (for the counters and captures).
  var step: Int
  /// Batch statistics (training) or running statistics (evaluation) in batch norm.
  var training: Bool
}

/// What one stage's forward pass keeps for the backward pass.
enum StageTrace {
  /// The left operand of the weight gradient: the activations, or the convolution patches.
  case weights(IntegerTensor)
  /// Batch norm's `x̂` and the statistics it divided by.
  case batchNorm(normalized: IntegerTensor, statistics: BatchNormStatistics)
  /// The pre-activation codes (the ReLU mask, A13).
  case activation([Int64])
  /// The source of each pooled element, and the input's element count.
  case maxPool(sources: [Int], inputCount: Int)
}

extension WAGEUBNNetwork {
  /// The error at the logits goes onto this grid (units `2^−30`) before E2: the one
  /// conversion from the float loss into integers.
  public static let logitErrorExponent = -30

  /// For each stage, the index of the counters it records into: its own for a stage with
  /// parameters, the last earlier one with parameters for the others (`nil` when none).
  var statisticsIndex: [Int?] {
    var current: Int? = nil
    var next = 0
    return stages.map { stage in
      if stage.hasParameters {
        current = next
        next += 1
      }
      return current
    }
  }

  /// The forward pass of `rows` samples: the logits (units `2^−14`). Adds the accumulator
  /// and quantizer counters to `statistics`, keeps what the backward pass needs in `traces`
  /// (when given) and records the dense and convolution products into `capture` (when given).
  func forward(
    _ input: IntegerTensor, rows: Int, _ context: WAGEUBNForwardContext,
    _ statistics: inout [LayerStatistics], _ traces: inout [StageTrace]?,
    _ capture: inout WAGEUBNCapture?
  ) -> IntegerTensor {
    let q = context.quantizer
    let index = statisticsIndex
    let names = stageNames
    var a = input
    for (s, stage) in stages.enumerated() {
      switch stage {
      case .dense(let layer):
        traces?.append(.weights(a))
        var events = AccumulatorEvents()
        let y = product(
          a.codes, layer.forward, rows, layer.inputs, layer.outputs, .forward,
          context.plan.forward, context.threads, &events)
        statistics[index[s]!].add(events, to: "forward")
        capture?.recordProduct(
          step: context.step, layer: names[s], kind: .forward, left: a.codes,
          right: layer.forward, output: y, rows: rows, n: layer.inputs, m: layer.outputs,
          accumulator: context.plan.forward)
        a = IntegerTensor(codes: y, exponent: a.exponent - 7)
      case .convolution(let layer):
        let patches = IntegerTensor(
          codes: ChannelLastKernels.patches(
            a.codes, n: rows, h: layer.height, w: layer.width, c: layer.channels,
            stride: layer.stride, padding: layer.padding), exponent: a.exponent)
        traces?.append(.weights(patches))
        let positions = rows * layer.outputHeight * layer.outputWidth
        var events = AccumulatorEvents()
        let y = product(
          patches.codes, layer.weights.forward, positions, layer.weights.inputs,
          layer.weights.outputs, .forward, context.plan.forward, context.threads, &events)
        statistics[index[s]!].add(events, to: "forward")
        capture?.recordConvolution(
          step: context.step, layer: names[s], name: "forward", kind: .forward,
          left: patches.codes, right: layer.weights.forward, output: y, rows: positions,
          n: layer.weights.inputs, m: layer.weights.outputs, accumulator: context.plan.forward)
        a = IntegerTensor(codes: y, exponent: a.exponent - 7)
      case .batchNorm(let layer):
        let batch =
          context.training
          ? q.batchStatistics(a, channels: layer.channels)
          : layer.evaluationStatistics(q.profile.batchNormRunning)
        let xhat = q.batchNormalize(a, batch)
        statistics[index[s]!].record(xhat, as: "xhat", step: context.step)
        traces?.append(.batchNorm(normalized: xhat.tensor, statistics: batch))
        a = q.batchNormAffine(xhat.tensor, gamma: layer.gamma.forward, beta: layer.beta.forward)
      case .activation:
        traces?.append(.activation(a.codes))
        let quantized = q.direct(
          IntegerTensor(codes: a.codes.map { max($0, 0) }, exponent: a.exponent), bits: 8)
        if let i = index[s] { statistics[i].record(quantized, as: "A", step: context.step) }
        a = quantized.tensor
      case .maxPool(let h, let w, let c):
        let pooled = ChannelLastKernels.maxPool(a.codes, n: rows, h: h, w: w, c: c)
        traces?.append(.maxPool(sources: pooled.sources, inputCount: a.codes.count))
        a = IntegerTensor(codes: pooled.codes, exponent: a.exponent)
      }
    }
    return a
  }

  /// One training step on `count` samples (`inputs` row-major codes `−127 … 127`, one label
  /// each); returns the batch-mean loss and adds every counter to `statistics` (one entry
  /// per layer).
  ///
  /// Dataflow (spec §2; each arrow's quantizer in brackets): forward through the stages
  /// (products in the declared forward accumulator, units 2^−14; batch norm on the batch
  /// statistics; activations `Q(ReLU(y), 8)`); the logits `y · 2^−14` go through a float
  /// softmax cross-entropy (``SoftmaxCrossEntropy``, batch mean), whose gradient is rounded
  /// to units 2^−30. Backward, from the last stage: a dense or convolution stage quantizes
  /// its incoming error by E2, takes the weight gradient `E2ᵀ·a` [accumulator],
  /// constant-quantized (key `(seed, step, tensor = weight stage index)`), and, unless no
  /// earlier stage has parameters, the error `E2·W_q` [accumulator] into its input; an
  /// activation quantizes the error by E1 and masks it by `y > 0` (A13); batch norm takes
  /// ``WAGEUBNQuantizer/batchNormBackward(_:normalized:gamma:std:)``; max-pool routes the
  /// error to each window's maximum. Then every parameter takes the quantized Momentum
  /// update (``QuantizedMomentum``; float mode: the same in `Double` without `Q(Acc, 13)`) and
  /// batch norm's running statistics move.
  public mutating func step(
    inputs: [Int64], labels: [Int], context: WAGEUBNStepContext,
    statistics: inout [LayerStatistics]
  ) -> Double {
    var none: WAGEUBNCapture? = nil
    return step(
      inputs: inputs, labels: labels, context: context, statistics: &statistics, capture: &none)
  }

  /// ``step(inputs:labels:context:statistics:)``, recording the datapath units' tensors into
  /// `capture` when it is given and asks for this step (integer arithmetic only).
  public mutating func step(
    inputs: [Int64], labels: [Int], context: WAGEUBNStepContext,
    statistics: inout [LayerStatistics], capture: inout WAGEUBNCapture?
  ) -> Double {
    let captures = capture?.steps.contains(context.step) == true && arithmetic == .integer
    var recorder: WAGEUBNCapture? = captures ? capture : nil
    defer { if captures { capture = recorder } }
    let q = context.quantizer
    let rows = labels.count
    let index = statisticsIndex
    let names = stageNames
    var traced: [StageTrace]? = []
    let logits = forward(
      IntegerTensor(codes: inputs, exponent: -7), rows: rows,
      WAGEUBNForwardContext(
        quantizer: q, plan: context.plan, threads: context.threads, step: context.step,
        training: true), &statistics, &traced, &recorder)
    let traces = traced!
    let (loss, logitError) = Self.logitError(
      logits.codes, labels: labels, classes: layers.last!.outputs)
    let first = stages.firstIndex(where: \.hasParameters)!
    var weightIndex = layers.count
    var error = logitError
    var gradients = [[Int64]](repeating: [], count: stages.count)
    var betaGradients = [[Int64]](repeating: [], count: stages.count)
    for s in stride(from: stages.count - 1, through: first, by: -1) {
      switch (stages[s], traces[s]) {
      case (.dense, .weights(let a)), (.convolution, .weights(let a)):
        weightIndex -= 1
        let l = index[s]!
        let name = names[s]
        let weights = stages[s].weights!
        let dense = if case .dense = stages[s] { true } else { false }
        let e = q.e2(
          error, bits: context.bits.e2,
          previousExponent: statistics[l].tensors["E2"]?.lastExponent ?? 0)
        statistics[l].record(e, as: "E2", step: context.step)
        recorder?.recordQuantizer(
          step: context.step, layer: name, tensor: "E2", input: error, output: e,
          bits: context.bits.e2, bound: nil)
        let positions = a.codes.count / weights.inputs
        var gradientEvents = AccumulatorEvents()
        let g = product(
          e.tensor.codes, a.codes, positions, weights.inputs, weights.outputs, .gradient,
          context.plan.gradient, context.threads, &gradientEvents)
        statistics[l].add(gradientEvents, to: "gradient")
        if dense {
          recorder?.recordProduct(
            step: context.step, layer: name, kind: .gradient, left: e.tensor.codes,
            right: a.codes, output: g, rows: rows, n: weights.inputs, m: weights.outputs,
            accumulator: context.plan.gradient)
        } else {
          recorder?.recordConvolution(
            step: context.step, layer: name, name: "gradient", kind: .gradient,
            left: e.tensor.codes, right: a.codes, output: g, rows: positions, n: weights.inputs,
            m: weights.outputs, accumulator: context.plan.gradient)
        }
        let key = StochasticKey(
          seed: context.stochasticSeed, step: UInt32(truncatingIfNeeded: context.step),
          tensor: UInt32(weightIndex))
        let gInput = IntegerTensor(codes: g, exponent: e.tensor.exponent + a.exponent)
        let gq = q.constant(
          gInput, bits: 8, gScaleBits: context.phase.gScaleBits, key: key,
          threads: context.threads)
        if q.profile.stochasticForm == .signMagnitude {
          recorder?.recordStochastic(
            step: context.step, layer: name, input: gInput,
            words: WAGEUBNCapture.words(key, count: g.count), output: gq,
            shift: (gq.shiftExponent ?? gInput.exponent) - gInput.exponent
              - context.phase.gScaleBits,
            bound: (Int64(1) << Int64(context.phase.gScaleBits)) - 1)
        }
        statistics[l].record(gq, as: "G", step: context.step)
        gradients[s] = gq.tensor.codes
        guard s > first else { break }
        var errorEvents = AccumulatorEvents()
        let back: [Int64]
        switch stages[s] {
        case .convolution(let layer):
          let spread = ChannelLastKernels.spread(
            e.tensor.codes, n: rows, h: layer.height, w: layer.width, o: weights.outputs,
            stride: layer.stride, padding: layer.padding)
          let patches = ChannelLastKernels.patches(
            spread, n: rows, h: layer.height + 2, w: layer.width + 2, c: weights.outputs,
            stride: 1, padding: 0)
          let flipped = ChannelLastKernels.flipped(
            weights.forward, outputs: weights.outputs, channels: layer.channels)
          back = product(
            patches, flipped, rows * layer.height * layer.width, 9 * weights.outputs,
            layer.channels, .forward, context.plan.error, context.threads, &errorEvents)
          recorder?.recordConvolution(
            step: context.step, layer: name, name: "error", kind: .forward, left: patches,
            right: flipped, output: back, rows: rows * layer.height * layer.width,
            n: 9 * weights.outputs, m: layer.channels, accumulator: context.plan.error)
        default:
          back = product(
            e.tensor.codes, weights.forward, rows, weights.inputs, weights.outputs, .error,
            context.plan.error, context.threads, &errorEvents)
          recorder?.recordProduct(
            step: context.step, layer: name, kind: .error, left: e.tensor.codes,
            right: weights.forward, output: back, rows: rows, n: weights.inputs,
            m: weights.outputs, accumulator: context.plan.error)
        }
        statistics[l].add(errorEvents, to: "error")
        error = IntegerTensor(codes: back, exponent: e.tensor.exponent - 7)
      case (.batchNorm(let layer), .batchNorm(let xhat, let batch)):
        let g = q.batchNormBackward(
          error, normalized: xhat, gamma: layer.gamma.forward, std: batch.std)
        statistics[index[s]!].record(
          QuantizedCodes(tensor: g.input, shiftExponent: nil, zeroScale: false, events: g.events),
          as: "dX", step: context.step)
        gradients[s] = g.gamma
        betaGradients[s] = g.beta
        error = g.input
      case (.activation, .activation(let pre)):
        let e1 = q.e1(
          error, bits: context.bits.e1,
          previousExponent: index[s].flatMap { statistics[$0].tensors["E1"]?.lastExponent } ?? 0)
        if let l = index[s] {
          statistics[l].record(e1, as: "E1", step: context.step)
          let half = Int64(1) << Int64(context.bits.e1 - 1)
          recorder?.recordQuantizer(
            step: context.step, layer: statistics[l].name, tensor: "E1", input: error,
            output: e1, bits: context.bits.e1,
            bound: q.profile.e1Clip == .symmetric ? half - 1 : half)
        }
        error = IntegerTensor(
          codes: zip(e1.tensor.codes, pre).map { $1 > 0 ? $0 : 0 }, exponent: e1.tensor.exponent)
      case (.maxPool, .maxPool(let sources, let count)):
        error = IntegerTensor(
          codes: ChannelLastKernels.route(error.codes, sources: sources, inputCount: count),
          exponent: error.exponent)
      default:
        preconditionFailure("one trace per stage")
      }
    }
    for s in stages.indices where stages[s].hasParameters {
      update(stage: s, gradients[s], betaGradients[s], traces[s], context, &statistics[index[s]!])
    }
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

  /// The updates of stage `s`'s parameters by their gradient codes (units 2^−14): the
  /// weights of a dense or convolution stage, or batch norm's `γ` and `β` (whose master and
  /// momentum are never clamped, A2, and whose forward codes saturate to ±127 only under
  /// ``DirectRange/saturate``) and its running statistics.
  mutating func update(
    stage s: Int, _ gradient: [Int64], _ betaGradient: [Int64], _ trace: StageTrace,
    _ context: WAGEUBNStepContext, _ stats: inout LayerStatistics
  ) {
    let profile = context.quantizer.profile
    let saturate = profile.directRange == .saturate
    // The stage leaves `stages` (`.activation` stands in) and is consumed by the switch, so
    // the arrays being changed are uniquely referenced and updated in place.
    var stage = WAGEUBNStage.activation
    swap(&stage, &stages[s])
    switch consume stage {
    case .dense(var layer):
      update(&layer, gradient, context, saturate: saturate, bound: 127, &stats.updates)
      stages[s] = .dense(layer)
    case .convolution(var layer):
      update(&layer.weights, gradient, context, saturate: saturate, bound: 127, &stats.updates)
      stages[s] = .convolution(layer)
    case .batchNorm(var layer):
      let bound = profile.batchNormForwardBound
      update(&layer.gamma, gradient, context, saturate: false, bound: bound, &stats.updates)
      update(&layer.beta, betaGradient, context, saturate: false, bound: bound, &stats.updates)
      if case .batchNorm(_, let batch) = trace {
        layer.updateRunning(batch, profile.batchNormRunning, rounding: profile.rounding)
      }
      stages[s] = .batchNorm(layer)
    case .activation:
      stages[s] = .activation
    case .maxPool(let height, let width, let channels):
      stages[s] = .maxPool(height: height, width: width, channels: channels)
    }
  }

  /// The quantized Momentum update of one parameter tensor (forward codes bounded by
  /// `±bound`; master and momentum saturated when `saturate`).
  func update(
    _ layer: inout WAGEUBNDenseLayer, _ gradient: [Int64], _ context: WAGEUBNStepContext,
    saturate: Bool, bound: Int64, _ stats: inout UpdateStatistics
  ) {
    let rounding = context.quantizer.profile.rounding
    let lr = context.phase.learningRateCode
    switch arithmetic {
    case .integer:
      QuantizedMomentum.apply(
        master: &layer.master, momentum: &layer.momentum, forward: &layer.forward,
        gradient: gradient, learningRate: lr, rounding: rounding, saturate: saturate,
        forwardBound: bound, threads: context.threads, stats: &stats)
    case .floatReference:
      var local = UpdateStatistics()
      local.updates = gradient.count
      let rate = Double(lr) * 0x1p-9
      let limit = Double(min(bound, 1 << 62))
      for i in 0..<gradient.count {
        let acc = layer.floatMomentum[i] / 4 + Double(gradient[i]) * 0x1p-14
        if acc == 0 { local.zeroUpdates += 1 }
        layer.floatMomentum[i] = acc
        layer.floatMaster[i] -= rate * acc
        let w = (layer.floatMaster[i] * 128).rounded(.toNearestOrEven)
        let forward = w.isFinite ? Int64(max(-limit, min(limit, w))) : 0
        if forward != layer.forward[i] { local.flips += 1 }
        layer.forward[i] = forward
      }
      stats.merge(local)
    }
  }
}
