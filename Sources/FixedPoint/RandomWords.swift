// Array paths read the random words of consecutive elements; these types compute each
// Philox block (four words) once instead of once per word.

/// The four words of the ``CounterRNG`` block that holds one word index.
@usableFromInline
struct RandomWordBlock {
  /// Words `4k … 4k + 3` of the stream, where `k = index / 4`.
  let words: SIMD4<UInt64>

  /// The block holding word `index` of `random` (word `index` is lane `index % 4`).
  @inline(__always) @usableFromInline
  init(_ random: CounterRNG, containing index: UInt64) {
    let b = random.block(index / 4 &+ 1)
    words = SIMD4(b.0, b.1, b.2, b.3)
  }
}

/// Random words for stochastic rounding, fetched lazily and remembering the last block, so a
/// run of consecutive indices costs one block per four words.
@usableFromInline
struct RandomWordCache {
  /// The generator; `nil` when the caller gave none (asking for a word then traps).
  let random: CounterRNG?
  /// The block counter of `block` (0, never a valid counter, before the first word).
  var counter: UInt64 = 0
  /// The words of block `counter`.
  var block = SIMD4<UInt64>()

  /// A cache over `random`.
  @usableFromInline
  init(_ random: CounterRNG?) { self.random = random }

  /// Word `index` of the generator, the same as `random.word(at: index)`.
  @usableFromInline
  mutating func word(at index: UInt64) -> UInt64 {
    guard let random else { preconditionFailure("STOCHASTIC rounding needs a CounterRNG") }
    let wanted = index / 4 &+ 1
    if wanted != counter {
      block = RandomWordBlock(random, containing: index).words
      counter = wanted
    }
    return block[Int(index % 4)]
  }
}
