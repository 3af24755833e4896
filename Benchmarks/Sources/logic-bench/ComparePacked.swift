// `logic-bench compare --packed 1`: the same random samples given to LogicNetInference as
// packed rows (one bit per input, `np.packbits(x, axis=1, bitorder="little")`) and as bit
// planes, beside the byte input, so the cost of the byte-to-bit step shows. The results of
// both must equal the byte path's (itself checked against the model) before timing; the
// three calls alternate.
import BitTrue
import Foundation

func comparePacked(
  engine: LogicNetInference, bytes: [UInt8], samples: Int, repeats: Int, compiledRate: Double
) {
  let inputs = engine.evaluator.inputBitCount
  let rowBytes = engine.packedRowBytes
  var packed = [UInt8](repeating: 0, count: samples * rowBytes)
  for s in 0..<samples {
    for i in 0..<inputs where bytes[s * inputs + i] != 0 {
      packed[s * rowBytes + i / 8] |= 1 << UInt8(i % 8)
    }
  }
  let planes = BitPlanes(rowBytes: bytes, bitCount: inputs, sampleCount: samples)
  let expected = engine.evaluate(bits: bytes, count: samples)
  for path in LogicKernelPath.available {
    let fromPacked = engine.evaluate(packedBits: packed, count: samples, path: path)
    let fromPlanes = engine.evaluate(planes: planes, path: path)
    guard fromPacked == expected, fromPlanes == expected else {
      fatalError("\(path): packed-row or bit-plane results differ from the byte path's")
    }
  }
  var byteTiming = CallTiming()
  var packedTiming = CallTiming()
  var planeTiming = CallTiming()
  var sink = 0
  for r in 0...repeats {
    let b = CallTiming.measure(repeats: 1) {
      sink &+= engine.evaluate(bits: bytes, count: samples).predicted[samples - 1]
    }
    let p = CallTiming.measure(repeats: 1) {
      sink &+= engine.evaluate(packedBits: packed, count: samples).predicted[samples - 1]
    }
    let q = CallTiming.measure(repeats: 1) {
      sink &+= engine.evaluate(planes: planes).predicted[samples - 1]
    }
    if r > 0 {
      byteTiming.append(b)
      packedTiming.append(p)
      planeTiming.append(q)
    }
  }
  let rate = { (t: CallTiming) in Double(samples) / t.cpu[0] }
  say("  check: packed rows and bit planes give the byte path's counts and classes")
  for (label, timing) in [
    ("bytes in (as above, re-timed)", byteTiming), ("packed rows in", packedTiming),
    ("bit planes in", planeTiming),
  ] {
    say(
      "  " + timing.line(label, images: samples)
        + String(format: "; %.2f× CompiledLogicNet best CPU", rate(timing) / compiledRate))
  }
  if sink == 42 { say("") }
}
