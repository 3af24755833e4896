// Fixed-point throughput (release build only): the same three operations, data and checksums
// as baselines/fixed_c.c and baselines/fixed_apytypes.py.
//   quantize: sfix32_En16 → sfix8_En4, RND_CONV + SAT
//   add:      sfix32_En16 + sfix32_En16 → sfix33_En16 (exact)
//   mul:      sfix32_En16 × sfix32_En16 → sfix64_En32 (exact)
// Usage: fixed-bench [elements] [repetitions]. Prints "swift <op> <ns per element> <checksum>".
import BitTrue
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

func splitmix(_ i: UInt64) -> UInt64 {
  var z = (i &+ 1) &* 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func checksum(_ array: FixedArray) -> UInt64 {
  array.int64Codes!.reduce(UInt64(0)) { $0 &+ UInt64(bitPattern: $1) }
}

let arguments = CommandLine.arguments
let n = arguments.count > 1 ? Int(arguments[1])! : 10_000_000
let repetitions = arguments.count > 2 ? Int(arguments[2])! : 5
let source = FixedFormat(signed: true, width: 32, fractionBits: 16)
let target = FixedFormat(signed: true, width: 8, fractionBits: 4)
let a = FixedArray(
  codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0))) >> 43 }, format: source)
let b = FixedArray(
  codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0 + n))) >> 43 }, format: source)

func measure(_ name: String, _ body: () -> FixedArray) {
  var best = Double.infinity
  var result = body()
  for _ in 0..<repetitions {
    let t0 = now()
    result = body()
    best = min(best, now() - t0)
  }
  let ns = best * 1e9 / Double(n)
  print("swift \(name) \(String(format: "%.4f", ns)) \(checksum(result))")
}

measure("quantize") { a.quantized(to: target, rounding: .rndConv, overflow: .sat) }
measure("add") { a + b }
measure("mul") { a * b }
