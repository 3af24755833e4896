import NetlistIR
import NetlistPasses

/// What one region of a design (a layer of a model, its argmax, …; see
/// ``NetlistIR/NetlistRegion``) costs.
///
/// Word-level cells are the region's own nodes as lowered. Gate-level cells are marginal:
/// the design cut after the region (every region up to it, with the values later regions
/// read as outputs, ``NetlistIR/Netlist/extracted(_:)``) goes through the same flow as the
/// whole design (optimised, bit-blasted, optimised again; pipelined every K gate levels
/// with `pipeline`), and the region gets the difference to the cut before it. So upstream
/// constants and ranges simplify a region as in the whole design, and the regions' gates
/// add up to the whole design's (the last cut is the whole design). Counts by gate function
/// can be negative (the optimiser may express the earlier cut's gates differently once
/// later logic reads them); their sum is the region's gates. The logic depth is cumulative:
/// gate levels from the inputs to the end of the region.
public struct RegionCells: Codable, Hashable, Sendable {
  /// The region's name.
  public var name: String
  /// Counts the model gives (e.g. a layer's −1 weights: its XNOR inverters).
  public var model: [NamedCount]
  /// Word-level cells of the region's nodes as lowered.
  public var wordLevel: WordLevelCells
  /// Marginal gate-level cells, with costs (logic depth: cumulative).
  public var gateLevel: GateLevelCells

  /// The cells of every region of `netlist` (regions in node order, covering it), the
  /// gate level pipelined every `pipeline` gate levels when given.
  public static func measure(
    _ netlist: Netlist, regions: [NetlistRegion], pipeline: Int? = nil
  ) throws(ReportError) -> [RegionCells] {
    var result: [RegionCells] = []
    var before: GateLevelCells?
    for region in regions {
      let prefix = NetlistRegion(name: region.name, nodes: 0..<region.nodes.upperBound)
      let cut = netlist.extracted(prefix)
      let cells: GateLevelCells
      if cut.outputs.isEmpty {
        // Nothing computed so far is used: no hardware yet.
        cells = GateLevelCells(gateLevel: Netlist(), adders: AdderCount(), tables: CostTable.all)
      } else {
        do throws(PassError) {
          let gates = try HardwareFlow.gateLevel(HardwareFlow.optimize(cut).netlist)
          var gateNetlist = gates.netlist
          if let pipeline {
            gateNetlist = try HardwareFlow.pipeline(gateNetlist, every: pipeline).netlist
          }
          cells = GateLevelCells(
            gateLevel: gateNetlist, adders: gates.adders, tables: CostTable.all)
        } catch {
          throw .passFailed(error)
        }
      }
      result.append(
        RegionCells(
          name: region.name, model: region.counts.map { NamedCount($0.name, $0.count) },
          wordLevel: WordLevelCells(netlist.extracted(region)),
          gateLevel: before.map { cells.minus($0) } ?? cells))
      before = cells
    }
    return result
  }
}

extension GateLevelCells {
  /// These cells less `earlier`'s (counts and costs; the method says so; depth kept).
  func minus(_ earlier: GateLevelCells) -> GateLevelCells {
    func difference(_ a: [NamedCount], _ b: [NamedCount]) -> [NamedCount] {
      let names = a.map(\.name) + b.map(\.name).filter { n in !a.contains { $0.name == n } }
      return names.compactMap { name in
        let count =
          (a.first { $0.name == name }?.count ?? 0) - (b.first { $0.name == name }?.count ?? 0)
        return count == 0 ? nil : NamedCount(name, count)
      }
    }
    var result = self
    result.method = "marginal: the cut after this region less the cut before it, each " + method
    result.nodes = nodes - earlier.nodes
    result.gates = difference(gates, earlier.gates)
    result.twoInputGates = twoInputGates - earlier.twoInputGates
    result.not = not - earlier.not
    result.buf = buf - earlier.buf
    result.registers = registers - earlier.registers
    result.constants = constants - earlier.constants
    result.fullAdders = fullAdders - earlier.fullAdders
    result.halfAdders = halfAdders - earlier.halfAdders
    result.costs = zip(costs, earlier.costs).map { NamedCount($0.name, $0.count - $1.count) }
    return result
  }
}
