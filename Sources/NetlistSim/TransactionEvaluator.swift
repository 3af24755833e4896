import NetlistIR

/// Runs a streaming design (``NetlistIR/StreamingPorts``) one transaction per sample, cycle by
/// cycle, on any ``CycleStepper``: raise `start` with the sample's data for one cycle, then
/// hold the data and clock until `done`, and take that cycle's data outputs.
///
/// As an ``Evaluator`` a vector is one sample's data inputs (every input but `start`, in
/// port order) and a result its data outputs (every output but `done`), so transactions
/// compare with the model and with the Verilator harness's streaming mode sample by sample.
public struct TransactionEvaluator<Stepper: CycleStepper>: Evaluator {
  /// The simulation, in its reset state.
  public let stepper: Stepper
  /// The handshake ports.
  public let ports: StreamingPorts
  /// The most cycles one transaction may take before it is an error.
  public var cycleLimit: Int
  private let start: Int
  private let done: Int

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
  }

  /// The data outputs of every sample.
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try transactions(vectors).outputs
  }

  /// The data outputs of every sample and the cycles each transaction took (start cycle
  /// through done cycle).
  public func transactions(
    _ vectors: [[BitVector]]
  ) throws(SimulationError) -> (outputs: [[BitVector]], cycles: [Int]) {
    let netlist = stepper.netlist
    let dataInputs = netlist.inputs.indices.filter { $0 != start }
    let widths = dataInputs.map { netlist.width(netlist.inputs[$0]) }
    var sim = stepper
    sim.reset()
    var outputs: [[BitVector]] = []
    var cycles: [Int] = []
    let one = BitVector(width: 1, truncating: 1 as UInt64)
    for (index, vector) in vectors.enumerated() {
      guard vector.count == widths.count, zip(vector, widths).allSatisfy({ $0.width == $1 })
      else {
        throw .badVector(
          index: index, "expected \(widths.count) data values of widths \(widths)")
      }
      var inputs = netlist.inputs.map { BitVector(zeroWidth: netlist.width($0)) }
      for (value, port) in zip(vector, dataInputs) { inputs[port] = value }
      inputs[start] = one
      var count = 0
      while true {
        let result = sim.step(inputs)
        count += 1
        inputs[start] = BitVector(zeroWidth: 1)
        if count > 1 && result[done][bit: 0] {
          outputs.append(result.indices.filter { $0 != done }.map { result[$0] })
          break
        }
        if count >= cycleLimit {
          throw .unsupported("sample \(index): no '\(ports.done)' within \(cycleLimit) cycles")
        }
      }
      cycles.append(count)
    }
    return (outputs, cycles)
  }
}
