import NetlistIR
import NetlistPasses
import Reports
import Testing
import _TestSupport

/// Regions of a netlist: the cut-out netlists are valid, the whole range is the netlist
/// itself, and the marginal gate-level cells of regions covering a netlist add up to the
/// whole netlist's.
@Suite struct RegionCellsTests {
  static func splits(_ netlist: Netlist, _ rng: inout SeededRandom) -> [NetlistRegion] {
    let n = netlist.nodes.count
    let a = Int(rng.next() % UInt64(n - 2)) + 1
    let b = a + Int(rng.next() % UInt64(n - a - 1)) + 1
    return [
      NetlistRegion(name: "first", nodes: 0..<a, counts: [NetlistRegion.ModelCount("k", 7)]),
      NetlistRegion(name: "second part", nodes: a..<b), NetlistRegion(name: "last", nodes: b..<n),
    ]
  }

  @Test(arguments: 0..<6)
  func regionsAddUpToTheWholeNetlist(seed: Int) throws {
    var rng = SeededRandom(seed: UInt64(60 + seed))
    let netlist = RandomNetlists.mixed(widths: [3, 5, 8], nodes: 40, using: &rng)
    try NetlistVerifier.verify(netlist)
    var whole = netlist.extracted(NetlistRegion(name: "all", nodes: 0..<netlist.nodes.count))
    whole.name = netlist.name
    #expect(whole == netlist)
    let regions = Self.splits(netlist, &rng)
    for region in regions {
      let cut = netlist.extracted(region)
      if !cut.outputs.isEmpty { try NetlistVerifier.verify(cut) }
    }
    let report = try NetlistReport.measure(netlist)
    let cells = try RegionCells.measure(netlist, regions: regions)
    #expect(cells.map(\.name) == ["first", "second part", "last"])
    #expect(cells[0].model == [NamedCount("k", 7)] && cells[1].model.isEmpty)
    #expect(cells.reduce(0) { $0 + $1.gateLevel.twoInputGates } == report.gateLevel.twoInputGates)
    for (t, cost) in report.gateLevel.costs.enumerated() {
      #expect(cells.reduce(0) { $0 + $1.gateLevel.costs[t].count } == cost.count)
    }
    #expect(cells.last!.gateLevel.logicDepth == report.gateLevel.logicDepth)
    // Word level: each node as lowered in exactly one region (copied constants aside).
    let logic = { (w: WordLevelCells) in
      w.categories.filter { $0.name != "constants" }.reduce(0) { $0 + $1.count }
    }
    #expect(cells.reduce(0) { $0 + logic($1.wordLevel) } == logic(report.wordLevel))
  }

  @Test func pipelineRegistersAddUp() throws {
    var rng = SeededRandom(seed: 71)
    let netlist = RandomNetlists.mixed(widths: [4, 6], nodes: 30, using: &rng)
    let regions = Self.splits(netlist, &rng)
    let gates = try HardwareFlow.gateLevel(HardwareFlow.optimize(netlist).netlist).netlist
    let pipelined = try HardwareFlow.pipeline(gates, every: 2)
    let cells = try RegionCells.measure(netlist, regions: regions, pipeline: 2)
    #expect(
      cells.reduce(0) { $0 + $1.gateLevel.registers }
        == pipelined.netlist.nodes.filter { $0.op.isRegister }.reduce(0) { $0 + $1.width })
  }
}
