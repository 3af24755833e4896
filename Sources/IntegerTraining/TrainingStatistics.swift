import FixedPoint

/// One declared accumulator of a layer and what its additions did over a run.
public struct AccumulatorRecord: Sendable, Hashable, Codable {
  /// The declared hardware register (width and wrap/saturate).
  public var declared: Accumulator
  /// Additions, overflows, saturations and the widest exact sum, over every step.
  public var events = AccumulatorEvents()

  /// A record of `declared` with no additions yet.
  public init(declared: Accumulator) { self.declared = declared }

  /// The smallest width that would have held every sum, when the run proves it (no
  /// overflow: the widest exact sum); `nil` after an overflow (the later sums followed the
  /// wrapped or clamped register — rerun with a wider accumulator).
  public var smallestOverflowFreeWidth: Int? {
    events.overflows == 0 ? events.maxBitLength : nil
  }
}

/// One quantized tensor of a layer over a run: its events and, for the shift-type
/// quantizers, the exponent `r` of `R = 2^r` at every step.
public struct TensorRecord: Sendable, Hashable, Codable {
  /// Elements, rounded, clipped and the widest code, over every step.
  public var events = QuantizationEvents()
  /// `r` at each recorded step (an all-zero step repeats the previous `r`, A10).
  public var shiftExponents: [Int] = []
  /// Steps (0-based) whose tensor was all zero (R(0) events).
  public var zeroScaleSteps: [Int] = []

  /// An empty record.
  public init() {}

  /// A jump is a change of `r` by at least this much between consecutive steps (a factor 4).
  public static let jumpThreshold = 2

  /// The last `r`, the previous exponent the next R(0) step keeps.
  public var lastExponent: Int? { shiftExponents.last }

  /// Steps (0-based, as recorded) where `r` moved by at least ``jumpThreshold``.
  public var jumpSteps: [Int] {
    guard shiftExponents.count > 1 else { return [] }
    return (1..<shiftExponents.count).filter {
      abs(shiftExponents[$0] - shiftExponents[$0 - 1]) >= Self.jumpThreshold
    }
  }

  /// Adds one step's quantizer result.
  mutating func record(_ q: QuantizedCodes, step: Int) {
    events.merge(q.events)
    if let r = q.shiftExponent { shiftExponents.append(r) }
    if q.zeroScale { zeroScaleSteps.append(step) }
  }
}

/// The counters of one layer: its three accumulators (`forward` W·A, `error` Wᵀ·E into the
/// layer's input, `gradient` E·Aᵀ), its quantized tensors (`A`, `E1`, `E2`, `G`) and its
/// weight updates.
public struct LayerStatistics: Sendable, Hashable, Codable {
  /// `dense1`, `dense2`, …
  public var name: String
  /// Fan-in and fan-out.
  public var inputs: Int
  /// Fan-out.
  public var outputs: Int
  /// By name: `forward`, `error` (not for the first layer), `gradient`.
  public var accumulators: [String: AccumulatorRecord]
  /// By name: `A` (hidden layers), `E1` (hidden layers), `E2`, `G`.
  public var tensors: [String: TensorRecord]
  /// The update-vs-LSB counters.
  public var updates = UpdateStatistics()

  /// Empty counters for a layer of `plan`'s accumulators.
  public init(name: String, inputs: Int, outputs: Int, plan: AccumulatorPlan, isFirst: Bool) {
    self.name = name
    self.inputs = inputs
    self.outputs = outputs
    var accumulators = [
      "forward": AccumulatorRecord(declared: plan.forward),
      "gradient": AccumulatorRecord(declared: plan.gradient),
    ]
    if !isFirst { accumulators["error"] = AccumulatorRecord(declared: plan.error) }
    self.accumulators = accumulators
    tensors = [:]
  }

  /// Adds one product's events to accumulator `name`.
  mutating func add(_ events: AccumulatorEvents, to name: String) {
    accumulators[
      name, default: AccumulatorRecord(declared: Accumulator(width: 64, overflow: .wrap))
    ]
    .events.merge(events)
  }

  /// Records one quantizer result under tensor `name`.
  mutating func record(_ q: QuantizedCodes, as name: String, step: Int) {
    tensors[name, default: TensorRecord()].record(q, step: step)
  }

  /// The total overflows of every accumulator.
  public var overflows: Int { accumulators.values.reduce(0) { $0 + $1.events.overflows } }
}

/// The declared accumulators of the three products of every layer.
public struct AccumulatorPlan: Sendable, Hashable, Codable {
  /// `W·A` (units `2^−14`).
  public var forward: Accumulator
  /// `Wᵀ·E2` (the error into a layer's input).
  public var error: Accumulator
  /// `E2ᵀ·A` (the weight gradient, summed over the batch).
  public var gradient: Accumulator

  /// A plan.
  public init(forward: Accumulator, error: Accumulator, gradient: Accumulator) {
    self.forward = forward
    self.error = error
    self.gradient = gradient
  }

  /// Every product in the same register.
  public init(all accumulator: Accumulator) {
    self.init(forward: accumulator, error: accumulator, gradient: accumulator)
  }

  /// `paper` and `officialCode`: 48-bit registers that these nets never overflow, so the
  /// report's widest sums are the widths the datapath needs.
  public static let reference = AccumulatorPlan(all: Accumulator(width: 48, overflow: .wrap))
  /// `hardware`: saturating registers of the widths spec §2.5 derives (forward 24 bits:
  /// 8-bit A × 8-bit W over ~1000 terms; error and gradient 32 bits).
  public static let hardware = AccumulatorPlan(
    forward: Accumulator(width: 24, overflow: .saturate),
    error: Accumulator(width: 32, overflow: .saturate),
    gradient: Accumulator(width: 32, overflow: .saturate))
}
