import FixedPoint
import NetlistIR
import VerilogEmit

/// Each rtl/ primitive at given parameter values: its ports and the Swift function that
/// specifies its outputs. Shared by the batch cosimulation and the testbench tests.
enum PrimitiveSpecifications {
  /// One parameterised primitive.
  struct Instance {
    /// Input ports (name, width) in the primitive's port order.
    var inputs: [(String, Int)]
    /// Output ports (name, width).
    var outputs: [(String, Int)]
    /// The outputs for one vector of input values.
    var outputsFor: ([BitVector]) -> [BitVector]
  }

  /// The instance of `primitive` with `parameters`; every parameter the primitive reads must
  /// be given.
  static func instance(_ primitive: RTLPrimitive, _ parameters: [String: Int]) -> Instance {
    func value(_ name: String) -> Int {
      guard let v = parameters[name] else { preconditionFailure("\(primitive.name): no \(name)") }
      return v
    }
    switch primitive.name {
    case RTLPrimitive.popcount.name:
      let (w, out) = (value("WIDTH"), value("OUT_WIDTH"))
      return Instance(inputs: [("x", w)], outputs: [("count", out)]) {
        [RTLSpecification.popcount($0[0], width: out)]
      }
    case RTLPrimitive.xnorPopcount.name:
      let (w, out) = (value("WIDTH"), value("OUT_WIDTH"))
      return Instance(inputs: [("a", w), ("w", w)], outputs: [("count", out)]) {
        [RTLSpecification.xnorPopcount($0[0], $0[1], width: out)]
      }
    case RTLPrimitive.thresholdCompare.name:
      let (w, signed, flip) = (value("WIDTH"), value("SIGNED") == 1, value("FLIP") == 1)
      return Instance(inputs: [("x", w), ("t", w)], outputs: [("y", 1)]) {
        [RTLSpecification.thresholdCompare($0[0], $0[1], signed: signed, flip: flip)]
      }
    case RTLPrimitive.argmax.name:
      let (n, w, signed) = (value("N"), value("WIDTH"), value("SIGNED") == 1)
      let indexWidth = RTLSpecification.argmaxIndexWidth(n)
      return Instance(inputs: [("values", n * w)], outputs: [("index", indexWidth)]) { x in
        let values = (0..<n).map { x[0].slice(low: $0 * w, count: w) }
        let index = RTLSpecification.argmax(values, signed: signed)
        return [BitVector(width: indexWidth, truncating: UInt64(index))]
      }
    case RTLPrimitive.shiftRound.name:
      let (inWidth, shift, out) = (value("IN_WIDTH"), value("SHIFT"), value("OUT_WIDTH"))
      let mode = RoundingMode.allCases.first {
        RTLPrimitive.modeParameter($0) == value("MODE")
      }!
      let s: Signedness = value("SIGNED") == 1 ? .signed : .unsigned
      return Instance(inputs: [("x", inWidth), ("r", max(shift, 1))], outputs: [("y", out)]) {
        [
          $0[0].roundedShift(
            by: shift, mode: mode, s, width: out, random: mode == .stochastic ? $0[1] : nil)
        ]
      }
    case RTLPrimitive.satResize.name:
      let (inWidth, out) = (value("IN_WIDTH"), value("OUT_WIDTH"))
      let mode = OverflowMode.allCases.first {
        RTLPrimitive.modeParameter($0) == value("MODE")
      }!
      let s: Signedness = value("SIGNED") == 1 ? .signed : .unsigned
      return Instance(inputs: [("x", inWidth)], outputs: [("y", out)]) {
        [$0[0].resized(to: out, overflow: mode, s)]
      }
    default:
      preconditionFailure("no specification for \(primitive.name)")
    }
  }
}
