// What several benchmarks share: a seeded value stream and a monotonic clock.
#if canImport(Glibc)
  import Glibc
#endif

/// SplitMix64 of `i`: the benchmarks' reproducible pseudo-random inputs, so the C baselines
/// can generate the very same values.
public func splitmix(_ i: UInt64) -> UInt64 {
  var z = (i &+ 1) &* 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// Seconds on the monotonic clock.
public func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
