/// Samples of 0/1 features read from a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0),
/// the binary form of `bittrue logic eval --inputs`: a C-order 2-D array of shape
/// (samples, inputs) whose dtype is `|b1` (bool) or `|u1` (uint8), every value 0 or 1, as
/// difflogic users hold their inputs (`np.save("x.npy", x.astype(bool))`).
///
/// The reader is strict: the header must be exactly the dictionary NumPy writes (keys
/// `descr`, `fortran_order`, `shape`, each once), and the data exactly `samples · inputs`
/// bytes. Every problem is one ``DatasetError/malformedNPY(path:field:reason:)`` naming the
/// part of the file at fault.
public struct BinarySampleNPY: Equatable, Sendable {
  /// The feature bits, sample after sample (`featureCount` per sample), each 0 or 1.
  public let bits: [UInt8]
  /// The number of samples (the array's first dimension).
  public let count: Int
  /// The features per sample (the array's second dimension).
  public let featureCount: Int

  /// The magic string every `.npy` file starts with.
  public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// Whether `bytes` start like a `.npy` file.
  public static func hasMagic(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

  /// Reads the file at `path` (stored, not gzipped).
  public static func read(_ path: String) throws -> BinarySampleNPY {
    try parse(FileBytes.readRaw(path), source: path)
  }

  /// Parses a whole `.npy` file; `source` names it in error messages.
  public static func parse(_ file: [UInt8], source: String) throws(DatasetError)
    -> BinarySampleNPY
  {
    let (samples, inputs, data) = try matrix(
      file, source: source, dtypes: ["|b1", "|u1"], expected: "'|b1' (bool) or '|u1' (uint8)")
    let bits = Array(data)
    if let k = bits.firstIndex(where: { $0 > 1 }) {
      throw .malformedNPY(
        path: source, field: "data",
        reason: "sample \(k / inputs), input \(k % inputs): value \(bits[k]) is not 0 or 1")
    }
    return BinarySampleNPY(bits: bits, count: samples, featureCount: inputs)
  }

  /// The shape and data of a C-order 2-D `.npy` array of one-byte elements whose dtype is
  /// one of `dtypes` (`expected` describes them in the error message).
  static func matrix(
    _ file: [UInt8], source: String, dtypes: Set<String>, expected: String
  ) throws(DatasetError) -> (rows: Int, columns: Int, data: ArraySlice<UInt8>) {
    func fail(_ field: String, _ reason: String) -> DatasetError {
      .malformedNPY(path: source, field: field, reason: reason)
    }
    guard hasMagic(file) else { throw fail("magic", "the file does not start with \\x93NUMPY") }
    guard file.count >= 10 else { throw fail("version", "the file ends inside the preamble") }
    let major = file[6]
    guard (1...3).contains(major), file[7] == 0 else {
      throw fail("version", "format \(major).\(file[7]) is not 1.0, 2.0 or 3.0")
    }
    let lengthBytes = major == 1 ? 2 : 4
    guard file.count >= 8 + lengthBytes else {
      throw fail("header_len", "the file ends inside the header length")
    }
    var headerLength = 0
    for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(file[8 + k]) }
    let dataStart = 8 + lengthBytes + headerLength
    guard dataStart <= file.count else {
      throw fail("header_len", "\(headerLength) header bytes, the file has fewer")
    }
    let header = try NPYHeader(file[(8 + lengthBytes)..<dataStart], fail: fail)
    guard dtypes.contains(header.descr) else {
      throw fail("descr", "dtype '\(header.descr)' is not \(expected)")
    }
    guard !header.fortranOrder else {
      throw fail("fortran_order", "Fortran (column-major) order is not supported; save C order")
    }
    guard header.shape.count == 2 else {
      throw fail("shape", "\(header.shape.count) dimensions, expected 2 (samples, inputs)")
    }
    let (samples, inputs) = (header.shape[0], header.shape[1])
    let (total, overflow) = samples.multipliedReportingOverflow(by: inputs)
    let available = file.count - dataStart
    guard !overflow, total == available else {
      throw fail(
        "data", "shape (\(samples), \(inputs)) needs \(samples)·\(inputs) bytes, found \(available)"
      )
    }
    return (samples, inputs, file[dataStart...])
  }
}

/// The header dictionary of a `.npy` file, parsed as the Python literal NumPy writes:
/// `{'descr': '|b1', 'fortran_order': False, 'shape': (3, 4), }` and padding.
private struct NPYHeader {
  var descr = ""
  var fortranOrder = false
  var shape: [Int] = []

  /// The largest dimension accepted (far beyond any file that fits in memory).
  static let maxDimension = 1 << 40

  init(
    _ text: ArraySlice<UInt8>, fail: (String, String) -> DatasetError
  ) throws(DatasetError) {
    var scanner = NPYScanner(bytes: Array(text))
    var seen: Set<String> = []
    guard scanner.take("{") else { throw fail("header", "does not start with '{'") }
    while !scanner.take("}") {
      guard let key = scanner.string() else { throw fail("header", "expected a quoted key") }
      guard !seen.contains(key) else { throw fail(key, "appears twice") }
      seen.insert(key)
      guard scanner.take(":") else { throw fail(key, "expected ':' after the key") }
      switch key {
      case "descr":
        guard let value = scanner.string() else { throw fail(key, "expected a quoted dtype") }
        descr = value
      case "fortran_order":
        if scanner.take("True") {
          fortranOrder = true
        } else if scanner.take("False") {
          fortranOrder = false
        } else {
          throw fail(key, "expected True or False")
        }
      case "shape":
        guard let dimensions = scanner.tuple(limit: Self.maxDimension) else {
          throw fail(key, "expected a tuple of non-negative integers")
        }
        shape = dimensions
      default:
        throw fail(key, "unknown key (expected descr, fortran_order, shape)")
      }
      if !scanner.take(",") {
        guard scanner.take("}") else { throw fail("header", "expected ',' or '}' after \(key)") }
        break
      }
    }
    guard scanner.atEnd else { throw fail("header", "unexpected text after '}'") }
    for key in ["descr", "fortran_order", "shape"] where !seen.contains(key) {
      throw fail(key, "missing")
    }
  }
}

/// A cursor over header bytes that skips spaces and line breaks between tokens.
private struct NPYScanner {
  let bytes: [UInt8]
  var at = 0

  var atEnd: Bool {
    mutating get {
      skipSpace()
      return at == bytes.count
    }
  }

  mutating func skipSpace() {
    while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
  }

  /// Consumes `token` if it comes next.
  mutating func take(_ token: String) -> Bool {
    skipSpace()
    let utf8 = Array(token.utf8)
    guard bytes[at...].starts(with: utf8) else { return false }
    at += utf8.count
    return true
  }

  /// A string in single or double quotes (no escapes).
  mutating func string() -> String? {
    skipSpace()
    guard at < bytes.count, bytes[at] == 0x27 || bytes[at] == 0x22 else { return nil }
    let quote = bytes[at]
    guard let end = bytes[(at + 1)...].firstIndex(of: quote) else { return nil }
    defer { at = end + 1 }
    return String(decoding: bytes[(at + 1)..<end], as: UTF8.self)
  }

  /// A non-negative integer of at most `limit`.
  mutating func integer(limit: Int) -> Int? {
    skipSpace()
    var value = 0
    let start = at
    while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
      value = value * 10 + Int(bytes[at] - 0x30)
      guard value <= limit else { return nil }
      at += 1
    }
    return at > start ? value : nil
  }

  /// `(a, b, …)` with an optional trailing comma; `(a,)` is one dimension.
  mutating func tuple(limit: Int) -> [Int]? {
    guard take("(") else { return nil }
    var values: [Int] = []
    while !take(")") {
      guard let value = integer(limit: limit) else { return nil }
      values.append(value)
      if !take(",") {
        guard take(")") else { return nil }
        break
      }
    }
    return values
  }
}
