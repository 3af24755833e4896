extension ReportDocument {
  /// The per-region section: one row of measured cells per region, then each region's
  /// model counts and popcount sizes.
  static func regions(_ regions: [RegionCells]) -> Section {
    func category(_ r: RegionCells, _ name: String) -> Int {
      r.wordLevel.categories.first { $0.name == name }?.count ?? 0
    }
    let rows = regions.map { r -> [String] in
      let notBits = r.wordLevel.cells.filter { $0.op == "not" }.reduce(0) {
        $0 + $1.count * (Int($1.shape.split(separator: "→").last ?? "") ?? 0)
      }
      let g = r.gateLevel
      return [
        r.name, "\(notBits)", "\(category(r, "popcounts"))", "\(category(r, "comparators"))",
        "\(category(r, "adders"))", "\(g.twoInputGates)", "\(g.fullAdders)", "\(g.halfAdders)",
        "\(g.registers)", "\(g.costs.first { $0.name == "gate2" }?.count ?? 0)",
        "\(g.logicDepth)",
      ]
    }
    var blocks: [Block] = [
      .line(
        "Word-level cells: each region's nodes as lowered. Gate level: marginal — the design "
          + "cut after the region less the cut before it, each through the same flow (and "
          + "--pipeline); depth: gate levels from the inputs to the region's end."),
      .table(
        Table(
          header: [
            "region", "NOT bits", "popcounts", "comparators", "adders", "2-input gates",
            "full adders", "half adders", "registers", "gate2", "depth",
          ],
          numeric: [false] + Array(repeating: true, count: 10), rows: rows)),
    ]
    for r in regions {
      var parts = r.model.map { "\($0.name) \($0.count)" }
      let popcounts = r.wordLevel.cells.filter { $0.category == "popcounts" }
      if !popcounts.isEmpty {
        parts.append(
          "popcounts by width: "
            + popcounts.map { "\($0.shape) ×\($0.count)" }.joined(
              separator: ", "))
      }
      if !parts.isEmpty { blocks.append(.line("\(r.name): " + parts.joined(separator: "; "))) }
    }
    return Section(title: "Regions", blocks: blocks)
  }
}
