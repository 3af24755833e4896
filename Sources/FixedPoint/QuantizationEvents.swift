/// What quantizing a batch of values did: the per-tensor counters that feed per-layer reports.
///
/// Counters add up across calls (pass the same value to several quantizations, or ``merge(_:)``
/// two of them), so one instance can describe a whole layer or training step.
public struct QuantizationEvents: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Values quantized.
  public var count = 0
  /// Values the overflow mode changed: the rounded code lay outside the target range (and was
  /// wrapped or saturated), or `SAT_SYM` moved the most negative code to −max.
  public var overflowed = 0
  /// Values that lost precision: the exact value lay strictly between two target codes
  /// (counted whatever direction the rounding mode chose).
  public var rounded = 0
  /// The smallest target width that would have held every rounded code without overflow, in
  /// the target's signedness (a negative code in an unsigned target counts with its
  /// two's-complement width); 0 when nothing was quantized.
  public var maxBitLength = 0

  /// No events yet.
  public init() {}

  /// Adds the counts of `other` to these.
  package mutating func merge(_ other: QuantizationEvents) {
    count += other.count
    overflowed += other.overflowed
    rounded += other.rounded
    maxBitLength = max(maxBitLength, other.maxBitLength)
  }

  /// One line such as `4 values, 1 overflowed, 2 rounded, max 9 bits`.
  public var description: String {
    "\(count) values, \(overflowed) overflowed, \(rounded) rounded, max \(maxBitLength) bits"
  }

  /// Records one value: its rounded code `q` before overflow handling and the stored `result`.
  @usableFromInline
  mutating func record(rounded q: BigInt, result: BigInt, inexact: Bool, signed: Bool) {
    count += 1
    if q != result { overflowed += 1 }
    if inexact { rounded += 1 }
    let bits = signed || q.isNegative ? q.signedBitWidth : max(1, q.bitLength)
    maxBitLength = max(maxBitLength, bits)
  }
}
