import NetlistIR
import NetlistSim

/// A model family the hardware commands accept — `netlist emit|report`, `logic emit`,
/// `cosim` — with no code of its own in the CLI: the file reader of one kind of model.
///
/// Logic nets (`ModelFamilies.LogicNetFamily`) are the first family; a netlist in the IR
/// text form is not a family but "a design with no model" (``DesignRegistry``).
///
/// To add a family (binarized or ternary nets, WAGEUBN integer networks, …):
/// 1. **Lower** the model to the IR in `ModelLowering`, one file per layer kind, and document
///    the ports of the netlist it builds (input names and bit order, output names and
///    meaning): every evaluator of the design is compared port by port.
/// 2. **Evaluate** the model by its own definition — not through the netlist — in an
///    ``NetlistSim/Evaluator`` whose ``NetlistSim/Evaluator/sourceName`` is `model`, taking
///    and returning vectors in the ports of step 1 (logic nets:
///    `ModelFamilies.LogicNetModelEvaluator`). This is the `model` result source of cosim;
///    it is what makes the lowering checkable, so it must not share code with it.
/// 3. **Load**: in `ModelFamilies`, conform the loaded model to ``HardwareModel`` and its
///    reader to ``ModelFamily``: name the JSON `format` values of its files in ``formats``
///    (or recognise other files in ``recognizes(_:)``), parse and validate the file in
///    ``load(_:)`` — never trap on bad input: throw ``DesignError/model(_:)`` with a
///    one-line message naming the field — and append the family to `ModelFamilies.all`.
///
/// Nothing else: the registry picks the family by the file's content;
/// `NetlistPasses.HardwareFlow` makes the optimised, gate-level and pipelined forms
/// (``HardwareDesign/forms()``); `Cosim.StandardSources` assembles the result sources
/// (`model`, `interp`, `opt`, `gates64`) from the design. `gates64`, the fast bit-parallel
/// evaluator, comes for free from the gate-level form; a family's own batch inference
/// runtime (like `Inference.LogicNetInference`) belongs in `Inference`, built from the same
/// forms.
public protocol ModelFamily: Sendable {
  /// The family in messages, e.g. `logic net`.
  var name: String { get }
  /// The values of the top-level JSON `format` field of the family's files.
  var formats: [String] { get }
  /// Whether `file` is one of the family's files; by default, a JSON object whose `format`
  /// is one of ``formats``.
  func recognizes(_ file: DesignFile) -> Bool
  /// The model in a file this family recognises, parsed and validated.
  func load(_ file: DesignFile) throws(DesignError) -> any HardwareModel
}

extension ModelFamily {
  /// A JSON object whose `format` is one of ``formats``.
  public func recognizes(_ file: DesignFile) -> Bool {
    file.format.map(formats.contains) ?? false
  }
}

/// A loaded model of some ``ModelFamily``, as the hardware flow sees it: it lowers to the
/// IR and evaluates itself at model level.
public protocol HardwareModel: Sendable {
  /// The model in messages: `net` in "the net has 3 inputs".
  var noun: String { get }
  /// The bits of one encoded data-set sample: the width of the lowered netlist's single
  /// input port (used to turn a data set's test split into input vectors).
  var sampleBits: Int { get }
  /// The lowered netlist, named `name`, before any optimisation (the `interp` source runs
  /// it as it is).
  func lower(name: String) throws(DesignError) -> Netlist
  /// The `model` result source: the model evaluated by its own definition, with the ports
  /// of ``lower(name:)``.
  func modelEvaluator() -> any Evaluator
  /// Whether a node of the lowered netlist is one of the model's gates: what the
  /// optimisation statistics (``NetlistPasses/GateRemoval``) count.
  func isModelGate(_ node: Node) -> Bool
  /// The regions of ``lower(name:)``'s netlist (layers, …) that `netlist report` measures
  /// one by one; none by default.
  func regions() -> [NetlistRegion]
}

extension HardwareModel {
  /// No regions.
  public func regions() -> [NetlistRegion] { [] }
}
