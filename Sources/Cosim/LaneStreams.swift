import NetlistIR
import NetlistSim

/// Runs Swift evaluators on vectors laid out for a `lanes`-wide simulation. With one lane,
/// or a netlist without registers, that is a plain run. With 64 lanes and registers, sample
/// `64c + j` is cycle `c` of stream `j`: each stream starts from reset and runs on its own,
/// exactly as lane `j` of the Verilog does.
package enum LaneStreams {
  /// The outputs of `evaluator` for `vectors`, in vector order.
  package static func run(
    _ evaluator: any Evaluator, _ vectors: [[BitVector]], lanes: Int, sequential: Bool
  ) throws(SimulationError) -> [[BitVector]] {
    guard lanes > 1 && sequential else { return try evaluator.run(vectors) }
    var outputs = [[BitVector]](repeating: [], count: vectors.count)
    for lane in 0..<min(lanes, vectors.count) {
      let indices = Array(stride(from: lane, to: vectors.count, by: lanes))
      let results = try evaluator.run(indices.map { vectors[$0] })
      for (i, result) in zip(indices, results) { outputs[i] = result }
    }
    return outputs
  }
}
