import NetlistIR

/// The reported netlist's name, ports and size.
public struct DesignSummary: Codable, Hashable, Sendable {
  /// A primary input or output.
  public struct Port: Codable, Hashable, Sendable {
    /// The port name.
    public var name: String
    /// Bits.
    public var width: Int
  }

  /// The netlist's name.
  public var name: String
  /// Nodes in the reported netlist.
  public var nodes: Int
  /// Primary inputs in port order.
  public var inputs: [Port]
  /// Primary outputs in port order.
  public var outputs: [Port]
  /// Total input bits.
  public var inputBits: Int
  /// Total output bits.
  public var outputBits: Int

  /// The summary of `netlist`.
  init(_ netlist: Netlist) {
    func port(_ id: NodeID) -> Port { Port(name: netlist.portName(id)!, width: netlist.width(id)) }
    name = netlist.name
    nodes = netlist.nodes.count
    inputs = netlist.inputs.map(port)
    outputs = netlist.outputs.map(port)
    inputBits = netlist.inputBits
    outputBits = netlist.outputBits
  }
}
