import BitCore
import NetlistIR

/// One hand-written, parameterised Verilog primitive from `rtl/`: its module, parameters,
/// ports, latency and the Swift function that specifies it bit for bit. The catalogue is
/// ``all``; `rtl/README.md` lists the same entries for readers.
package struct RTLPrimitive: Hashable, Sendable {
  /// A module parameter and what it means.
  package struct Parameter: Hashable, Sendable {
    /// Verilog name.
    package let name: String
    /// Meaning and range.
    package let meaning: String
  }

  /// A module port; `width` is a Verilog expression over the parameters.
  package struct Port: Hashable, Sendable {
    /// Verilog name.
    package let name: String
    /// Direction.
    package let direction: Verilog.Direction
    /// Width as written in the module, for example `OUT_WIDTH`.
    package let width: String
  }

  /// Module name, also the file stem (`rtl/<name>.v`).
  package let name: String
  /// Parameters in declaration order.
  package let parameters: [Parameter]
  /// Ports in declaration order.
  package let ports: [Port]
  /// Clock cycles from input to output (0: combinational).
  package let latency: Int
  /// The Swift function whose result the primitive must match bit for bit.
  package let specification: String
  /// Other primitives this one instantiates.
  package let dependencies: [String]

  /// The file name, `<name>.v`.
  package var fileName: String { name + ".v" }

  /// The Verilog source text (identical to `rtl/<name>.v`).
  package var source: String { RTLSources.text[name]! + "\n" }

  /// Every primitive, in catalogue order.
  package static let all: [RTLPrimitive] = [
    popcount, shiftRound, satResize, xnorPopcount, thresholdCompare, argmax,
  ]

  /// The primitive with that module name.
  package static func named(_ name: String) -> RTLPrimitive? { all.first { $0.name == name } }

  /// `popcount`: the `popcount` op as a balanced adder tree.
  package static let popcount = RTLPrimitive(
    name: "popcount",
    parameters: [
      .init(name: "WIDTH", meaning: "input bits, >= 1"),
      .init(name: "OUT_WIDTH", meaning: "result bits, >= 1; the count wraps modulo 2^OUT_WIDTH"),
    ],
    ports: [
      .init(name: "x", direction: .input, width: "WIDTH"),
      .init(name: "count", direction: .output, width: "OUT_WIDTH"),
    ],
    latency: 0, specification: "RTLSpecification.popcount(_:width:)", dependencies: [])

  /// `shift_round`: the `round` op for every rounding mode.
  package static let shiftRound = RTLPrimitive(
    name: "shift_round",
    parameters: [
      .init(name: "IN_WIDTH", meaning: "bits of x, >= 1"),
      .init(name: "SHIFT", meaning: "bits dropped, >= 0"),
      .init(name: "OUT_WIDTH", meaning: "result bits, >= 1"),
      .init(name: "MODE", meaning: "RoundingMode: 0 TRN … 6 RND_CONV, 7 STOCHASTIC"),
      .init(name: "SIGNED", meaning: "1: x is two's complement"),
    ],
    ports: [
      .init(name: "x", direction: .input, width: "IN_WIDTH"),
      .init(name: "r", direction: .input, width: "max(SHIFT, 1)"),
      .init(name: "y", direction: .output, width: "OUT_WIDTH"),
    ],
    latency: 0, specification: "BitVector.roundedShift(by:mode:_:width:random:)",
    dependencies: [])

  /// `sat_resize`: the `resize` op for every overflow mode.
  package static let satResize = RTLPrimitive(
    name: "sat_resize",
    parameters: [
      .init(name: "IN_WIDTH", meaning: "bits of x, >= 1"),
      .init(name: "OUT_WIDTH", meaning: "result bits, >= 1"),
      .init(name: "MODE", meaning: "OverflowMode: 0 WRAP, 1 SAT, 2 SAT_ZERO, 3 SAT_SYM, 4 WRAP_SM"),
      .init(name: "SIGNED", meaning: "1: two's complement (WRAP_SM needs 1)"),
    ],
    ports: [
      .init(name: "x", direction: .input, width: "IN_WIDTH"),
      .init(name: "y", direction: .output, width: "OUT_WIDTH"),
    ],
    latency: 0, specification: "BitVector.resized(to:overflow:_:)", dependencies: [])

  /// `xnor_popcount`: agreements of two bit vectors (binarized dot product).
  package static let xnorPopcount = RTLPrimitive(
    name: "xnor_popcount",
    parameters: [
      .init(name: "WIDTH", meaning: "vector bits, >= 1"),
      .init(name: "OUT_WIDTH", meaning: "result bits, >= 1; the count wraps modulo 2^OUT_WIDTH"),
    ],
    ports: [
      .init(name: "a", direction: .input, width: "WIDTH"),
      .init(name: "w", direction: .input, width: "WIDTH"),
      .init(name: "count", direction: .output, width: "OUT_WIDTH"),
    ],
    latency: 0, specification: "RTLSpecification.xnorPopcount(_:_:width:)",
    dependencies: ["popcount"])

  /// `threshold_compare`: `x >= t` (or `x <= t`), a binarized activation.
  package static let thresholdCompare = RTLPrimitive(
    name: "threshold_compare",
    parameters: [
      .init(name: "WIDTH", meaning: "bits of x and t, >= 1"),
      .init(name: "SIGNED", meaning: "1: two's complement"),
      .init(name: "FLIP", meaning: "1: compare with <= instead of >="),
    ],
    ports: [
      .init(name: "x", direction: .input, width: "WIDTH"),
      .init(name: "t", direction: .input, width: "WIDTH"),
      .init(name: "y", direction: .output, width: "1"),
    ],
    latency: 0, specification: "RTLSpecification.thresholdCompare(_:_:signed:flip:)",
    dependencies: [])

  /// `argmax`: index of the largest value, lowest index on ties.
  package static let argmax = RTLPrimitive(
    name: "argmax",
    parameters: [
      .init(name: "N", meaning: "number of values, >= 1"),
      .init(name: "WIDTH", meaning: "bits per value, >= 1"),
      .init(name: "SIGNED", meaning: "1: two's complement"),
    ],
    ports: [
      .init(name: "values", direction: .input, width: "N*WIDTH"),
      .init(name: "index", direction: .output, width: "max(clog2(N), 1)"),
    ],
    latency: 0, specification: "RTLSpecification.argmax(_:signed:)", dependencies: [])

  /// The `MODE` parameter of `shift_round` for a rounding mode.
  package static func modeParameter(_ mode: RoundingMode) -> Int {
    switch mode {
    case .trn: return 0
    case .trnZero: return 1
    case .rnd: return 2
    case .rndZero: return 3
    case .rndMinInf: return 4
    case .rndInf: return 5
    case .rndConv: return 6
    case .stochastic: return 7
    }
  }

  /// The `MODE` parameter of `sat_resize` for an overflow mode.
  package static func modeParameter(_ mode: OverflowMode) -> Int {
    switch mode {
    case .wrap: return 0
    case .sat: return 1
    case .satZero: return 2
    case .satSym: return 3
    case .wrapSM: return 4
    }
  }
}
