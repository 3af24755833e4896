// Declared-width accumulator throughput (release build only): the int8 × int8 matrix product
// of an MNIST MLP's first layer (W [256, 784] · X [784, B]) into a 32-bit accumulator,
// checked on every addition, on every available kernel path and in both overflow modes.
// baselines/matmul_c.c runs the same product as a plain int32 C loop on the same data (same
// checksum: the sums never overflow 32 bits here).
// Usage: accumulate-bench [batch] [repetitions]. Prints
// "swift <path> <mode> <threads> <GOP/s> <ms> <checksum>", one operation = one multiply or
// one add; the automatic path also runs on 2 threads.
import BenchSupport
import BitTrue
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

let arguments = CommandLine.arguments
let batch = arguments.count > 1 ? Int(arguments[1])! : 128
let repetitions = arguments.count > 2 ? Int(arguments[2])! : 5
let (m, k) = (256, 784)
let s8 = FixedFormat(signed: true, width: 8, fractionBits: 7)
// Element i of W is the low byte of splitmix(i); element i of X that of splitmix(2^32 + i).
let w = FixedTensor(
  shape: [m, k], codes: (0..<m * k).map { Int64(Int8(truncatingIfNeeded: splitmix(UInt64($0)))) },
  format: s8)
let x = FixedTensor(
  shape: [k, batch],
  codes: (0..<k * batch).map { Int64(Int8(truncatingIfNeeded: splitmix((1 << 32) + UInt64($0)))) },
  format: s8)
let operations = 2.0 * Double(m) * Double(k) * Double(batch)

let runs = AccumulatorKernelPath.allCases.filter(\.isAvailable).map { ($0, 1) } + [(.automatic, 2)]
for (path, threads) in runs {
  for overflow in AccumulatorOverflow.allCases {
    let accumulator = Accumulator(width: 32, overflow: overflow)
    var best = Double.infinity
    var result = FixedTensor(zeros: [1], format: s8)
    for _ in 0...repetitions {
      var events = AccumulatorEvents()
      let t0 = now()
      result = FixedTensor.matrixProduct(
        w, x, accumulator: accumulator, path: path, threads: threads, events: &events)
      best = min(best, now() - t0)
    }
    let sum = result.int64Codes!.reduce(Int64(0), &+)
    print(
      "swift \(path.rawValue) \(overflow.rawValue) \(threads) "
        + String(format: "%.3f %.3f", operations / best * 1e-9, best * 1e3) + " \(sum)")
  }
}
