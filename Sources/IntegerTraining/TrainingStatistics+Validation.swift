import FixedPoint

extension LayerStatistics {
  /// The largest count a saved counter may hold (`2^53`): far beyond any run (a count of
  /// additions grows by a product's size per step), and low enough that no run continued from
  /// it can overflow the counter.
  public static let savedCountLimit = 1 << 53

  /// The largest magnitude of a saved shift exponent `r` (`2^20`; real ones are a few tens).
  public static let savedExponentLimit = 1 << 20

  /// Why these counters, read from a file, cannot continue `template` (the empty counters of
  /// the same layer), or `nil` when they can: the same name, shape and declared accumulators,
  /// every count within `0 … 2^53` and every shift exponent within `±2^20`. The reason names
  /// the field.
  public func problem(against template: LayerStatistics) -> String? {
    guard name == template.name, inputs == template.inputs, outputs == template.outputs else {
      return "counters \(name) (\(inputs) → \(outputs)) are not those of layer "
        + "\(template.name) (\(template.inputs) → \(template.outputs))"
    }
    let counted = { (value: Int) in value >= 0 && value <= Self.savedCountLimit }
    for (key, record) in accumulators.sorted(by: { $0.key < $1.key }) {
      if let declared = template.accumulators[key]?.declared, declared != record.declared {
        return "counters \(name): accumulator \(key) is declared \(record.declared), "
          + "the configuration \(declared)"
      }
      let e = record.events
      guard [e.additions, e.overflows, e.saturations, e.maxBitLength].allSatisfy(counted) else {
        return "counters \(name): accumulator \(key) has a count outside 0 … 2^53"
      }
    }
    for (key, record) in tensors.sorted(by: { $0.key < $1.key }) {
      let e = record.events
      guard [e.count, e.overflowed, e.rounded, e.maxBitLength].allSatisfy(counted),
        record.zeroScaleSteps.allSatisfy(counted)
      else {
        return "counters \(name): tensor \(key) has a count or step outside 0 … 2^53"
      }
      guard record.shiftExponents.allSatisfy({ $0.magnitude <= Self.savedExponentLimit }) else {
        return "counters \(name): tensor \(key) has a shift exponent beyond ±2^20"
      }
    }
    let u = updates
    let updateCounts = [
      u.updates, u.zeroUpdates, u.flips, u.momentumSaturations, u.weightSaturations,
      u.momentumMaxBits, u.weightMaxBits,
    ]
    guard updateCounts.allSatisfy(counted) else {
      return "counters \(name): an update count is outside 0 … 2^53"
    }
    return nil
  }
}
