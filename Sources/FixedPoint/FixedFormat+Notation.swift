extension FixedFormat: CustomStringConvertible, LosslessStringConvertible {
  /// The canonical MathWorks-style name: `sfix16_En8`, `ufix8_En0`, `sfix8_E2` (F = −2).
  public var description: String {
    let kind = isSigned ? "sfix" : "ufix"
    return fractionBits >= 0
      ? "\(kind)\(width)_En\(fractionBits)" : "\(kind)\(width)_E\(-fractionBits)"
  }

  /// The ap_fixed-style name `fix<W,I>` / `ufix<W,I>` (I = integer bits including the sign).
  public var apFixedNotation: String { "\(isSigned ? "fix" : "ufix")<\(width),\(integerBits)>" }

  /// Parses `text` in either notation, returning `nil` when it is not a valid format.
  public init?(_ text: String) {
    guard let format = try? FixedFormat(parsing: text) else { return nil }
    self = format
  }

  /// Parses a format in either accepted notation.
  ///
  /// - MathWorks style: `sfix<W>_En<F>`, `ufix<W>_En<F>`, `sfix<W>_E<n>` (F = −n), or `sfix<W>`
  ///   / `ufix<W>` alone (F = 0).
  /// - ap_fixed style: `fix<W,I>`, `ufix<W,I>` (also spelled `ap_fixed<W,I>`,
  ///   `ap_ufixed<W,I>`), with `I = W − F` possibly negative.
  /// - Throws: ``FixedPointError/malformedFormat(_:)`` listing the accepted forms, or
  ///   ``FixedPointError/formatOutOfLimits(_:)``.
  public init(parsing text: String) throws(FixedPointError) {
    let trimmed = text.trimmingASCIIWhitespace()
    guard
      let (signed, width, fractionBits) = Self.parseAPFixed(trimmed) ?? Self.parseMathWorks(trimmed)
    else { throw .malformedFormat(text) }
    guard width >= 1, width <= Self.parseLimit, abs(fractionBits) <= Self.parseLimit else {
      throw .formatOutOfLimits(text)
    }
    self.init(signed: signed, width: width, fractionBits: fractionBits)
  }

  private static func parseMathWorks(_ text: Substring) -> (Bool, Int, Int)? {
    let signed: Bool
    if text.hasPrefix("sfix") {
      signed = true
    } else if text.hasPrefix("ufix") {
      signed = false
    } else {
      return nil
    }
    let rest = text.dropFirst(4)
    let widthDigits = rest.prefix { $0.isASCII && $0.isNumber }
    guard let width = parseDigits(widthDigits) else { return nil }
    let suffix = rest.dropFirst(widthDigits.count)
    if suffix.isEmpty { return (signed, width, 0) }
    if suffix.hasPrefix("_En"), let f = parseDigits(suffix.dropFirst(3)) {
      return (signed, width, f)
    }
    if suffix.hasPrefix("_E"), let e = parseDigits(suffix.dropFirst(2)) {
      return (signed, width, -e)
    }
    return nil
  }

  private static func parseAPFixed(_ text: Substring) -> (Bool, Int, Int)? {
    let prefixes: [(String, Bool)] = [
      ("fix<", true), ("ufix<", false), ("ap_fixed<", true), ("ap_ufixed<", false),
    ]
    guard let (prefix, signed) = prefixes.first(where: { text.hasPrefix($0.0) }),
      text.hasSuffix(">")
    else { return nil }
    let inner = text.dropFirst(prefix.count).dropLast()
    let parts = inner.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let width = parseDigits(parts[0].trimmingASCIIWhitespace()) else {
      return nil
    }
    var integerText = parts[1].trimmingASCIIWhitespace()
    let negative = integerText.first == "-"
    if negative { integerText = integerText.dropFirst() }
    guard let magnitude = parseDigits(integerText) else { return nil }
    let integerBits = negative ? -magnitude : magnitude
    return (signed, width, width - integerBits)
  }

  /// A non-empty run of ASCII digits as an `Int`, saturating at `Int.max / 4` (past every
  /// limit, and small enough that `width − integerBits` cannot overflow).
  private static func parseDigits(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return min(Int(text) ?? Int.max, Int.max / 4)
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  func trimmingASCIIWhitespace() -> SubSequence {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
    let end = lastIndex(where: { !isSpace($0) })!
    return self[start...end]
  }
}
