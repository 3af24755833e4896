@testable import Datasets

/// Builds DEFLATE streams bit by bit, for hand-made valid and invalid test inputs, and wraps
/// them in gzip members (written independently of the decoder under test).
struct DeflateStreamBuilder {
  private(set) var bytes: [UInt8] = []
  private var bitCount = 0

  /// Appends `count` bits of `value`, least significant first (header fields, extra bits).
  mutating func bits(_ value: Int, _ count: Int) {
    for k in 0..<count {
      if bitCount % 8 == 0 { bytes.append(0) }
      bytes[bytes.count - 1] |= UInt8((value >> k) & 1) << UInt8(bitCount % 8)
      bitCount += 1
    }
  }

  /// Pads with zero bits to a byte boundary, then appends whole bytes (stored blocks).
  mutating func alignedBytes(_ raw: [UInt8]) {
    bitCount = bytes.count * 8
    bytes += raw
    bitCount += raw.count * 8
  }

  /// Appends a Huffman code of `count` bits, most significant first (RFC 1951 §3.1.1).
  mutating func code(_ value: Int, _ count: Int) {
    for k in stride(from: count - 1, through: 0, by: -1) { bits((value >> k) & 1, 1) }
  }

  /// Appends literal/length symbol `symbol` in the fixed code (RFC 1951 §3.2.6).
  mutating func fixedSymbol(_ symbol: Int) {
    switch symbol {
    case 0...143: code(0x30 + symbol, 8)
    case 144...255: code(0x190 + symbol - 144, 9)
    case 256...279: code(symbol - 256, 7)
    default: code(0xC0 + symbol - 280, 8)
    }
  }

  /// A gzip member around `deflate` whose trailer claims `content` (header without flags).
  static func gzip(_ deflate: [UInt8], content: [UInt8]) -> [UInt8] {
    let crc = ReferenceCRC32.checksum(content)
    return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF] + deflate + littleEndian(crc)
      + littleEndian(UInt32(truncatingIfNeeded: content.count))
  }

  /// The four little-endian bytes of `value`.
  static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}

/// CRC-32 computed bit by bit straight from the polynomial: the independent reference for
/// the table-driven ``CRC32``.
enum ReferenceCRC32 {
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }
}
