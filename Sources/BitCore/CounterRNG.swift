/// BitTrue's only source of randomness: a counter-based generator keyed by
/// `(seed, stream)` and addressed by an element index.
///
/// Every random decision (stochastic rounding, weight initialisation, shuffles, splits) asks
/// for the word at a fixed index, so results never depend on evaluation order, thread
/// count or machine.
///
/// The function is Philox4x64-10 (Salmon et al., SC'11; the Random123 reference constants):
/// word `i` of stream `(seed, stream)` is output lane `i % 4` of the Philox block with key
/// `(seed, stream)` and counter `(i / 4 + 1, 0, 0, 0)`. That is exactly numpy's stream, so a
/// Python reference replays it:
///
/// ```python
/// import numpy as np
/// words = np.random.Philox(key=[seed, stream]).random_raw(n)   # words[i] == word(at: i)
/// ```
public struct CounterRNG: Sendable, Hashable {
  /// The first key word.
  public let seed: UInt64
  /// The second key word: separates independent uses of one seed.
  public let stream: UInt64

  /// The generator for one `(seed, stream)` key.
  public init(seed: UInt64, stream: UInt64 = 0) {
    self.seed = seed
    self.stream = stream
  }

  /// The four words of Philox block `counter` (counter lanes 1–3 zero).
  @inlinable
  public func block(_ counter: UInt64) -> (UInt64, UInt64, UInt64, UInt64) {
    var c0 = counter
    var c1: UInt64 = 0
    var c2: UInt64 = 0
    var c3: UInt64 = 0
    var k0 = seed
    var k1 = stream
    for round in 0..<10 {
      if round > 0 {
        k0 &+= 0x9E37_79B9_7F4A_7C15
        k1 &+= 0xBB67_AE85_84CA_A73B
      }
      let (hi0, lo0) = UInt64(0xD2E7_470E_E14C_6C93).multipliedFullWidth(by: c0)
      let (hi1, lo1) = UInt64(0xCA5A_8263_9512_1157).multipliedFullWidth(by: c2)
      (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
    }
    return (c0, c1, c2, c3)
  }

  /// Random word number `index` of this stream.
  @inlinable
  public func word(at index: UInt64) -> UInt64 {
    let b = block(index / 4 &+ 1)
    switch index % 4 {
    case 0: return b.0
    case 1: return b.1
    case 2: return b.2
    default: return b.3
    }
  }

  /// A uniform integer in `0 ..< bound` from word `index` (Lemire's multiply-high method;
  /// the bias is below 2^-64 · bound and identical on every machine).
  @inlinable
  public func integer(at index: UInt64, below bound: UInt64) -> UInt64 {
    precondition(bound > 0, "empty range")
    return word(at: index).multipliedFullWidth(by: bound).high
  }

  /// A uniform `Double` in [0, 1) with 53 random bits from word `index`.
  @inlinable
  package func unitDouble(at index: UInt64) -> Double {
    Double(word(at: index) >> 11) * 0x1p-53
  }

  /// A standard normal sample from words `2·index` and `2·index + 1` (Box–Muller):
  /// `√(−2 ln u1) · cos(2π u2)` with `u1 = 1 − unitDouble(2·index)` in (0, 1] and
  /// `u2 = unitDouble(2·index + 1)`. The logarithm and cosine are ``DeterministicMath``'s
  /// (IEEE-754 operations only, no C library), so the sample is the same on every machine.
  package func normal(at index: UInt64) -> Double {
    let u1 = 1.0 - unitDouble(at: 2 &* index)  // (0, 1]
    let u2 = unitDouble(at: 2 &* index &+ 1)
    return (-2.0 * DeterministicMath.log(u1)).squareRoot() * DeterministicMath.cosTwoPi(u2)
  }

  /// The permutation of `0 ..< count` given by a Fisher–Yates shuffle whose swap for
  /// position `i` (from the top) uses word `i` of this stream.
  public func permutation(_ count: Int) -> [Int] {
    var p = Array(0..<count)
    if count < 2 { return p }
    for i in stride(from: count - 1, to: 0, by: -1) {
      let j = Int(integer(at: UInt64(i), below: UInt64(i + 1)))
      p.swapAt(i, j)
    }
    return p
  }

  /// A sequential view for APIs that want a `RandomNumberGenerator`, starting at word 0.
  public func sequential() -> Sequential { Sequential(rng: self) }

  /// Draws words 0, 1, 2, … of a ``CounterRNG`` in order.
  public struct Sequential: RandomNumberGenerator, Sendable {
    /// The underlying generator.
    public let rng: CounterRNG
    /// The index of the next word.
    package private(set) var position: UInt64 = 0

    /// The next word.
    public mutating func next() -> UInt64 {
      defer { position &+= 1 }
      return rng.word(at: position)
    }
  }
}
