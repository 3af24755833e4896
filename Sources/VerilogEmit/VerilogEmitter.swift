import NetlistIR

/// What to emit.
public struct EmitOptions: Hashable, Sendable {
  /// Samples per port bit: 1 (the normal form) or 64 (gate-level netlists only: every
  /// one-bit signal becomes 64 bits wide, so one clock cycle evaluates 64 samples).
  public var lanes: Int
  /// The module name; `nil` uses the netlist's name (legalised either way).
  public var moduleName: String?
  /// Clock cycles from an input to the outputs it produces, recorded in the manifest: the
  /// latency of a pipelined netlist (see NetlistPasses' `Pipelining`), 0 otherwise.
  public var latency: Int
  /// Extra header-comment lines, e.g. the one-line summary of the design's gate report.
  public var notes: [String]
  /// The handshake of a streaming design: its ports go into the manifest's `handshake`
  /// instead of its data ports.
  public var streaming: StreamingPorts?

  /// Options; the defaults give the normal one-lane, latency-0 form named after the netlist.
  public init(
    lanes: Int = 1, moduleName: String? = nil, latency: Int = 0, notes: [String] = [],
    streaming: StreamingPorts? = nil
  ) {
    self.lanes = lanes
    self.moduleName = moduleName
    self.latency = latency
    self.notes = notes
    self.streaming = streaming
  }
}

/// An emitted design: the top module's text, the primitives it instantiates and the port
/// manifest. Write ``files`` into one folder to get a complete, lint-clean design.
public struct EmittedDesign: Hashable, Sendable {
  /// The top module name (also the file stem).
  public let moduleName: String
  /// The top module as syntax.
  package let module: Verilog.Module
  /// The top module's text.
  public let verilog: String
  /// The `rtl/` primitives the design needs (dependencies included), in catalogue order.
  package let primitives: [RTLPrimitive]
  /// The port manifest.
  public let manifest: PortManifest

  /// `<module>.v`.
  public var verilogFileName: String { moduleName + ".v" }
  /// `<module>.manifest.json`.
  public var manifestFileName: String { moduleName + ".manifest.json" }

  /// Every file of the design as (file name, text): the top module, each primitive, the
  /// manifest.
  public var files: [(name: String, text: String)] {
    [(verilogFileName, verilog)] + primitives.map { ($0.fileName, $0.source) }
      + [(manifestFileName, manifest.json())]
  }
}

/// Turns a netlist into synthesizable Verilog-2005: prepare on a copy (``EmitPreparation``),
/// build a ``Verilog/Module``, print it with ``VerilogPrinter``. Deterministic; keeps the
/// netlist's node names; round, resize and popcount become instances of `rtl/` primitives.
///
/// Registers share one rising-edge clock `clk` and a synchronous active-high reset `rst`,
/// both present only when the netlist has registers. Outputs are read in the same cycle as
/// the inputs that produce them (latency 0), exactly as ``Evaluator`` defines a cycle.
public enum VerilogEmitter {
  /// The generator version written into headers and manifests.
  public static let version = "0.1.0"

  /// Emits `netlist`.
  public static func emit(
    _ netlist: Netlist, options: EmitOptions = EmitOptions()
  ) throws(VerilogEmitError) -> EmittedDesign {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error.description)
    }
    guard options.lanes == 1 || options.lanes == 64 else {
      throw .unsupportedLanes(options.lanes)
    }
    if options.lanes > 1, let bad = netlist.firstNonGateLevelNode {
      throw .notGateLevel(bad, NetlistText.line(for: bad, in: netlist))
    }
    if let ports = options.streaming,
      ports.positions(in: netlist) == nil || options.lanes > 1 || !netlist.isSequential
    {
      throw .invalidNetlist(
        "a streaming design needs registers, one lane, a 1-bit input '\(ports.start)' and a "
          + "1-bit output '\(ports.done)'")
    }
    var builder = ModuleBuilder(
      EmitPreparation(netlist, moduleName: options.moduleName), lanes: options.lanes)
    let sourceHash = ContentHash.sha256(NetlistText.print(netlist))
    let body = builder.build()
    let primitives = RTLPrimitive.all.filter { builder.usedPrimitives.contains($0.name) }
    let manifest = makeManifest(
      netlist, builder, primitives, sourceHash, latency: options.latency,
      streaming: options.streaming)
    let module = Verilog.Module(
      name: builder.prepared.moduleName,
      header: header(netlist, builder, primitives, sourceHash, options),
      ports: body.ports, items: body.items)
    return EmittedDesign(
      moduleName: module.name, module: module, verilog: VerilogPrinter.print(module),
      primitives: primitives, manifest: manifest)
  }

  private static func makeManifest(
    _ netlist: Netlist, _ builder: ModuleBuilder, _ primitives: [RTLPrimitive],
    _ sourceHash: String, latency: Int, streaming: StreamingPorts?
  ) -> PortManifest {
    let lanes = builder.lanes
    func port(_ id: NodeID) -> PortManifest.Port {
      PortManifest.Port(
        name: builder.prepared.names[id.int], netlistName: netlist.portName(id)!,
        width: netlist.width(id), portWidth: netlist.width(id) * lanes)
    }
    let clocked = netlist.isSequential
    var inputs = netlist.inputs
    var outputs = netlist.outputs
    var handshake: StreamingPorts?
    if let streaming, let (start, done) = streaming.positions(in: netlist) {
      let doneID = outputs[done]
      let ready = streaming.readyPosition(in: netlist).map { outputs[$0] }
      handshake = StreamingPorts(
        start: builder.prepared.names[inputs[start].int],
        done: builder.prepared.names[outputs[done].int],
        ready: ready.map { builder.prepared.names[$0.int] })
      inputs.remove(at: start)
      outputs.removeAll { $0 == doneID || $0 == ready }
    }
    return PortManifest(
      format: "bittrue-port-manifest", version: 1, generator: "bittrue VerilogEmit \(version)",
      module: builder.prepared.moduleName,
      sources: [builder.prepared.moduleName + ".v"] + primitives.map(\.fileName),
      sourceHash: sourceHash, lanes: lanes,
      laneLayout: lanes > 1 ? PortManifest.laneLayoutDescription : nil,
      clocked: clocked, clock: clocked ? EmitPreparation.clock : nil,
      reset: clocked
        ? PortManifest.Reset(name: EmitPreparation.reset, synchronous: true, active: "high") : nil,
      latency: latency, inputs: inputs.map(port), outputs: outputs.map(port),
      handshake: handshake)
  }

  /// `1 node`, `2 nodes`.
  private static func count(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
  }

  private static func header(
    _ netlist: Netlist, _ builder: ModuleBuilder, _ primitives: [RTLPrimitive],
    _ sourceHash: String, _ options: EmitOptions
  ) -> [String] {
    func ports(_ ids: [NodeID]) -> String {
      let shown = ids.prefix(8).map { "\(netlist.portName($0)!)[\(netlist.width($0))]" }
      let more = ids.count > 8 ? ", … (\(ids.count - 8) more)" : ""
      return shown.joined(separator: ", ") + more
    }
    let registers = netlist.registers.count
    var lines = [
      "\(builder.prepared.moduleName): generated by bittrue VerilogEmit \(version) from netlist "
        + "\"\(netlist.name)\". Do not edit.",
      "Source sha256 \(sourceHash)",
      "Summary: \(count(netlist.nodes.count, "node")), \(count(registers, "register")); "
        + "\(count(netlist.inputs.count, "input")) (\(count(netlist.inputBits, "bit"))), "
        + "\(count(netlist.outputs.count, "output")) (\(count(netlist.outputBits, "bit")))",
      "Inputs: \(ports(netlist.inputs))",
      "Outputs: \(ports(netlist.outputs))",
      netlist.isSequential
        ? "Clocked: rising edge of \(EmitPreparation.clock), synchronous active-high reset "
          + "\(EmitPreparation.reset); "
          + (options.latency > 0
            ? "pipelined: outputs \(count(options.latency, "cycle")) after their inputs"
            : "outputs in the same cycle (latency 0)")
        : "Combinational (latency 0)",
    ]
    if builder.lanes > 1 {
      lines.append(
        "Lanes: \(builder.lanes) samples per port bit; \(PortManifest.laneLayoutDescription)")
    }
    if !primitives.isEmpty {
      lines.append("Primitives (rtl/): " + primitives.map(\.name).joined(separator: ", "))
    }
    lines += options.notes
    // Names come from the netlist: keep each header line a single comment line.
    return lines.map { line in
      String(line.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
  }
}
