/// The start/done handshake of a streaming (folded) design: the clock-level contract of a
/// netlist that takes several cycles per sample.
///
/// The design has a one-bit input `start` and a one-bit output `done` besides its data
/// ports. After reset it is idle. In a cycle with `start` = 1 it captures the data inputs
/// (which need to be valid in that cycle only); some cycles later it raises `done` for one
/// cycle, and the data outputs of that cycle are the sample's results. The next sample may
/// start in the cycle after `done`. One *transaction* is one sample: its cycles run from the
/// start cycle through the done cycle, both included.
public struct StreamingPorts: Hashable, Sendable, Codable {
  /// The name of the one-bit start input.
  public var start: String
  /// The name of the one-bit done output.
  public var done: String

  /// A handshake on the named ports.
  public init(start: String = "start", done: String = "done") {
    self.start = start
    self.done = done
  }

  /// The positions of the start port among `netlist.inputs` and of the done port among
  /// `netlist.outputs`, or `nil` when either is missing or not one bit wide.
  public func positions(in netlist: Netlist) -> (start: Int, done: Int)? {
    guard
      let s = netlist.inputs.firstIndex(where: { netlist.portName($0) == start }),
      let d = netlist.outputs.firstIndex(where: { netlist.portName($0) == done }),
      netlist.width(netlist.inputs[s]) == 1, netlist.width(netlist.outputs[d]) == 1
    else { return nil }
    return (s, d)
  }
}
