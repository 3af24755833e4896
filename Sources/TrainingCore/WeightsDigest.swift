import Hashing

/// A hash of a model's trained parameters, printed by every training command as
/// `weights digest: <hex>` so that two runs can be compared at a glance.
///
/// The digest is SHA-256 over a canonical byte serialisation:
///
/// ```
/// "bittrue-weights-v1" 0x00
/// then for each appended tensor, in order:
///   name byte count   UInt32, little-endian
///   name              UTF-8 bytes
///   element type      UInt8: kind << 4 | log2(bytes per element)
///                     kind 0 = Bool (one byte 0/1), 1 = unsigned, 2 = signed integer,
///                     3 = IEEE-754 binary floating point (raw bit pattern)
///   element count     UInt64, little-endian
///   elements          each little-endian at its width (two's complement for signed)
/// ```
///
/// So `Int8` is type 0x20, `UInt16` 0x11, `Int32` 0x22, `Int`/`Int64` 0x23, `Double` 0x33 and
/// `Bool` 0x00. The order and the names of the tensors are the model's to fix and document.
public struct WeightsDigest: Sendable {
  /// The running hash.
  private var hash = SHA256()
  /// Staging bytes, flushed into the hash in chunks.
  private var chunk: [UInt8] = []

  /// A digest of no tensors yet (the domain prefix is already fed).
  public init() {
    chunk.reserveCapacity(4096)
    chunk += Array("bittrue-weights-v1".utf8) + [0]
  }

  /// Appends a tensor of integers.
  public mutating func append<T: FixedWidthInteger>(_ name: String, _ values: [T]) {
    let kind: UInt8 = T.isSigned ? 2 : 1
    appendHeader(name, type: kind << 4 | log2(T.bitWidth / 8), count: values.count)
    for v in values { appendLittleEndian(v) }
    flush()
  }

  /// Appends a tensor of bits (one byte 0/1 per element).
  public mutating func append(_ name: String, bits values: [Bool]) {
    appendHeader(name, type: 0x00, count: values.count)
    for v in values { appendByte(v ? 1 : 0) }
    flush()
  }

  /// Appends a tensor of `Double`s by their IEEE-754 bit patterns.
  public mutating func append(_ name: String, doubles values: [Double]) {
    appendHeader(name, type: 0x33, count: values.count)
    for v in values { appendLittleEndian(v.bitPattern) }
    flush()
  }

  /// Appends a tensor of `Float`s by their IEEE-754 bit patterns.
  public mutating func append(_ name: String, floats values: [Float]) {
    appendHeader(name, type: 0x32, count: values.count)
    for v in values { appendLittleEndian(v.bitPattern) }
    flush()
  }

  /// The digest in lower-case hexadecimal (64 digits).
  public var hexDigest: String {
    var copy = self
    copy.flush(force: true)
    return copy.hash.hexDigest()
  }

  /// Feeds a record header.
  private mutating func appendHeader(_ name: String, type: UInt8, count: Int) {
    let utf8 = Array(name.utf8)
    appendLittleEndian(UInt32(utf8.count))
    chunk += utf8
    appendByte(type)
    appendLittleEndian(UInt64(count))
  }

  /// Feeds one byte.
  @inline(__always)
  private mutating func appendByte(_ byte: UInt8) {
    chunk.append(byte)
    if chunk.count >= 4096 { flush(force: true) }
  }

  /// Feeds an integer's bytes, least significant first.
  @inline(__always)
  private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    for k in 0..<(T.bitWidth / 8) { appendByte(UInt8(truncatingIfNeeded: value >> (8 * k))) }
  }

  /// Moves staged bytes into the hash (when there are many, or always with `force`).
  private mutating func flush(force: Bool = false) {
    guard force || chunk.count >= 4096 else { return }
    hash.update(chunk)
    chunk.removeAll(keepingCapacity: true)
  }

  /// log₂ of a power of two.
  private func log2(_ n: Int) -> UInt8 { UInt8(n.trailingZeroBitCount) }
}
