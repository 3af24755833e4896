/// The bit widths of the error quantizers a training run uses (WAGEUBN's main configuration:
/// 8 each); `bittrue wageubn sweep` varies them one class at a time.
public struct WAGEUBNBitWidths: Sendable, Hashable, Codable {
  /// E1, the shift quantizer of the back-propagated error: codes `±(2^(k−1)−1)`.
  public var e1: Int
  /// E2, the flag-format error quantizer: codes in units `R·2^−2(k−1)`, magnitude ≤
  /// `(2^(k−1)−1)·2^(k−1)`.
  public var e2: Int

  /// The widths a sweep may ask for.
  public static let allowed = 2...16
  /// The official code's 8 and 8.
  public static let standard = WAGEUBNBitWidths(e1: 8, e2: 8)

  /// Widths in ``allowed``.
  public init(e1: Int, e2: Int) {
    precondition(Self.allowed.contains(e1) && Self.allowed.contains(e2), "widths in 2...16")
    self.e1 = e1
    self.e2 = e2
  }
}
