import Designs
import NetlistIR
import NetlistPasses
import NetlistSim

/// The standard Swift result sources of a design, in the order compared:
/// - `model`: the model by its own definition (designs lowered from a model);
/// - `interp`: the reference interpreter on the netlist as lowered or read;
/// - `opt`: the reference interpreter on the optimised form;
/// - `gates64`: the bit-parallel evaluator on the gate-level form.
///
/// ``Cosim/run(_:vectors:seed:evaluators:options:)`` adds `verilator` (and `iverilog`).
/// `interp` and `opt` are left out when nodes × vectors exceeds ``interpreterBudget`` (they
/// are slow), and ``skipped`` says so.
public struct StandardSources {
  /// Interpreter sources run only up to this many node evaluations (nodes × vectors).
  package static let interpreterBudget = 40_000_000

  /// The sources to compare, in order.
  public let evaluators: [any Evaluator]
  /// Sources left out for size: `interp (120000 nodes × 1000 vectors)`, …
  public let skipped: [String]

  /// The sources of `design` (whose forms are `forms`) for `vectorCount` vectors.
  public init(
    _ design: HardwareDesign, forms: HardwareForms, vectorCount: Int
  ) throws(CosimError) {
    var evaluators: [any Evaluator] = []
    var skipped: [String] = []
    if let model = design.model { evaluators.append(model.modelEvaluator()) }
    for (name, netlist) in [("interp", forms.original), ("opt", forms.optimized.netlist)] {
      let evaluations = netlist.nodes.count.multipliedReportingOverflow(by: vectorCount)
      if evaluations.overflow || evaluations.partialValue > Self.interpreterBudget {
        skipped.append("\(name) (\(netlist.nodes.count) nodes × \(vectorCount) vectors)")
        continue
      }
      do throws(SimulationError) {
        evaluators.append(NamedEvaluator(name, try ReferenceInterpreter(netlist)))
      } catch {
        throw .evaluator(source: name, error.description)
      }
    }
    do throws(SimulationError) {
      evaluators.append(try GateEvaluator(forms.gateLevel.netlist))
    } catch {
      throw .evaluator(source: "gates64", error.description)
    }
    self.evaluators = evaluators
    self.skipped = skipped
  }
}
