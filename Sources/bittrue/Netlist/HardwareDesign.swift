import ArgumentParser
import BitTrue
import Foundation

/// What the hardware commands (`netlist emit|report`, `cosim`, `logic emit`) work on: a
/// netlist read from the IR text form, or a logic-net model lowered to the IR, in the form
/// the flags ask for.
///
/// Forms: the optimised word-level netlist (default: GroupSum popcounts and the argmax as
/// `rtl/` primitives), or — with `--lanes 64` or `--pipeline K` — the bit-blasted gate-level
/// netlist, registered every K gate levels when pipelined.
struct HardwareDesign {
  /// The netlist to emit and simulate.
  let netlist: Netlist
  /// Pipeline latency in cycles (0 when not pipelined).
  let latency: Int
  /// Registers inserted by pipelining.
  let pipelineRegisters: Int
  /// The logic net, when the input was a model.
  let net: DiscreteLogicNet?
  /// The compiled inference engine of the model (`gates64`), when the input was a model.
  let inference: LogicNetInference?
  /// The netlist before any optimisation (for the `interp` source).
  let original: Netlist

  /// Loads `path` and prepares the requested form.
  init(path: String, gateLevel: Bool, pipeline: Int?) throws {
    let data = FileManager.default.contents(atPath: path)
    if let data, NetlistFile.isJSON(data) {
      let net = try NetlistFile.loadNet(path, data: data)
      let inference: LogicNetInference
      do throws(PassError) {
        inference = try LogicNetInference(net, name: NetlistFile.stem(path))
      } catch {
        throw CommandFailure(description: "\(path): \(error.description)")
      }
      try self.init(
        prepared: gateLevel || pipeline != nil ? inference.gateLevel : inference.optimized,
        pipeline: pipeline, path: path, net: net, inference: inference,
        original: inference.lowered)
    } else {
      let netlist = try NetlistFile.load(path)
      var form = netlist
      if gateLevel || pipeline != nil {
        do throws(PassError) {
          try Optimizer.optimize(&form)
          try PassManager.run([BitBlast()], on: &form)
          try Optimizer.optimize(&form)
        } catch {
          throw CommandFailure(description: "\(path): \(error.description)")
        }
      }
      try self.init(
        prepared: form, pipeline: pipeline, path: path, net: nil, inference: nil,
        original: netlist)
    }
  }

  private init(
    prepared: Netlist, pipeline: Int?, path: String, net: DiscreteLogicNet?,
    inference: LogicNetInference?, original: Netlist
  ) throws {
    self.net = net
    self.inference = inference
    self.original = original
    guard let k = pipeline else {
      netlist = prepared
      latency = 0
      pipelineRegisters = 0
      return
    }
    do throws(PassError) {
      let result = try Pipelining(every: k).pipeline(prepared)
      netlist = result.netlist
      latency = result.latency
      pipelineRegisters = result.registersAdded
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }
}
