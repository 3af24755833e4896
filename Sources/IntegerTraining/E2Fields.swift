/// One element of E2's flag format (spec §1.2): 1 flag bit, 1 sign bit and a `(k−1)`-bit
/// magnitude. Fine elements (flag clear) are `magnitude · R·2^−2(k−1)`, coarse ones
/// `magnitude · R·2^−(k−1)`; the fine code `2^(k−1)` is stored as coarse 1.
public struct E2Fields: Sendable, Hashable {
  /// The flag bit: the coarse step.
  public var coarse: Bool
  /// The sign bit.
  public var negative: Bool
  /// The magnitude, `0 ..< 2^(k−1)`.
  public var magnitude: Int

  /// The fields of an E2 code (units `R·2^−2(k−1)`, as ``WAGEUBNQuantizer/e2(_:bits:previousExponent:)``
  /// returns them); `nil` when the code is not one E2 produces.
  public init?(code: Int, bits k: Int) {
    let half = 1 << (k - 1)
    let m = code.magnitude
    negative = code < 0
    if m < UInt(half) {
      coarse = false
      magnitude = Int(m)
    } else if m % UInt(half) == 0 && m / UInt(half) < UInt(half) {
      coarse = true
      magnitude = Int(m / UInt(half))
    } else {
      return nil
    }
  }

  /// The code in units `R·2^−2(k−1)`.
  public func code(bits k: Int) -> Int {
    let m = coarse ? magnitude << (k - 1) : magnitude
    return negative ? -m : m
  }
}
