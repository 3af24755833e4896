import NetlistIR

/// One way of computing a netlist's outputs. Every implementation must agree bit for bit
/// with every other; differential tests and cosimulation compare them by ``sourceName``.
///
/// A run starts from reset (every register holds its reset value). Cycle `t` applies
/// `vectors[t]` — one ``BitVector`` per primary input, in port order — evaluates the
/// combinational logic, records the outputs (in port order), then clocks the registers.
/// For a netlist without registers every vector is independent.
public protocol Evaluator {
  /// The short name of this result source in reports: `interp`, `gates64`, `opt`, …
  var sourceName: String { get }

  /// Runs one clock cycle per input vector and returns the outputs of each cycle.
  func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]]
}

/// The errors of the NetlistSim target.
public enum SimulationError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The netlist failed verification.
  case invalidNetlist(String)
  /// An input vector has the wrong number of values or a value of the wrong width.
  case badVector(index: Int, String)
  /// The evaluator cannot run this netlist (for example a multi-bit op in a gate-only engine).
  case unsupported(String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .invalidNetlist(let m): return "invalid netlist: \(m)"
    case .badVector(let i, let m): return "input vector \(i): \(m)"
    case .unsupported(let m): return "unsupported: \(m)"
    }
  }
}

extension Evaluator {
  /// Checks that each vector has one value of the right width per input port.
  public static func validate(_ vectors: [[BitVector]], for netlist: Netlist)
    throws(SimulationError)
  {
    let widths = netlist.inputs.map { netlist[$0].width }
    for (i, v) in vectors.enumerated() {
      guard v.count == widths.count else {
        throw .badVector(index: i, "has \(v.count) values, the netlist has \(widths.count) inputs")
      }
      for (j, value) in v.enumerated() where value.width != widths[j] {
        throw .badVector(index: i, "input \(j) is \(value.width) bits, expected \(widths[j])")
      }
    }
  }
}
