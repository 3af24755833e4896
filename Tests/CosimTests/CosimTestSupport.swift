import Cosim
import Foundation
import NetlistIR
import NetlistSim
import VerilogEmit
import _TestSupport

/// Shared pieces of the cosimulation tests.
enum CosimTestSupport {
  /// One build cache for all tests (and the CLI tests), so a design builds once per machine.
  static var cache: URL { Paths.packageRoot.appendingPathComponent(".build/cosim-tests") }

  /// Build options for tests: C++ at -O0 (build time dominates), the shared cache.
  static var options: VerilatorOptions {
    VerilatorOptions(optimization: .O0, cacheDirectory: cache)
  }

  /// Runs many units in one Verilator build: `vectors[k]` are unit k's input vectors (the same
  /// count for every unit). Returns each unit's outputs.
  static func simulateBatch(
    _ units: [SimulationUnit], vectors: [[[BitVector]]], nodes: Int, name: String
  ) throws -> [[[BitVector]]] {
    let target = try SimulationTarget(batch: units, name: name)
    let model = try VerilatorBuild.build(target, nodes: nodes, options: options)
    let count = vectors[0].count
    let joined = (0..<count).map { t in vectors.flatMap { $0[t] } }
    let run = Paths.temporaryDirectory("bittrue-batch")
    defer { try? FileManager.default.removeItem(at: run) }
    let outputs = try model.simulate(joined, in: run).outputs
    return split(outputs, units)
  }

  /// Runs many units under Icarus.
  static func simulateBatchWithIcarus(
    _ units: [SimulationUnit], vectors: [[[BitVector]]], name: String
  ) throws -> [[[BitVector]]] {
    let target = try SimulationTarget(batch: units, name: name)
    let count = vectors[0].count
    let joined = (0..<count).map { t in vectors.flatMap { $0[t] } }
    let run = Paths.temporaryDirectory("bittrue-icarus")
    defer { try? FileManager.default.removeItem(at: run) }
    return split(try Icarus.simulate(target, joined, in: run), units)
  }

  private static func split(_ outputs: [[BitVector]], _ units: [SimulationUnit]) -> [[[BitVector]]]
  {
    var result: [[[BitVector]]] = []
    var offset = 0
    for unit in units {
      let n = unit.outputs.count
      result.append(outputs.map { Array($0[offset..<offset + n]) })
      offset += n
    }
    return result
  }

  /// A readable first difference between two output lists, or `nil` when equal.
  static func firstDifference(
    _ expected: [[BitVector]], _ actual: [[BitVector]], inputs: [[BitVector]]
  ) -> String? {
    guard expected != actual else { return nil }
    for t in expected.indices where expected[t] != actual[t] {
      return "vector #\(t) inputs \(inputs[t]): expected \(expected[t]), got \(actual[t])"
    }
    return "output counts differ"
  }
}
