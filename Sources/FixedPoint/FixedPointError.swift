/// Every way user input to the fixed-point library can be wrong. Each case prints one line.
public enum FixedPointError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A format string matches none of the accepted notations.
  case malformedFormat(String)
  /// A format's width or binary point lies outside the accepted limits.
  case formatOutOfLimits(String)
  /// A rounding-mode name is unknown.
  case unknownRoundingMode(String)
  /// An overflow-mode name is unknown.
  case unknownOverflowMode(String)
  /// `WRAP_SM` was asked for with an unsigned target format.
  case signMagnitudeWrapNeedsSignedFormat(FixedFormat)
  /// A string is not a decimal number.
  case malformedDecimal(String)
  /// A decimal's exponent is too large to evaluate exactly.
  case decimalExponentTooLarge(String)
  /// A decimal has more digits than ``DecimalNumber/digitLimit``.
  case decimalTooLong(String)
  /// A value lies between two codes of a format that had to hold it exactly.
  case notExactlyRepresentable(String, FixedFormat)
  /// A value lies outside the range of a format that had to hold it exactly.
  case outOfRange(String, FixedFormat)
  /// A `Double` is NaN or infinite.
  case notFinite(Double)
  /// A raw code lies outside the code range of its format.
  case codeOutOfRange(BigInt, FixedFormat)
  /// A division by zero.
  case divisionByZero

  /// The accepted format notations, as listed in error messages.
  package static let acceptedFormats =
    "sfix<W>_En<F>, ufix<W>_En<F>, sfix<W>_E<-F>, fix<W,I>, ufix<W,I> "
    + "(e.g. sfix16_En8, ufix8_En0, sfix8_E2, fix<16,8>, ufix<8,8>)"

  /// At most 40 characters of user input for a message, control characters shown as `?`
  /// and `…` when cut, so a message stays one short line whatever the input.
  public static func excerpt(_ text: String) -> String {
    let shown = text.prefix(40).map {
      $0.isASCII && ($0.asciiValue! < 0x20 || $0 == "\u{7F}") ? "?" : $0
    }
    return String(shown) + (text.count > 40 ? "…" : "")
  }

  /// The one-line message; user input is shown through ``excerpt(_:)``.
  public var description: String {
    let e = Self.excerpt
    switch self {
    case .malformedFormat(let text):
      return "malformed fixed-point format '\(e(text))'; accepted forms: \(Self.acceptedFormats)"
    case .formatOutOfLimits(let text):
      return
        "fixed-point format '\(e(text))' is out of limits: width must be 1...\(FixedFormat.parseLimit)"
        + " and |fraction bits| at most \(FixedFormat.parseLimit)"
    case .unknownRoundingMode(let text):
      return "unknown rounding mode '\(e(text))'; accepted: "
        + RoundingMode.allCases.map(\.rawValue).joined(separator: ", ")
    case .unknownOverflowMode(let text):
      return "unknown overflow mode '\(e(text))'; accepted: "
        + OverflowMode.allCases.map(\.rawValue).joined(separator: ", ")
    case .signMagnitudeWrapNeedsSignedFormat(let format):
      return "overflow mode WRAP_SM needs a signed format, not \(format)"
    case .malformedDecimal(let text):
      return "'\(e(text))' is not a decimal number"
    case .decimalExponentTooLarge(let text):
      return "the exponent of '\(e(text))' is too large (at most \(DecimalNumber.exponentLimit))"
    case .decimalTooLong(let text):
      return "'\(e(text))' has more than \(DecimalNumber.digitLimit) digits"
    case .notExactlyRepresentable(let text, let format):
      return
        "\(e(text)) is not exactly representable in \(format) (resolution \(format.resolution))"
    case .outOfRange(let text, let format):
      return "\(e(text)) is outside the range of \(format) [\(format.minValue), \(format.maxValue)]"
    case .notFinite(let value):
      return "\(value) is not a finite number"
    case .codeOutOfRange(let code, let format):
      return "raw code \(code) is outside the code range of \(format) "
        + "[\(format.minCode), \(format.maxCode)]"
    case .divisionByZero:
      return "division by zero"
    }
  }
}

extension RoundingMode {
  /// Parses a mode name in any letter case, or throws a message listing the accepted names.
  public init(parsing name: String) throws(FixedPointError) {
    guard let mode = RoundingMode(name: name) else { throw .unknownRoundingMode(name) }
    self = mode
  }
}

extension OverflowMode {
  /// Parses a mode name in any letter case, or throws a message listing the accepted names.
  public init(parsing name: String) throws(FixedPointError) {
    guard let mode = OverflowMode(name: name) else { throw .unknownOverflowMode(name) }
    self = mode
  }
}
