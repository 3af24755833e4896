import Cosim
import Inference
import LogicNets
import NetlistIR
import NetlistPasses
import Testing
import VerilogEmit
import _TestSupport

/// Logic-net designs in every emitted form are `verilator --lint-only -Wall` clean.
@Suite(
  .tags(.verilator), .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct LogicNetDesignLintTests {
  @Test func everyFormIsLintClean() throws {
    var rng = SeededRandom(seed: 11)
    let layers = (0..<3).map { l in
      DiscreteLogicNet.Layer(
        gates: (0..<30).map { _ in GateFunction(table: UInt8(rng.next() % 16)) },
        a: (0..<30).map { _ in Int32(rng.next() % (l == 0 ? 12 : 30)) },
        b: (0..<30).map { _ in Int32(rng.next() % (l == 0 ? 12 : 30)) })
    }
    let net = DiscreteLogicNet(inputs: 12, layers: layers, classes: 3, tau: 1)
    let inference = try LogicNetInference(net)
    let pipelined = try Pipelining(every: 3).pipeline(inference.gateLevel)
    let forms: [(String, Netlist, EmitOptions)] = [
      ("word level", inference.optimized, EmitOptions()),
      ("gate level", inference.gateLevel, EmitOptions()),
      ("64 lanes", inference.gateLevel, EmitOptions(lanes: 64)),
      ("pipelined", pipelined.netlist, EmitOptions(latency: pipelined.latency)),
    ]
    for (form, netlist, options) in forms {
      let design = try VerilogEmitter.emit(netlist, options: options)
      let files =
        [SourceFile(name: design.verilogFileName, text: design.verilog)]
        + design.primitives.map { SourceFile(name: $0.fileName, text: $0.source) }
      let warnings = try VerilatorLint.warnings(files, top: design.moduleName)
      #expect(warnings.isEmpty, "\(form): \(warnings)")
    }
  }
}
