/// Binary samples packed 64 to a machine word, feature-major: bit `j` of word `w` of
/// feature `i` is feature `i` of sample `64·w + j` (LSB = first sample), as difflogic's
/// `PackBitsTensor` and compiled C lay them out. Padding bits beyond `count` are zero.
public struct PackedBits: Sendable, Hashable {
  /// The number of features (rows).
  public let features: Int
  /// The number of samples.
  public let count: Int
  /// `features × wordsPerFeature` words.
  public let words: [UInt64]

  /// The number of words per feature, ⌈count / 64⌉.
  public var wordsPerFeature: Int { (count + 63) / 64 }

  /// Packs sample-major bits: `bits[s · features + i]` is feature `i` of sample `s`; any
  /// non-zero byte counts as 1.
  public init(sampleMajor bits: [UInt8], features: Int) {
    precondition(features >= 1 && bits.count % features == 0, "whole samples only")
    self.features = features
    self.count = bits.count / features
    let perFeature = (count + 63) / 64
    var words = [UInt64](repeating: 0, count: features * perFeature)
    for s in 0..<count {
      let word = s / 64
      let bit = UInt64(1) << UInt64(s % 64)
      for i in 0..<features where bits[s * features + i] != 0 {
        words[i * perFeature + word] |= bit
      }
    }
    self.words = words
  }

  /// Feature `i` of sample `s`.
  public subscript(sample s: Int, feature i: Int) -> Bool {
    (words[i * wordsPerFeature + s / 64] >> UInt64(s % 64)) & 1 == 1
  }
}
