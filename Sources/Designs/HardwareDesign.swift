import NetlistIR
import NetlistPasses

/// What the hardware commands work on: a netlist, and the model it was lowered from (`nil`
/// for a netlist read from the IR text form).
public struct HardwareDesign: Sendable {
  /// The model, when the design was lowered from one.
  public let model: (any HardwareModel)?
  /// The netlist as lowered or read, before any optimisation.
  public let original: Netlist

  /// A design.
  public init(model: (any HardwareModel)?, original: Netlist) {
    self.model = model
    self.original = original
  }

  /// The standard forms of ``original`` (``NetlistPasses/HardwareFlow/forms(of:counting:)``),
  /// counting the model's gates in the optimisation statistics.
  public func forms() throws(DesignError) -> HardwareForms {
    do throws(PassError) {
      guard let model else { return try HardwareFlow.forms(of: original) }
      return try HardwareFlow.forms(of: original, counting: { model.isModelGate($0) })
    } catch {
      throw .pass(error)
    }
  }

  /// The netlist to emit, report and simulate under Verilator, computing only the forms it
  /// needs (or taking them from `forms`):
  /// - by default, a model's optimised form, or a netlist as written (GroupSum popcounts,
  ///   adders and the argmax stay word-level: `rtl/` primitives in the Verilog);
  /// - with `gateLevel` (the 64-lane form) or `pipeline`, the gate-level form, registered
  ///   every `pipeline` gate levels (at least 1) when pipelined.
  public func form(
    gateLevel: Bool, pipeline: Int?, using forms: HardwareForms? = nil
  ) throws(DesignError) -> DesignForm {
    do throws(PassError) {
      guard gateLevel || pipeline != nil else {
        guard model != nil else { return DesignForm(netlist: original) }
        if let forms { return DesignForm(netlist: forms.optimized.netlist) }
        return DesignForm(netlist: try HardwareFlow.optimize(original).netlist)
      }
      let gates: Netlist
      if let forms {
        gates = forms.gateLevel.netlist
      } else {
        gates = try HardwareFlow.gateLevel(HardwareFlow.optimize(original).netlist).netlist
      }
      guard let levels = pipeline else { return DesignForm(netlist: gates) }
      let pipelined = try HardwareFlow.pipeline(gates, every: levels)
      return DesignForm(
        netlist: pipelined.netlist, latency: pipelined.latency,
        pipelineRegisters: pipelined.registersAdded)
    } catch {
      throw .pass(error)
    }
  }
}

/// One form of a design, ready to emit: the netlist and its pipelining.
public struct DesignForm: Sendable {
  /// The netlist.
  public var netlist: Netlist
  /// Pipeline latency in cycles (0 when not pipelined).
  public var latency: Int
  /// Registers inserted by pipelining.
  public var pipelineRegisters: Int

  /// A form.
  public init(netlist: Netlist, latency: Int = 0, pipelineRegisters: Int = 0) {
    self.netlist = netlist
    self.latency = latency
    self.pipelineRegisters = pipelineRegisters
  }
}
