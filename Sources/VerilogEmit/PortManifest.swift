import Foundation
import NetlistIR

/// The module signature written next to emitted Verilog (`<module>.manifest.json`): what a
/// harness needs to drive the design without reading the Verilog. The generic Verilator
/// harness in `testbenches/` and Cosim are driven from it.
public struct PortManifest: Codable, Hashable, Sendable {
  /// One primary input or output.
  public struct Port: Codable, Hashable, Sendable {
    /// The Verilog port name.
    public var name: String
    /// The port name in the netlist (before legalisation).
    public var netlistName: String
    /// Bits per sample.
    public var width: Int
    /// Bits of the Verilog port: `width × lanes`.
    public var portWidth: Int

    /// A port.
    public init(name: String, netlistName: String, width: Int, portWidth: Int) {
      self.name = name
      self.netlistName = netlistName
      self.width = width
      self.portWidth = portWidth
    }
  }

  /// The reset of a clocked design.
  public struct Reset: Codable, Hashable, Sendable {
    /// Port name.
    public var name: String
    /// Always `true`: the reset is sampled on the rising clock edge.
    public var synchronous: Bool
    /// Always `"high"`.
    public var active: String

    /// A reset description.
    public init(name: String, synchronous: Bool, active: String) {
      self.name = name
      self.synchronous = synchronous
      self.active = active
    }
  }

  /// `bittrue-port-manifest`.
  public var format: String
  /// Manifest layout version (1).
  public var version: Int
  /// The generator, for example `bittrue VerilogEmit 0.1.0`.
  public var generator: String
  /// Top module name.
  public var module: String
  /// Verilog files of the design, top module first, then the `rtl/` primitives it uses.
  public var sources: [String]
  /// SHA-256 of the netlist's text form.
  public var sourceHash: String
  /// Samples per port bit: 1, or 64 for the lane form.
  public var lanes: Int
  /// How samples are packed in the lane form (`nil` with one lane).
  public var laneLayout: String?
  /// Whether the design has registers (and so `clock` and `reset` ports).
  public var clocked: Bool
  /// Clock port (rising edge), when clocked.
  public var clock: String?
  /// Reset port, when clocked.
  public var reset: Reset?
  /// Clock cycles from an input vector to its outputs (0: read in the same cycle).
  public var latency: Int
  /// Primary inputs in port order (clock and reset excluded).
  public var inputs: [Port]
  /// Primary outputs in port order.
  public var outputs: [Port]
  /// The start/done handshake of a streaming design (its Verilog port names, which are
  /// then not in ``inputs`` and ``outputs``); `nil` for a design that takes a sample per cycle.
  public var handshake: StreamingPorts?

  /// A manifest (see the properties for the meaning of each field).
  public init(
    format: String, version: Int, generator: String, module: String, sources: [String],
    sourceHash: String, lanes: Int, laneLayout: String?, clocked: Bool, clock: String?,
    reset: Reset?, latency: Int, inputs: [Port], outputs: [Port],
    handshake: StreamingPorts? = nil
  ) {
    self.format = format
    self.version = version
    self.generator = generator
    self.module = module
    self.sources = sources
    self.sourceHash = sourceHash
    self.lanes = lanes
    self.laneLayout = laneLayout
    self.clocked = clocked
    self.clock = clock
    self.reset = reset
    self.latency = latency
    self.inputs = inputs
    self.outputs = outputs
    self.handshake = handshake
  }

  /// The lane layout sentence used in manifests and headers.
  public static let laneLayoutDescription =
    "bit i of sample lane j is port bit 64*i + j; lane j of cycle c is sample 64*c + j"

  /// Pretty, key-sorted JSON with a final newline: deterministic.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try! encoder.encode(self)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Parses a manifest; `nil` when the text is not one.
  public static func parse(_ text: String) -> PortManifest? {
    try? JSONDecoder().decode(PortManifest.self, from: Data(text.utf8))
  }
}
