/// Reads IDX files, the format of MNIST: a big-endian header (two zero bytes, an element-type
/// byte, the number of dimensions), one big-endian 32-bit size per dimension, then the
/// elements in row-major order, big-endian.
///
/// The integer element types are read: 0x08 unsigned byte, 0x09 signed byte, 0x0B 16-bit and
/// 0x0C 32-bit signed integers. Floating types (0x0D, 0x0E) are rejected. The file must hold
/// exactly the elements its header announces, and at least one: a zero dimension is an error.
public enum IDXReader {
  /// A decoded IDX file.
  public struct Array: Equatable, Sendable {
    /// The dimension sizes; the first one counts records (samples).
    public let dimensions: [Int]
    /// The elements: one row per record (unsigned bytes stay one byte each).
    public let records: IntMatrix

    /// The elements, row-major, as 32-bit integers.
    public var values: [Int32] { records.values }
    /// Number of records (the first dimension).
    public var recordCount: Int { dimensions[0] }
    /// Elements per record (the product of the other dimensions; 1 for a vector).
    public var recordSize: Int { dimensions.dropFirst().reduce(1, *) }
  }

  /// Reads the IDX file at `path` (gzipped or not).
  public static func read(_ path: String) throws -> Array {
    try parse(FileBytes.read(path), source: path)
  }

  /// Whether `bytes` (the content of the file `name`) are meant as IDX rather than CSV text:
  /// they start with a zero byte, hold a control byte other than tab, CR or LF among their
  /// first four, or the name is IDX-style (`ubyte`, or `idx` and a digit, as in
  /// `train-images-idx3-ubyte`). Such a file with a bad magic number is then reported as bad
  /// IDX, never read as text.
  package static func isIDXLike(_ bytes: [UInt8], name: String) -> Bool {
    let text: Set<UInt8> = [9, 10, 13]
    let lower = [UInt8](name.lowercased().utf8)
    let idxDigit = lower.indices.contains { i in
      lower[i...].starts(with: "idx".utf8) && i + 3 < lower.count
        && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lower[i + 3])
    }
    return bytes.first == 0 || bytes.prefix(4).contains { $0 < 0x20 && !text.contains($0) }
      || idxDigit || name.lowercased().contains("ubyte")
  }

  /// Throws unless `bytes` start with a valid IDX magic number; returns the element size.
  @discardableResult
  package static func checkMagic(_ bytes: [UInt8], source: String) throws -> Int {
    func error(_ reason: String) -> DatasetError { .malformedIDX(path: source, reason: reason) }
    guard bytes.count >= 4 else {
      throw error("\(bytes.count) bytes, too short for the 4-byte magic number")
    }
    let magic =
      UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8
      | UInt32(bytes[3])
    let elementSize: Int
    switch bytes[2] {
    case 0x08, 0x09: elementSize = 1
    case 0x0B: elementSize = 2
    case 0x0C: elementSize = 4
    default: elementSize = 0
    }
    guard bytes[0] == 0, bytes[1] == 0, elementSize > 0, bytes[3] > 0 else {
      if bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x0D || bytes[2] == 0x0E, bytes[3] > 0 {
        throw error("magic 0x\(hex(magic)): floating-point elements are not supported")
      }
      throw error(
        "bad magic number 0x\(hex(magic)) (expected 0x0000TTDD: type 08/09/0B/0C, dims ≥ 1)")
    }
    return elementSize
  }

  /// Parses IDX bytes; `source` names them in error messages.
  public static func parse(_ bytes: [UInt8], source: String) throws -> Array {
    func error(_ reason: String) -> DatasetError { .malformedIDX(path: source, reason: reason) }
    let elementSize = try checkMagic(bytes, source: source)
    let dimensionCount = Int(bytes[3])
    let headerSize = 4 + 4 * dimensionCount
    guard bytes.count >= headerSize else {
      throw error(
        "header announces \(dimensionCount) dimensions but the file ends after \(bytes.count) bytes"
      )
    }
    var dimensions: [Int] = []
    var elementCount = 1
    var overflow = false
    for d in 0..<dimensionCount {
      let o = 4 + 4 * d
      let size =
        Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8
        | Int(bytes[o + 3])
      dimensions.append(size)
      let (product, o1) = elementCount.multipliedReportingOverflow(by: size)
      elementCount = product
      overflow = overflow || o1
    }
    let available = bytes.count - headerSize
    let (expected, o2) = elementCount.multipliedReportingOverflow(by: elementSize)
    let shapeText = dimensions.map(String.init).joined(separator: "x")
    var recordBytes = elementSize
    for size in dimensions.dropFirst() {
      let (product, o3) = recordBytes.multipliedReportingOverflow(by: size)
      guard !o3 else { throw error("dimensions \(shapeText) are too large") }
      recordBytes = product
    }
    // A zero dimension leaves the others unbacked by any data byte: an image shape of
    // 33554432x196608 with no records would still size a column per pixel.
    if let zero = dimensions.firstIndex(of: 0) {
      throw error("dimension \(zero) is 0: the file holds no elements")
    }
    guard !overflow, !o2, expected <= available else {
      let record = available / recordBytes
      throw error(
        "data ends inside record \(record) (dimensions \(shapeText) need "
          + "\(overflow || o2 ? "more than 2^63" : String(expected)) data bytes, found \(available))"
      )
    }
    guard expected == available else {
      throw error("\(available - expected) bytes of trailing data after the last record")
    }
    let records = dimensions[0]
    let columns = recordBytes / elementSize
    if bytes[2] == 0x08 {
      var payload = bytes
      payload.removeFirst(headerSize)
      return Array(
        dimensions: dimensions,
        records: IntMatrix(rows: records, columns: columns, bytes: payload))
    }
    let values = [Int32](unsafeUninitializedCapacity: elementCount) { out, initialized in
      bytes.withUnsafeBufferPointer { raw in
        let p = raw.baseAddress! + headerSize
        switch bytes[2] {
        case 0x09:
          for i in 0..<elementCount { out[i] = Int32(Int8(bitPattern: p[i])) }
        case 0x0B:
          for i in 0..<elementCount {
            out[i] = Int32(Int16(bitPattern: UInt16(p[2 * i]) << 8 | UInt16(p[2 * i + 1])))
          }
        default:
          for i in 0..<elementCount {
            let u =
              UInt32(p[4 * i]) << 24 | UInt32(p[4 * i + 1]) << 16
              | UInt32(p[4 * i + 2]) << 8 | UInt32(p[4 * i + 3])
            out[i] = Int32(bitPattern: u)
          }
        }
      }
      initialized = elementCount
    }
    return Array(
      dimensions: dimensions,
      records: IntMatrix(rows: records, columns: columns, values: values))
  }
}

/// Lower-case hexadecimal of `value`, zero-padded to its full width.
private func hex<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: T.bitWidth / 4 - digits.count) + digits
}
