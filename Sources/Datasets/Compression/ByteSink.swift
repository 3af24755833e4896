/// The growing output buffer of ``Inflate`` (manually managed so the hot loop has no
/// bounds or uniqueness checks).
struct ByteSink {
  /// Start of the buffer.
  var base: UnsafeMutablePointer<UInt8>
  /// Bytes written.
  var count = 0
  /// Bytes allocated.
  var capacity: Int

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count &+ extra > capacity { grow(to: count + extra) }
  }

  /// Reallocates to at least `needed` bytes (doubling).
  @inline(never)
  mutating func grow(to needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Appends `length` bytes copied from `distance` bytes back (the ranges may overlap, in
  /// which case the copy repeats the pattern, as DEFLATE specifies). Room for `length + 8`
  /// bytes is reserved: copies go in 8-byte steps and may write up to 7 bytes past the end,
  /// which the next output overwrites.
  @inline(__always)
  mutating func copyMatch(distance: Int, length: Int) {
    let to = base + count
    let from = to - distance
    if distance >= 8 {
      // Each 8-byte step reads bytes at least 8 behind what it writes: already final.
      var k = 0
      repeat {
        UnsafeMutableRawPointer(to + k).storeBytes(
          of: UnsafeRawPointer(from + k).loadUnaligned(as: UInt64.self), as: UInt64.self)
        k &+= 8
      } while k < length
    } else if distance == 1 {
      to.update(repeating: from.pointee, count: length)
    } else {
      for k in 0..<length { to[k] = from[k] }
    }
    count &+= length
  }

  /// The bytes written, as an array.
  func array() -> [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Frees the buffer.
  func release() { base.deallocate() }
}
