import BitTrue

/// What a binarized net costs fully unrolled, as `bittrue netlist report` measures it
/// (``Reports/NetlistReport`` of ``ModelLowering/BinarizedNetLowering``'s netlist) plus the
/// counts its weights give (the regions' model counts, summed over the layers).
struct BnnHardwareCounts: Encodable {
  /// Two-input gates of the gate-level form.
  var gates: Int
  /// Full adders and half adders built by bit-blasting.
  var fullAdders: Int
  var halfAdders: Int
  /// Cost under the `gate2` table (2-input-gate equivalents).
  var gate2: Int
  /// Word-level comparators (hidden thresholds and the argmax's) and adders.
  var comparators: Int
  var adders: Int
  /// Model counts by name (`neurons`, `XNOR inverters (−1 weights)`, …), summed.
  var model: [String: Int]

  /// Measures `net` (fails only on a broken lowering).
  init(_ net: BinarizedNet) throws {
    let (netlist, regions) = BinarizedNetLowering.lowerWithRegions(net)
    let report: NetlistReport
    do throws(ReportError) {
      report = try NetlistReport.measure(netlist)
    } catch {
      throw CommandFailure(description: "hardware report: \(error.description)")
    }
    let gateLevel = report.gateLevel
    gates = gateLevel.twoInputGates
    fullAdders = gateLevel.fullAdders
    halfAdders = gateLevel.halfAdders
    gate2 = gateLevel.costs.first { $0.name == "gate2" }?.count ?? 0
    func category(_ name: String) -> Int {
      report.wordLevel.categories.first { $0.name == name }?.count ?? 0
    }
    comparators = category("comparators")
    adders = category("adders")
    var model: [String: Int] = [:]
    for region in regions where region.name.hasPrefix("layer ") {
      for count in region.counts { model[count.name, default: 0] += count.count }
    }
    self.model = model
  }

  /// The rows of the before/after table: name, before, after.
  static func rows(_ before: BnnHardwareCounts, _ after: BnnHardwareCounts) -> [(String, Int, Int)]
  {
    var rows: [(String, Int, Int)] = [
      ("2-input gates", before.gates, after.gates),
      ("gate2 cost", before.gate2, after.gate2),
      ("full adders", before.fullAdders, after.fullAdders),
      ("half adders", before.halfAdders, after.halfAdders),
      ("comparators (word level)", before.comparators, after.comparators),
      ("adders (word level)", before.adders, after.adders),
    ]
    for name in before.model.keys.sorted() where name != "constant activations" {
      rows.append((name, before.model[name]!, after.model[name] ?? 0))
    }
    return rows
  }

  /// The folded design's rows (`folded: …`) at `pe`/`simd`, before and after.
  static func foldedRows(
    _ before: BinarizedNet, _ after: BinarizedNet, pe: [Int], simd: [Int]
  ) throws -> [(String, Int, Int)] {
    let names = [
      "folded: 2-input gates", "folded: register bits", "folded: weight ROM bits",
      "folded: latency (cycles)", "folded: initiation interval (cycles)",
    ]
    let given = try folded(before, pe: pe, simd: simd, "given")
    let reduced = try folded(after, pe: pe, simd: simd, "reduced")
    return names.indices.map { (names[$0], given[$0], reduced[$0]) }
  }

  /// Gates, register bits, weight ROM bits, latency and initiation interval of `net`'s
  /// folded design (`which` names the net in an error).
  static func folded(_ net: BinarizedNet, pe: [Int], simd: [Int], _ which: String) throws -> [Int] {
    let design: FoldedBinarizedDesign
    do {
      design = try FoldedBinarizedDesign(net, pe: pe, simd: simd, name: "pruned")
    } catch {
      throw CommandFailure(description: "folded hardware of the \(which) net: \(error)")
    }
    let report: NetlistReport
    do throws(ReportError) {
      report = try NetlistReport.measure(design.forms.original)
    } catch {
      throw CommandFailure(description: "hardware report: \(error.description)")
    }
    let model = design.cycleModel
    return [
      report.gateLevel.twoInputGates, report.gateLevel.registers, model.weightBits,
      model.cyclesPerSample, model.initiationInterval,
    ]
  }
}
