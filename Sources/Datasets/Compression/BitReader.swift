/// Reads a DEFLATE bit stream: bits are taken least significant first from successive bytes.
///
/// The 64-bit buffer is refilled eight bytes at a time while the input lasts; past the end it
/// is filled with zero bytes so decoding never reads out of bounds, and ``isOverrun`` says
/// whether any of those padding bits have been consumed (the stream was truncated).
struct BitReader {
  /// The input.
  let base: UnsafePointer<UInt8>
  /// Number of input bytes.
  let count: Int
  /// Index of the next byte to load into the buffer (may pass `count` by the padding).
  var position: Int
  /// Unconsumed bits, the next one in bit 0. Bits at and above `available` hold the start of
  /// the byte at `position` (or zeros), never anything else.
  var buffer: UInt64 = 0
  /// Number of valid bits in `buffer`.
  var available = 0

  /// A reader positioned at byte `start` of `input` (which must not be empty).
  init(_ input: UnsafeBufferPointer<UInt8>, start: Int) {
    base = input.baseAddress!
    count = input.count
    position = start
  }

  /// Ensures at least 56 bits are buffered.
  @inline(__always)
  mutating func refill() {
    if position &+ 8 <= count {
      let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
      buffer |= UInt64(littleEndian: word) << UInt64(available)
      position &+= (63 &- available) >> 3
      available |= 56
    } else {
      refillNearEnd()
    }
  }

  /// Byte-by-byte refill near the end of the input, padding with zeros.
  @inline(never)
  mutating func refillNearEnd() {
    while available <= 56 {
      let byte = position < count ? base[position] : 0
      buffer |= UInt64(byte) << UInt64(available)
      position &+= 1
      available &+= 8
    }
  }

  /// The next `n` bits (n ≤ available) without consuming them.
  @inline(__always)
  func peek(_ n: Int) -> UInt64 { buffer & ((1 &<< UInt64(n)) &- 1) }

  /// Consumes `n` bits (n ≤ available).
  @inline(__always)
  mutating func consume(_ n: Int) {
    buffer &>>= UInt64(n)
    available &-= n
  }

  /// Takes the next `n` bits (n ≤ available) as an integer.
  @inline(__always)
  mutating func take(_ n: Int) -> Int {
    let v = Int(truncatingIfNeeded: peek(n))
    consume(n)
    return v
  }

  /// Whether padding bits beyond the input have been consumed.
  var isOverrun: Bool { position > count && available < (position &- count) &* 8 }

  /// The index of the byte holding the next unconsumed bit.
  var byteOffset: Int { position &- (available &+ 7) / 8 }

  /// Drops the bits up to the next byte boundary and empties the buffer, so that
  /// `position` is the next unread byte (used for stored blocks and the stream's end).
  mutating func alignToByte() {
    consume(available & 7)
    position &-= available / 8
    buffer = 0
    available = 0
  }
}
