/// A signed-integer array in NumPy's `.npy` format (version 1.0 written; 1.0 and 2.0 read):
/// little-endian `int8`, `int16`, `int32` or `int64`, C order, one or two dimensions.
/// Reading is strict: every deviation is a one-line error naming what is wrong.
struct NumPyArray: Equatable {
  /// The dimensions (one or two).
  var shape: [Int]
  /// The elements in C (row-major) order.
  var values: [Int]

  /// The largest element count read (2^26, the largest weight matrix a model file may hold).
  static let maxCount = 1 << 26

  /// The file of the array, as `int<8·itemSize>` elements (which must hold every value).
  func bytes(itemSize: Int) -> [UInt8] {
    let dims =
      shape.count == 1
      ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    var header = "{'descr': '\(itemSize == 1 ? "|" : "<")i\(itemSize)', "
    header += "'fortran_order': False, 'shape': \(dims), }"
    // Magic (6) + version (2) + length (2) + header + padding + "\n", a multiple of 64.
    let total = (10 + header.utf8.count + 1 + 63) / 64 * 64
    header += String(repeating: " ", count: total - 10 - header.utf8.count - 1) + "\n"
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    out += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
    out += Array(header.utf8)
    out.reserveCapacity(out.count + values.count * itemSize)
    for v in values {
      let bits = UInt64(bitPattern: Int64(v))
      for b in 0..<itemSize { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * b))) }
    }
    return out
  }

  /// The array in `bytes`; errors are messages without the file name.
  init(bytes: [UInt8]) throws(NumPyError) {
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
      throw NumPyError("not a .npy file (no \\x93NUMPY magic)")
    }
    let headerStart: Int
    let headerLength: Int
    switch (bytes[6], bytes[7]) {
    case (1, 0):
      headerStart = 10
      headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    case (2, 0):
      guard bytes.count >= 12 else { throw NumPyError("truncated header") }
      headerStart = 12
      headerLength = (8..<12).reduce(0) { $0 | Int(bytes[$1]) << (8 * ($1 - 8)) }
    default:
      throw NumPyError("unsupported .npy version \(bytes[6]).\(bytes[7]) (expected 1.0 or 2.0)")
    }
    guard headerLength <= bytes.count - headerStart else { throw NumPyError("truncated header") }
    var header = NumPyHeader(
      String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self))
    let (itemSize, shape) = try header.parse()
    guard (1...2).contains(shape.count) else {
      throw NumPyError("shape has \(shape.count) dimensions, expected 1 or 2")
    }
    var count = 1
    for d in shape {
      guard d <= Self.maxCount else { throw NumPyError("more than 2^26 elements") }
      count *= d
      guard count <= Self.maxCount else { throw NumPyError("more than 2^26 elements") }
    }
    let data = headerStart + headerLength
    guard bytes.count - data == count * itemSize else {
      throw NumPyError(
        "\(bytes.count - data) data bytes, expected \(count * itemSize) for shape \(shape)")
    }
    var values = [Int](repeating: 0, count: count)
    for i in 0..<count {
      var bits: UInt64 = 0
      for b in 0..<itemSize { bits |= UInt64(bytes[data + i * itemSize + b]) << UInt64(8 * b) }
      let shift = UInt64(64 - 8 * itemSize)
      values[i] = Int(Int64(bitPattern: bits << shift) >> Int64(shift))
    }
    self.shape = shape
    self.values = values
  }

  /// An array.
  init(shape: [Int], values: [Int]) {
    precondition(shape.reduce(1, *) == values.count, "one value per element")
    self.shape = shape
    self.values = values
  }
}

/// Why a `.npy` file was refused (one line, without the file name).
struct NumPyError: Error {
  /// The message.
  let message: String

  init(_ message: String) { self.message = message }

  /// `text` with control characters (a line break from a damaged file) as `\u{…}`, so a
  /// message stays one line.
  static func printable(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}

/// The header dictionary of a `.npy` file, e.g.
/// `{'descr': '<i2', 'fortran_order': False, 'shape': (3, 4), }`: exactly these three keys.
private struct NumPyHeader {
  let text: [UInt8]
  var position = 0

  init(_ text: String) { self.text = Array(text.utf8) }

  /// The item size (1, 2, 4 or 8) and the shape.
  mutating func parse() throws(NumPyError) -> (itemSize: Int, shape: [Int]) {
    var descr: String?
    var fortran: Bool?
    var shape: [Int]?
    try expect("{")
    while true {
      skipSpace()
      if peek() == UInt8(ascii: "}") { break }
      let key = try quoted()
      try expect(":")
      switch key {
      case "descr" where descr == nil: descr = try quoted()
      case "fortran_order" where fortran == nil: fortran = try boolean()
      case "shape" where shape == nil: shape = try tuple()
      default:
        throw NumPyError("header: unexpected or repeated key '\(NumPyError.printable(key))'")
      }
      skipSpace()
      if peek() == UInt8(ascii: ",") { position += 1 } else { break }
    }
    try expect("}")
    skipSpace()
    guard position == text.count else { throw NumPyError("header: text after the dictionary") }
    guard let descr, let fortran, let shape else {
      throw NumPyError("header: expected the keys 'descr', 'fortran_order' and 'shape'")
    }
    guard !fortran else { throw NumPyError("fortran_order arrays are not read (save C order)") }
    let sizes = ["|i1": 1, "<i1": 1, "i1": 1, "<i2": 2, "<i4": 4, "<i8": 8]
    guard let itemSize = sizes[descr] else {
      throw NumPyError(
        "dtype '\(NumPyError.printable(descr))' is not a little-endian signed integer (int8, int16, int32, int64)"
      )
    }
    return (itemSize, shape)
  }

  private func peek() -> UInt8? { position < text.count ? text[position] : nil }

  private mutating func skipSpace() {
    while let c = peek(), c == UInt8(ascii: " ") || c == UInt8(ascii: "\n") { position += 1 }
  }

  private mutating func expect(_ c: Character) throws(NumPyError) {
    skipSpace()
    guard peek() == c.asciiValue else {
      throw NumPyError("header: expected '\(c)' at offset \(position)")
    }
    position += 1
  }

  private mutating func quoted() throws(NumPyError) -> String {
    skipSpace()
    guard let q = peek(), q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") else {
      throw NumPyError("header: expected a quoted string at offset \(position)")
    }
    let start = position + 1
    var end = start
    while end < text.count && text[end] != q { end += 1 }
    guard end < text.count else { throw NumPyError("header: unterminated string") }
    position = end + 1
    return String(decoding: text[start..<end], as: UTF8.self)
  }

  private mutating func boolean() throws(NumPyError) -> Bool {
    skipSpace()
    for (word, value) in [("True", true), ("False", false)] {
      let bytes = Array(word.utf8)
      if text.count - position >= bytes.count,
        Array(text[position..<(position + bytes.count)]) == bytes
      {
        position += bytes.count
        return value
      }
    }
    throw NumPyError("header: expected True or False at offset \(position)")
  }

  private mutating func tuple() throws(NumPyError) -> [Int] {
    try expect("(")
    var dims: [Int] = []
    while true {
      skipSpace()
      if peek() == UInt8(ascii: ")") { break }
      var value = 0
      var digits = 0
      while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
        guard digits < 9 else { throw NumPyError("header: shape dimension too large") }
        value = value * 10 + Int(c - UInt8(ascii: "0"))
        digits += 1
        position += 1
      }
      guard digits > 0 else {
        throw NumPyError("header: expected a dimension at offset \(position)")
      }
      dims.append(value)
      skipSpace()
      if peek() == UInt8(ascii: ",") { position += 1 } else { break }
    }
    try expect(")")
    return dims
  }
}
