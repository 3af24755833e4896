/// Many samples of a bit vector stored bit-sliced: one *plane* per bit, each plane a run of
/// 64-bit words in which bit `j` of word `k` belongs to sample `64·k + j`.
///
/// This is the layout of the bit-parallel evaluator's inputs and outputs (and of difflogic's
/// `PackBitsTensor`, first sample in the least significant bit). Planes are stored one after
/// another in ``words``; bits of the last word beyond ``sampleCount`` are always zero.
public struct BitPlanes: Hashable, Sendable {
  /// The number of planes (bits per sample).
  public let bitCount: Int
  /// The number of samples.
  public let sampleCount: Int
  /// All planes, plane-major: plane `b` is `words[b·wordsPerPlane ..< (b+1)·wordsPerPlane]`.
  public internal(set) var words: [UInt64]

  /// Words in each plane, `⌈sampleCount / 64⌉`.
  public var wordsPerPlane: Int { (sampleCount + 63) >> 6 }

  /// `sampleCount` samples of `bitCount` zero bits.
  public init(bitCount: Int, sampleCount: Int) {
    precondition(bitCount >= 0 && sampleCount >= 0, "counts cannot be negative")
    self.bitCount = bitCount
    self.sampleCount = sampleCount
    self.words = [UInt64](repeating: 0, count: bitCount * ((sampleCount + 63) >> 6))
  }

  /// Planes from plane-major words (see ``words``); bits beyond `sampleCount` are cleared.
  /// Returns `nil` when `words` does not hold exactly `bitCount · ⌈sampleCount / 64⌉` words.
  public init?(bitCount: Int, sampleCount: Int, words: [UInt64]) {
    guard bitCount >= 0, sampleCount >= 0, words.count == bitCount * ((sampleCount + 63) >> 6)
    else { return nil }
    self.bitCount = bitCount
    self.sampleCount = sampleCount
    self.words = words
    clearPadding()
  }

  /// Bit `bit` of sample `sample`.
  public subscript(bit bit: Int, sample sample: Int) -> Bool {
    get {
      precondition(bit >= 0 && bit < bitCount && sample >= 0 && sample < sampleCount)
      return (words[bit * wordsPerPlane + (sample >> 6)] >> UInt64(sample & 63)) & 1 == 1
    }
    set {
      precondition(bit >= 0 && bit < bitCount && sample >= 0 && sample < sampleCount)
      let index = bit * wordsPerPlane + (sample >> 6)
      let mask = UInt64(1) << UInt64(sample & 63)
      if newValue { words[index] |= mask } else { words[index] &= ~mask }
    }
  }

  /// The words of plane `bit`.
  public func plane(_ bit: Int) -> ArraySlice<UInt64> {
    precondition(bit >= 0 && bit < bitCount, "plane \(bit) is outside 0..<\(bitCount)")
    return words[(bit * wordsPerPlane)..<((bit + 1) * wordsPerPlane)]
  }

  /// Gives `body` the planes' words to fill in place, then clears the bits beyond
  /// ``sampleCount``.
  public mutating func withUnsafeMutableWords<R>(
    _ body: (UnsafeMutableBufferPointer<UInt64>) throws -> R
  ) rethrows -> R {
    defer { clearPadding() }
    return try words.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// The mask of the sample bits in the last word of a plane (all ones when it is full).
  var lastWordMask: UInt64 {
    let extra = sampleCount & 63
    return extra == 0 ? ~0 : (UInt64(1) << UInt64(extra)) &- 1
  }

  /// Zeroes the bits of each plane's last word beyond ``sampleCount``.
  mutating func clearPadding() {
    let mask = lastWordMask
    let stride = wordsPerPlane
    guard mask != ~0, stride > 0 else { return }
    for b in 0..<bitCount { words[b * stride + stride - 1] &= mask }
  }
}
