import NetlistIR

/// Runs a streaming design (``NetlistIR/StreamingPorts``) one transaction per sample, cycle by
/// cycle, on any ``CycleStepper``, as the harness's streaming mode does. Without a `ready`
/// port: raise `start` with the sample's data for one cycle, then clock until `done`, take
/// that cycle's data outputs and start the next sample in the following cycle. With one:
/// offer each sample (`start` high, its data on the inputs) from cycle to cycle until the
/// design accepts it (`ready` high), then offer the next, back to back; each `done` cycle
/// gives the results of the oldest sample still in flight.
///
/// As an ``Evaluator`` a vector is one sample's data inputs (every input but `start`, in
/// port order) and a result its data outputs (every output but `done` and `ready`), so
/// transactions compare with the model and with the Verilator harness sample by sample.
public struct TransactionEvaluator<Stepper: CycleStepper>: Evaluator {
  /// The simulation, in its reset state.
  public let stepper: Stepper
  /// The handshake ports.
  public let ports: StreamingPorts
  /// The most cycles the design may go without accepting or finishing a sample before it is
  /// an error.
  public var cycleLimit: Int
  private let start: Int
  private let done: Int
  private let ready: Int?

  /// The result source name of the stepper.
  public var sourceName: String { stepper.sourceName }

  /// A transaction-level evaluator; throws when the netlist lacks the handshake ports.
  public init(
    _ stepper: Stepper, ports: StreamingPorts = StreamingPorts(), cycleLimit: Int = 1 << 22
  ) throws(SimulationError) {
    guard let positions = ports.positions(in: stepper.netlist) else {
      throw .unsupported(
        "a streaming netlist needs a 1-bit input '\(ports.start)' and a 1-bit output "
          + "'\(ports.done)'")
    }
    self.stepper = stepper
    self.ports = ports
    self.cycleLimit = cycleLimit
    self.start = positions.start
    self.done = positions.done
    self.ready = ports.readyPosition(in: stepper.netlist)
  }

  /// The data outputs of every sample.
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try timeline(vectors).outputs
  }

  /// The data outputs of every sample and the cycles each transaction took (its start cycle
  /// through its done cycle).
  public func transactions(
    _ vectors: [[BitVector]]
  ) throws(SimulationError) -> (outputs: [[BitVector]], cycles: [Int]) {
    let run = try timeline(vectors)
    return (run.outputs, zip(run.accepted, run.done).map { $1 - $0 + 1 })
  }

  /// The data outputs of every sample and the cycles (from 0, the first after reset) in
  /// which each sample was accepted and finished.
  public func timeline(
    _ vectors: [[BitVector]]
  ) throws(SimulationError) -> (outputs: [[BitVector]], accepted: [Int], done: [Int]) {
    let netlist = stepper.netlist
    let dataInputs = netlist.inputs.indices.filter { $0 != start }
    let widths = dataInputs.map { netlist.width(netlist.inputs[$0]) }
    for (index, vector) in vectors.enumerated() {
      guard vector.count == widths.count, zip(vector, widths).allSatisfy({ $0.width == $1 })
      else {
        throw .badVector(
          index: index, "expected \(widths.count) data values of widths \(widths)")
      }
    }
    var sim = stepper
    sim.reset()
    var outputs: [[BitVector]] = []
    var (accepted, finished): ([Int], [Int]) = ([], [])
    var inputs = netlist.inputs.map { BitVector(zeroWidth: netlist.width($0)) }
    var (cycle, progress) = (0, 0)
    while outputs.count < vectors.count {
      // One sample at a time without `ready`: offer the next only once all are done.
      let offer =
        accepted.count < vectors.count && (ready != nil || outputs.count == accepted.count)
      if offer {
        for (value, port) in zip(vectors[accepted.count], dataInputs) { inputs[port] = value }
      }
      inputs[start] = BitVector(width: 1, truncating: offer ? 1 : 0)
      let result = sim.step(inputs)
      if result[done][bit: 0] && outputs.count < accepted.count {
        outputs.append(result.indices.filter { $0 != done && $0 != ready }.map { result[$0] })
        finished.append(cycle)
        progress = cycle
      } else if result[done][bit: 0] && ready != nil {
        throw .unsupported("cycle \(cycle): '\(ports.done)' with no sample in flight")
      }
      if offer && ready.map({ result[$0][bit: 0] }) ?? true {
        accepted.append(cycle)
        progress = cycle
      }
      if cycle - progress + 1 >= cycleLimit {
        throw .unsupported(
          outputs.count < accepted.count
            ? "sample \(outputs.count): no '\(ports.done)' within \(cycleLimit) cycles"
            : "sample \(accepted.count): not accepted within \(cycleLimit) cycles")
      }
      cycle += 1
    }
    return (outputs, accepted, finished)
  }
}
