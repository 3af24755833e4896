/// Many samples of a bit vector stored bit-sliced: one *plane* per bit, each plane a run of
/// 64-bit words in which bit `j` of word `k` belongs to sample `64·k + j` (difflogic's
/// `PackBitsTensor` order: first sample in the least significant bit).
///
/// The planes are stored in *tiles* of 512 samples, the block one evaluator pass handles, so
/// that a pass reads and writes one contiguous stretch of memory: tile `t` holds, for each
/// bit `b` in order, the 8 words of plane `b` for samples `512·t ..< 512·(t+1)` (see
/// ``index(bit:word:)``). Words and bits beyond ``sampleCount`` are always zero.
///
/// This is the gate evaluator's tiled arrangement of a feature-major ``BitMatrix``; the
/// conversions from and to sample-major rows use BitMatrix's packing and 64 × 64 transpose.
public struct BitPlanes: Hashable, Sendable {
  /// Samples per tile.
  package static let samplesPerTile = 512
  /// Words per plane in one tile.
  public static let tileWords = 8

  /// The number of planes (bits per sample).
  public let bitCount: Int
  /// The number of samples.
  public let sampleCount: Int
  /// All tiles; see ``index(bit:word:)`` for the position of each word.
  public internal(set) var words: [UInt64]

  /// Words in each plane, `⌈sampleCount / 64⌉`.
  package var wordsPerPlane: Int { (sampleCount + 63) >> 6 }
  /// The number of tiles, `⌈sampleCount / 512⌉`.
  public var tileCount: Int { (sampleCount + 511) >> 9 }
  /// Words in one tile, `8 · bitCount`.
  package var wordsPerTile: Int { bitCount * Self.tileWords }

  /// `sampleCount` samples of `bitCount` zero bits.
  public init(bitCount: Int, sampleCount: Int) {
    precondition(bitCount >= 0 && sampleCount >= 0, "counts cannot be negative")
    self.bitCount = bitCount
    self.sampleCount = sampleCount
    self.words = [UInt64](
      repeating: 0, count: bitCount * Self.tileWords * ((sampleCount + 511) >> 9))
  }

  /// Planes from plane-major words: plane `b` is `planeWords[b·w ..< (b+1)·w]` with
  /// `w = ⌈sampleCount / 64⌉`. Bits beyond `sampleCount` are ignored. Returns `nil` when
  /// `planeWords` does not hold exactly `bitCount · w` words.
  public init?(bitCount: Int, sampleCount: Int, planeWords: [UInt64]) {
    guard bitCount >= 0, sampleCount >= 0,
      planeWords.count == bitCount * ((sampleCount + 63) >> 6)
    else { return nil }
    self.init(bitCount: bitCount, sampleCount: sampleCount)
    let stride = wordsPerPlane
    for b in 0..<bitCount {
      for w in 0..<stride { words[index(bit: b, word: w)] = planeWords[b * stride + w] }
    }
    clearPadding()
  }

  /// The position in ``words`` of word `word` of plane `bit`:
  /// `(word / 8)·wordsPerTile + bit·8 + word % 8`.
  @inlinable
  public func index(bit: Int, word: Int) -> Int {
    (word >> 3) * (bitCount << 3) + (bit << 3) + (word & 7)
  }

  /// Bit `bit` of sample `sample`.
  public subscript(bit bit: Int, sample sample: Int) -> Bool {
    get {
      precondition(bit >= 0 && bit < bitCount && sample >= 0 && sample < sampleCount)
      return (words[index(bit: bit, word: sample >> 6)] >> UInt64(sample & 63)) & 1 == 1
    }
    set {
      precondition(bit >= 0 && bit < bitCount && sample >= 0 && sample < sampleCount)
      let i = index(bit: bit, word: sample >> 6)
      let mask = UInt64(1) << UInt64(sample & 63)
      if newValue { words[i] |= mask } else { words[i] &= ~mask }
    }
  }

  /// The ``wordsPerPlane`` words of plane `bit`.
  package func plane(_ bit: Int) -> [UInt64] {
    precondition(bit >= 0 && bit < bitCount, "plane \(bit) is outside 0..<\(bitCount)")
    return (0..<wordsPerPlane).map { words[index(bit: bit, word: $0)] }
  }

  /// Gives `body` the tiles (see ``index(bit:word:)``) to fill in place, then clears the bits
  /// beyond ``sampleCount``.
  public mutating func withUnsafeMutableWords<R>(
    _ body: (UnsafeMutableBufferPointer<UInt64>) throws -> R
  ) rethrows -> R {
    defer { clearPadding() }
    return try words.withUnsafeMutableBufferPointer { try body($0) }
  }

  /// Zeroes every bit beyond ``sampleCount`` (the rest of the last word and the last tile).
  mutating func clearPadding() {
    let used = wordsPerPlane
    let end = tileCount * Self.tileWords
    guard used < end || sampleCount & 63 != 0 else { return }
    let extra = sampleCount & 63
    let mask: UInt64 = extra == 0 ? ~0 : (UInt64(1) << UInt64(extra)) &- 1
    for b in 0..<bitCount {
      words[index(bit: b, word: used - 1)] &= mask
      for w in used..<end { words[index(bit: b, word: w)] = 0 }
    }
  }
}
