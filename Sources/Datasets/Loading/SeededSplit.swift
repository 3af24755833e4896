import FixedPoint

/// The seeded 80/20 split used for data sets without an official one.
///
/// For `n` rows and split seed `s`: take the permutation `p = CounterRNG(seed: s, stream:
/// SeededSplit.stream).permutation(n)` (a Fisher–Yates shuffle: for `i` from `n − 1` down to
/// 1, swap positions `i` and `j = ⌊word(i) · (i + 1) / 2⁶⁴⌋`). The test set is the last
/// `⌈n / 5⌉` entries of `p`, the training set the first `n − ⌈n / 5⌉`, each in `p`'s order.
/// Python replays it with numpy:
///
/// ```python
/// w = np.random.Philox(key=[s, 0x73706c6974]).random_raw(n)
/// p = list(range(n))
/// for i in range(n - 1, 0, -1):
///     j = (int(w[i]) * (i + 1)) >> 64
///     p[i], p[j] = p[j], p[i]
/// test_count = (n + 4) // 5
/// train, test = p[:n - test_count], p[n - test_count:]
/// ```
package enum SeededSplit {
  /// The CounterRNG stream of splits: the ASCII bytes of "split".
  package static let stream: UInt64 = 0x73_706C_6974

  /// The test share's size for `count` rows: ⌈count / 5⌉.
  package static func testCount(of count: Int) -> Int { (count + 4) / 5 }

  /// Row indices of the training and test sets for `count` rows (at least 2).
  package static func indices(count: Int, seed: UInt64) -> (train: [Int], test: [Int]) {
    precondition(count >= 2, "a split needs at least two rows")
    let p = CounterRNG(seed: seed, stream: stream).permutation(count)
    let trainCount = count - testCount(of: count)
    return (Array(p[0..<trainCount]), Array(p[trainCount...]))
  }
}
