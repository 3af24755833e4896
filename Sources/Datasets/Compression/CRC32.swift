/// The CRC-32 of gzip, zlib and PNG (ISO-HDLC: reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF). `CRC32.checksum(of: Array("123456789".utf8)) == 0xCBF43926`.
///
/// Computed eight bytes at a time ("slicing-by-8", eight 256-entry tables).
public struct CRC32: Sendable {
  /// The running value before the final XOR.
  private var state: UInt32 = 0xFFFF_FFFF

  /// An empty checksum.
  public init() {}

  /// The checksum of all bytes fed so far.
  public var value: UInt32 { ~state }

  /// The checksum of `bytes`.
  public static func checksum(of bytes: [UInt8]) -> UInt32 {
    var crc = CRC32()
    bytes.withUnsafeBufferPointer { crc.update($0) }
    return crc.value
  }

  /// Feeds `bytes`.
  public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard var p = bytes.baseAddress else { return }
    var n = bytes.count
    var c = state
    CRC32.tables.withUnsafeBufferPointer { t in
      while n >= 8 {
        let lo = c ^ (UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16 | UInt32(p[3]) << 24)
        let hi = UInt32(p[4]) | UInt32(p[5]) << 8 | UInt32(p[6]) << 16 | UInt32(p[7]) << 24
        c =
          t[7 &* 256 &+ Int(lo & 0xFF)] ^ t[6 &* 256 &+ Int((lo >> 8) & 0xFF)]
          ^ t[5 &* 256 &+ Int((lo >> 16) & 0xFF)] ^ t[4 &* 256 &+ Int(lo >> 24)]
          ^ t[3 &* 256 &+ Int(hi & 0xFF)] ^ t[2 &* 256 &+ Int((hi >> 8) & 0xFF)]
          ^ t[1 &* 256 &+ Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
        p += 8
        n -= 8
      }
      while n > 0 {
        c = t[Int((c ^ UInt32(p[0])) & 0xFF)] ^ (c >> 8)
        p += 1
        n -= 1
      }
    }
    state = c
  }

  /// Table `k` (entries `256·k ..< 256·(k+1)`) advances the CRC of a byte followed by `k`
  /// zero bytes; table 0 is the classic byte-at-a-time table.
  private static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
      t[i] = c
    }
    for k in 1..<8 {
      for i in 0..<256 {
        let previous = t[(k - 1) * 256 + i]
        t[k * 256 + i] = (previous >> 8) ^ t[Int(previous & 0xFF)]
      }
    }
    return t
  }()
}
