/// The start/done handshake of a streaming (folded) design: the clock-level contract of a
/// netlist that takes several cycles per sample.
///
/// The design has a one-bit input `start` and a one-bit output `done` besides its data
/// ports. After reset it is idle. In a cycle with `start` = 1 it captures the data inputs
/// (which need to be valid in that cycle only); some cycles later it raises `done` for one
/// cycle, and the data outputs of that cycle are the sample's results. The next sample may
/// start in the cycle after `done`. One *transaction* is one sample: its cycles run from the
/// start cycle through the done cycle, both included.
///
/// A design with a one-bit `ready` output streams: it accepts a sample in a cycle where
/// `start` and `ready` are both high (`ready` must not depend on `start` in that cycle), may
/// accept the next one before the first is done, and raises `done` once per accepted sample,
/// in the order they were accepted.
public struct StreamingPorts: Hashable, Sendable, Codable {
  /// The name of the one-bit start input.
  public var start: String
  /// The name of the one-bit done output.
  public var done: String
  /// The name of the one-bit ready output of a design that overlaps samples; a design
  /// without this port takes one sample at a time.
  public var ready: String?

  /// A handshake on the named ports.
  public init(start: String = "start", done: String = "done", ready: String? = "ready") {
    self.start = start
    self.done = done
    self.ready = ready
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

  /// The position of the ready port among `netlist.outputs`, or `nil` when there is none
  /// (or it is not one bit wide).
  public func readyPosition(in netlist: Netlist) -> Int? {
    guard let ready,
      let r = netlist.outputs.firstIndex(where: { netlist.portName($0) == ready }),
      netlist.width(netlist.outputs[r]) == 1
    else { return nil }
    return r
  }
}
