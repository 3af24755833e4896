import BinarizedNets
import Foundation
import Reports
import Testing
import _TestSupport

/// `bittrue bnn report` on the tiny CNN (int3 conv, max-pool, binary conv, dense): the model
/// summary, and the hardware report `netlist report` makes of the same file.
@Suite struct BnnReportCLITests {
  struct Report: Decodable {
    var format: String
    var model: BinarizedNetSummary
    var hardware: NetlistReport
  }

  @Test func jsonIsTheSummaryAndTheNetlistReport() throws {
    let dir = try ConvolutionNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cnn.json").path
    let r = try CLI.run(["bnn", "report", "--model", path, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8))
    #expect(report.format == "bittrue-bnn-report")
    let net = try BinarizedNet(fileData: Data(ConvolutionNetShapes.tinyFileText(seed: 12).utf8))
    #expect(report.model == BinarizedNetSummary(net))
    #expect(report.model.layers.map(\.kind) == ["convolution", "maxpool", "convolution", "dense"])
    #expect(report.model.layers.map(\.output) == ["4×8×8", "4×4×4", "4×4×4", "3"])
    #expect(report.model.layers[0].weights == "int3" && report.model.layers[0].weightCount == 36)
    // The hardware part is what `netlist report` computes (its command line aside).
    let n = try CLI.run(["netlist", "report", path, "--format", "json"])
    var netlist = try #require(NetlistReport.parse(json: n.stdout))
    netlist.invocation = report.hardware.invocation
    #expect(report.hardware == netlist)
    let regions = try #require(report.hardware.regions)
    #expect(regions.map(\.name) == ["feature 0", "feature 1", "feature 2", "layer 0", "argmax"])
    // Each ±1 region's XNOR inverters (model count) are its NOT bits as lowered.
    for r in regions[2...3] {
      let inverters = try #require(r.model.first { $0.name == "XNOR inverters (−1 weights)" })
      let notBits = r.wordLevel.cells.filter { $0.op == "not" }.reduce(0) { $0 + $1.count }
      #expect(inverters.count == notBits, "\(r.name)")
    }
    #expect(
      regions.reduce(0) { $0 + $1.gateLevel.twoInputGates }
        == report.hardware.gateLevel.twoInputGates)
  }

  @Test func textListsTheLayersThenTheHardware() throws {
    let dir = try ConvolutionNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cnn.json").path
    let r = try CLI.run(["bnn", "report", "--model", path, "--pipeline", "4"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Binarized net: \(path)")
    #expect(lines[1] == "  input: 64 uint4 (image 1×8×8)")
    #expect(lines[2].hasPrefix("  feature 0: convolution 1×8×8 → 4×8×8, 3×3 stride 1 padding 1; "))
    #expect(lines[3] == "  feature 1: maxpool 4×8×8 → 4×4×4, 2×2 stride 2")
    #expect(lines[5].hasPrefix("  layer 0: dense 64 → 3; 192 binary weights, 0 zero"))
    #expect(lines.contains("Netlist report: \"cnn\""))
    #expect(lines.contains { $0.hasPrefix("  Latency: pipelined, ") })
    #expect(lines.contains { $0.hasPrefix("  feature 2: output values 64; XNOR inverters") })
  }

  @Test func markdownAndJSONExcludeEachOther() throws {
    let r = try CLI.run(["bnn", "report", "--model", "m.json", "--json", "--markdown"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("give --json or --markdown, not both"))
  }
}
