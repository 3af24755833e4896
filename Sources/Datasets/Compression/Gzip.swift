/// The gzip container (RFC 1952) around DEFLATE: header, compressed data, CRC-32 and ISIZE.
///
/// Every member of a multi-member file is decoded and the outputs concatenated, as `gzip -d`
/// does. Each member's CRC-32 and ISIZE (length mod 2³²) are checked; header flags FEXTRA,
/// FNAME, FCOMMENT and FHCRC (checked too) are understood; anything after the last member is
/// an error.
public enum Gzip {
  /// Whether `bytes` start with the gzip magic number 1F 8B.
  public static func hasMagic(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The decompressed content of the gzip data `bytes`; `source` (a file name) appears in
  /// error messages.
  public static func decompress(_ bytes: [UInt8], source: String) throws -> [UInt8] {
    try bytes.withUnsafeBufferPointer { input in
      var output: [UInt8] = []
      var offset = 0
      repeat {
        let member = try decompressMember(input, at: offset, source: source)
        if output.isEmpty { output = member.bytes } else { output += member.bytes }
        offset = member.end
      } while offset < input.count
      return output
    }
  }

  /// Decodes the member starting at `start`; returns its content and where it ends.
  private static func decompressMember(
    _ input: UnsafeBufferPointer<UInt8>, at start: Int, source: String
  ) throws -> (bytes: [UInt8], end: Int) {
    func error(_ offset: Int, _ reason: String) -> DatasetError {
      .malformedGzip(path: source, offset: offset, reason: reason)
    }
    let n = input.count
    if start > 0 && (start + 2 > n || input[start] != 0x1F || input[start + 1] != 0x8B) {
      throw error(start, "\(n - start) bytes of trailing data after the gzip stream")
    }
    guard start + 10 <= n else {
      throw error(start, start == 0 ? "file too short for a gzip header" : "truncated gzip header")
    }
    guard input[start] == 0x1F && input[start + 1] == 0x8B else {
      throw error(
        start,
        "not gzip data (magic \(hex(input[start]))\(hex(input[start + 1])), expected 1f8b)")
    }
    guard input[start + 2] == 8 else {
      throw error(start + 2, "unsupported compression method \(input[start + 2]) (expected 8)")
    }
    let flags = input[start + 3]
    guard flags & 0xE0 == 0 else { throw error(start + 3, "reserved header flag bits are set") }
    var p = start + 10
    if flags & 0x04 != 0 {
      guard p + 2 <= n else { throw error(p, "truncated gzip header") }
      p += 2 + (Int(input[p]) | Int(input[p + 1]) << 8)
    }
    for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
      while p < n && input[p] != 0 { p += 1 }
      p += 1
    }
    if flags & 0x02 != 0 {
      guard p + 2 <= n else { throw error(p, "truncated gzip header") }
      var crc = CRC32()
      crc.update(UnsafeBufferPointer(rebasing: input[start..<p]))
      let stored = UInt32(input[p]) | UInt32(input[p + 1]) << 8
      guard stored == crc.value & 0xFFFF else { throw error(p, "header CRC16 mismatch") }
      p += 2
    }
    guard p <= n else { throw error(n, "truncated gzip header") }

    let hint = n >= 4 ? Int(readLittleEndian32(input, at: n - 4)) : 0
    let (bytes, end) = try Inflate.decode(
      input, from: p, sizeHint: min(hint, 1 << 30), source: source)
    guard end + 8 <= n else {
      throw error(end, "truncated gzip trailer (CRC-32 and length missing)")
    }
    let storedCRC = readLittleEndian32(input, at: end)
    let storedSize = readLittleEndian32(input, at: end + 4)
    let computedCRC = CRC32.checksum(of: bytes)
    guard storedCRC == computedCRC else {
      throw error(
        end, "CRC-32 mismatch (stored \(hex(storedCRC)), computed \(hex(computedCRC)))")
    }
    guard storedSize == UInt32(truncatingIfNeeded: bytes.count) else {
      throw error(
        end + 4,
        "length mismatch (stored ISIZE \(storedSize), decompressed \(bytes.count) bytes)")
    }
    return (bytes, end + 8)
  }

  /// The little-endian 32-bit word at `offset`.
  private static func readLittleEndian32(_ input: UnsafeBufferPointer<UInt8>, at offset: Int)
    -> UInt32
  {
    UInt32(input[offset]) | UInt32(input[offset + 1]) << 8 | UInt32(input[offset + 2]) << 16
      | UInt32(input[offset + 3]) << 24
  }
}

/// Lower-case hexadecimal of `value`, zero-padded to its full width.
func hex<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: T.bitWidth / 4 - digits.count) + digits
}
