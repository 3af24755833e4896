/// A bit vector of explicit width with no sign: the value of one netlist signal.
///
/// Bits are stored little-endian in 64-bit words; bits at and above `width` are always zero.
/// Signedness is a property of the operation that reads a vector (see ``Signedness``), never of
/// the vector itself.
public struct BitVector: Hashable, Sendable, CustomStringConvertible {
  /// Number of bits, at least 1.
  public let width: Int
  /// The bits, least significant word first; unused high bits are zero.
  public internal(set) var words: [UInt64]

  /// The number of 64-bit words needed for `width` bits.
  package static func wordCount(forWidth width: Int) -> Int { (width + 63) >> 6 }

  /// A vector of `width` zero bits.
  public init(zeroWidth width: Int) {
    precondition(width >= 1, "a bit vector has at least one bit")
    self.width = width
    self.words = [UInt64](repeating: 0, count: BitVector.wordCount(forWidth: width))
  }

  /// A vector built from words (least significant first), truncated to `width` bits.
  public init(width: Int, words: [UInt64]) {
    self.init(zeroWidth: width)
    for i in 0..<min(words.count, self.words.count) { self.words[i] = words[i] }
    clearUnusedBits()
  }

  /// The low `width` bits of `value` in two's complement (negative values are sign-extended).
  public init(width: Int, truncating value: Int) {
    self.init(zeroWidth: width)
    let fill: UInt64 = value < 0 ? ~0 : 0
    for i in 0..<words.count { words[i] = i == 0 ? UInt64(bitPattern: Int64(value)) : fill }
    clearUnusedBits()
  }

  /// The low `width` bits of an unsigned value.
  public init(width: Int, truncating value: UInt64) {
    self.init(width: width, words: [value])
  }

  /// A vector of `width` one bits.
  public static func ones(width: Int) -> BitVector {
    BitVector(width: width, words: [UInt64](repeating: ~0, count: wordCount(forWidth: width)))
  }

  /// Zeroes the bits at and above `width` in the last word.
  mutating func clearUnusedBits() {
    let extra = width & 63
    if extra != 0 { words[words.count - 1] &= (UInt64(1) << UInt64(extra)) &- 1 }
  }

  /// Bit `index` (0 = least significant).
  public subscript(bit index: Int) -> Bool {
    get {
      precondition(index >= 0 && index < width, "bit index out of range")
      return (words[index >> 6] >> UInt64(index & 63)) & 1 == 1
    }
    set {
      precondition(index >= 0 && index < width, "bit index out of range")
      let mask = UInt64(1) << UInt64(index & 63)
      if newValue { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
    }
  }

  /// The most significant bit, which is the sign bit under a signed reading.
  package var msb: Bool { self[bit: width - 1] }

  /// Whether every bit is zero.
  public var isZero: Bool { words.allSatisfy { $0 == 0 } }

  /// The number of one bits.
  public var popcount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

  /// The low 64 bits.
  package var low64: UInt64 { words[0] }

  /// The value as an `Int` under the given reading, or `nil` when it does not fit.
  public func intValue(_ signedness: Signedness) -> Int? {
    let negative = signedness == .signed && msb
    let extended = resized(to: 64 + 64 * Swift.max(0, words.count - 1), signedness)
    for w in extended.words.dropFirst() where w != (negative ? ~0 : 0) { return nil }
    let low = Int64(bitPattern: extended.words[0])
    if (low < 0) != negative { return nil }
    return Int(low)
  }

  /// Zero- or sign-extends (or truncates) to `newWidth` bits.
  package func resized(to newWidth: Int, _ signedness: Signedness) -> BitVector {
    var out = BitVector(zeroWidth: newWidth)
    let fill: UInt64 = (signedness == .signed && msb) ? ~0 : 0
    let extra = width & 63
    for i in 0..<out.words.count {
      if i < words.count {
        var w = words[i]
        if i == words.count - 1 && extra != 0 && fill != 0 {
          w |= ~((UInt64(1) << UInt64(extra)) &- 1)
        }
        out.words[i] = w
      } else {
        out.words[i] = fill
      }
    }
    out.clearUnusedBits()
    return out
  }

  /// Bits `low ..< low + count` as a new vector.
  public func slice(low: Int, count: Int) -> BitVector {
    precondition(low >= 0 && count >= 1 && low + count <= width, "slice out of range")
    var out = BitVector(zeroWidth: count)
    for i in 0..<count where self[bit: low + i] { out[bit: i] = true }
    return out
  }

  /// Hexadecimal digits of the raw bits, most significant first, `⌈width/4⌉` digits.
  public var hexDigits: String {
    let digits = (width + 3) / 4
    var s = ""
    s.reserveCapacity(digits)
    for d in stride(from: digits - 1, through: 0, by: -1) {
      let nibble = (words[(d * 4) >> 6] >> UInt64((d * 4) & 63)) & 0xF
      s.append(Character(String(nibble, radix: 16)))
    }
    return s
  }

  /// Binary digits of the raw bits, most significant first.
  package var binaryDigits: String {
    String((0..<width).reversed().map { self[bit: $0] ? "1" : "0" })
  }

  /// Verilog-style literal such as `8'h0f`.
  public var description: String { "\(width)'h\(hexDigits)" }

  /// Parses hexadecimal digits (no prefix, `_` allowed) into a `width`-bit vector.
  /// Returns `nil` for a bad digit or a value that does not fit.
  public init?(hexDigits text: Substring, width: Int) {
    guard width >= 1 else { return nil }
    self.init(zeroWidth: width)
    var bit = 0
    for ch in text.reversed() where ch != "_" {
      guard let nibble = ch.hexDigitValue else { return nil }
      for j in 0..<4 where (nibble >> j) & 1 == 1 {
        guard bit + j < width else { return nil }
        self[bit: bit + j] = true
      }
      bit += 4
    }
  }

  /// Parses a Verilog-style literal `W'hDIGITS` (or `W'bDIGITS`); `nil` when it is malformed
  /// or its width lies outside 1…``NetlistVerifier/maximumWidth`` (checked before allocating).
  public init?(literal text: String) {
    guard let quote = text.firstIndex(of: "'"), let width = Int(text[..<quote]), width >= 1,
      width <= NetlistVerifier.maximumWidth
    else { return nil }
    let rest = text[text.index(after: quote)...]
    guard let base = rest.first else { return nil }
    let digits = rest.dropFirst()
    guard !digits.isEmpty else { return nil }
    switch base {
    case "h", "H": self.init(hexDigits: digits, width: width)
    case "b", "B":
      self.init(zeroWidth: width)
      var bit = 0
      for ch in digits.reversed() where ch != "_" {
        guard ch == "0" || ch == "1" else { return nil }
        if ch == "1" {
          guard bit < width else { return nil }
          self[bit: bit] = true
        }
        bit += 1
      }
    default: return nil
    }
  }
}

/// How an operation reads its bit-vector operands: as unsigned or two's-complement integers.
public enum Signedness: String, Hashable, Sendable, Codable, CaseIterable {
  case unsigned = "u"
  case signed = "s"
}
