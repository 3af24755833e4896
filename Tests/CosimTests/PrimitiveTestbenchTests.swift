import Cosim
import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// The hand-written testbenches `testbenches/tb_<primitive>.cpp`, run through
/// `scripts/testbench.sh` exactly as a user runs them: every run listed in
/// `testbenches/parameter-sets.txt` passes against the testbench's own C++ reference, and the
/// outputs it dumps equal the Swift specification functions — three independent definitions
/// of each primitive agreeing on the same vectors. A deliberately broken primitive must fail.
@Suite(
  .tags(.verilator), .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct PrimitiveTestbenchTests {
  /// One line of the parameter-set list.
  struct Run: Sendable, CustomTestStringConvertible {
    var primitive: String
    var parameters: [String]
    var testDescription: String { ([primitive] + parameters).joined(separator: " ") }
  }

  static let script = Paths.packageRoot.appendingPathComponent("scripts/testbench.sh")

  static let runs: [Run] = {
    let list = Paths.packageRoot.appendingPathComponent("testbenches/parameter-sets.txt")
    let text = (try? String(contentsOf: list, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").compactMap { line in
      let words = line.split(separator: " ").map(String.init)
      guard let first = words.first, !first.hasPrefix("#") else { return nil }
      return Run(primitive: first, parameters: Array(words.dropFirst()))
    }
  }()

  @Test func everyPrimitiveHasATestbenchAndRuns() {
    for primitive in RTLPrimitive.all {
      let file = Paths.packageRoot.appendingPathComponent("testbenches/tb_\(primitive.name).cpp")
      #expect(FileManager.default.fileExists(atPath: file.path), "no tb_\(primitive.name).cpp")
      #expect(Self.runs.contains { $0.primitive == primitive.name }, "\(primitive.name): no run")
    }
  }

  @Test(arguments: runs)
  func runPassesAndMatchesTheSwiftSpecification(_ run: Run) throws {
    let folder = Paths.temporaryDirectory("bittrue-tb")
    defer { try? FileManager.default.removeItem(at: folder) }
    let dump = folder.appendingPathComponent("dump.hex")
    let result = try CLI.run(
      program: Self.script,
      [run.primitive] + run.parameters + ["--", "--vectors", "3000", "--dump", dump.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains(", 0 mismatches"), "\(result.stdout)")
    guard result.status == 0, let primitive = RTLPrimitive.named(run.primitive) else { return }

    var parameters: [String: Int] = [:]
    for p in run.parameters {
      let pair = p.split(separator: "=")
      parameters[String(pair[0])] = Int(pair[1])
    }
    let instance = PrimitiveSpecifications.instance(primitive, parameters)
    let text = try String(contentsOf: dump, encoding: .utf8)
    let widths = (instance.inputs + instance.outputs).map(\.1)
    let count = text.split(separator: "\n").count
    let rows = try VectorText.parse(text, widths: widths, count: count, source: "dump")
    #expect(count > 0)
    let inputCount = instance.inputs.count
    for (k, row) in rows.enumerated() {
      let inputs = Array(row[..<inputCount])
      let expected = instance.outputsFor(inputs)
      let actual = Array(row[inputCount...])
      if expected != actual {
        let message =
          "\(run.testDescription) vector \(k): inputs \(inputs.map(\.hexDigits)) "
          + "Swift \(expected.map(\.hexDigits)) Verilator \(actual.map(\.hexDigits))"
        Issue.record(Comment(rawValue: message))
        return
      }
    }
  }

  @Test func aBrokenPrimitiveFailsItsTestbench() throws {
    let folder = Paths.temporaryDirectory("bittrue-tb-broken")
    defer { try? FileManager.default.removeItem(at: folder) }
    let rtl = folder.appendingPathComponent("rtl")
    try FileManager.default.createDirectory(at: rtl, withIntermediateDirectories: true)
    for file in try FileManager.default.contentsOfDirectory(
      atPath: Paths.packageRoot.appendingPathComponent("rtl").path) where file.hasSuffix(".v")
    {
      var text = try String(
        contentsOf: Paths.packageRoot.appendingPathComponent("rtl/\(file)"), encoding: .utf8)
      // The adder tree of popcount ORs instead of adding: right for at most one set bit.
      if file == "popcount.v" {
        let broken = text.replacingOccurrences(
          of: "\n          + tree[", with: "\n          | tree[")
        #expect(broken != text, "the mutation no longer applies to popcount.v")
        text = broken
      }
      try text.write(to: rtl.appendingPathComponent(file), atomically: true, encoding: .utf8)
    }
    let result = try CLI.run(
      program: Self.script, ["popcount", "WIDTH=9", "OUT_WIDTH=4"],
      environment: [
        "BITTRUE_RTL_DIR": rtl.path,
        "BITTRUE_TB_DIR": folder.appendingPathComponent("builds").path,
      ])
    #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("first mismatch at vector 3: x=003; count design=1 reference=2"))
  }
}
