// Fixed-point throughput (release build only): the same three operations, data and checksums
// as baselines/fixed_c.c and baselines/fixed_apytypes.py.
//   quantize: sfix32_En16 → sfix8_En4, RND_CONV + SAT
//   add:      sfix32_En16 + sfix32_En16 → sfix33_En16 (exact)
//   mul:      sfix32_En16 × sfix32_En16 → sfix64_En32 (exact)
// Each operation is timed twice: allocating a fresh result per call (`quantize`, `add`, `mul`)
// and writing into a result array allocated once (`quantize_into`, `add_into`, `mul_into`).
// Usage: fixed-bench [elements] [repetitions] [modes|wide]. Prints
// "swift <op> <ns per element> <checksum>". `modes`: the in-place quantize for every rounding ×
// overflow pair, without and with event counters. `wide`: the Int128 word tier.
import BenchSupport
import BitTrue
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The sum of the codes modulo 2^64.
func checksum(_ array: FixedArray) -> UInt64 {
  if let codes = array.int64Codes {
    return codes.reduce(UInt64(0)) { $0 &+ UInt64(bitPattern: $1) }
  }
  return array.codes.reduce(UInt64(0)) { $0 &+ UInt64($1.lowBits(64).description)! }
}

let arguments = CommandLine.arguments
let n = arguments.count > 1 ? Int(arguments[1])! : 10_000_000
let repetitions = arguments.count > 2 ? Int(arguments[2])! : 5
let section = arguments.count > 3 ? arguments[3] : "main"
let source = FixedFormat(signed: true, width: 32, fractionBits: 16)
let target = FixedFormat(signed: true, width: 8, fractionBits: 4)
let a = FixedArray(
  codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0))) >> 43 }, format: source)
let b = FixedArray(
  codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0 + n))) >> 43 }, format: source)

/// Times `body` (best of the repetitions) and prints its line; `result` reads the output.
func measure(_ name: String, _ body: () -> Void, result: () -> FixedArray) {
  var best = Double.infinity
  body()
  for _ in 0..<repetitions {
    let t0 = now()
    body()
    best = min(best, now() - t0)
  }
  let ns = best * 1e9 / Double(n)
  print("swift \(name) \(String(format: "%.4f", ns)) \(checksum(result()))")
}

switch section {
case "modes":
  var quantized = FixedArray(zeros: n, format: target)
  var events = QuantizationEvents()
  let random = CounterRNG(seed: 1)
  for rounding in RoundingMode.allCases {
    for overflow in OverflowMode.allCases {
      let name = "\(rounding.rawValue)/\(overflow.rawValue)"
      measure(
        "into:\(name)",
        {
          a.quantize(into: &quantized, rounding: rounding, overflow: overflow, random: random)
        }
      ) { quantized }
      measure(
        "events:\(name)",
        {
          a.quantize(
            into: &quantized, rounding: rounding, overflow: overflow, random: random,
            events: &events)
        }
      ) { quantized }
    }
  }
case "wide":
  // 64-bit codes whose products need the Int128 tier, and a 128-bit quantize back to 32 bits.
  let wideSource = FixedFormat(signed: true, width: 64, fractionBits: 32)
  let x = FixedArray(
    codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0))) }, format: wideSource)
  let y = FixedArray(
    codes: (0..<n).map { Int64(bitPattern: splitmix(UInt64($0 + n))) }, format: wideSource)
  var products = FixedArray(zeros: n, format: FixedFormat.product(wideSource, wideSource))
  measure("mul128_into", { FixedArray.product(x, y, into: &products) }) { products }
  var narrowed = FixedArray(zeros: n, format: source)
  measure(
    "quantize128_into",
    {
      products.quantize(into: &narrowed, rounding: .rndConv, overflow: .sat)
    }
  ) { narrowed }
default:
  // Allocating forms: a fresh result array per call.
  var fresh = FixedArray(zeros: 0, format: target)
  measure("quantize", { fresh = a.quantized(to: target, rounding: .rndConv, overflow: .sat) }) {
    fresh
  }
  measure("add", { fresh = a + b }) { fresh }
  measure("mul", { fresh = a * b }) { fresh }
  fresh = FixedArray(zeros: 0, format: target)

  // Into-buffer forms: the result array is allocated once and overwritten, as the C loop does.
  var quantized = FixedArray(zeros: n, format: target)
  measure("quantize_into", { a.quantize(into: &quantized, rounding: .rndConv, overflow: .sat) }) {
    quantized
  }
  var sums = FixedArray(zeros: n, format: FixedFormat.sum(source, source))
  measure("add_into", { FixedArray.sum(a, b, into: &sums) }) { sums }
  var products = FixedArray(zeros: n, format: FixedFormat.product(source, source))
  measure("mul_into", { FixedArray.product(a, b, into: &products) }) { products }
}
