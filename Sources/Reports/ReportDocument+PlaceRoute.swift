import Foundation

extension ReportDocument {
  /// The section of a design placed and routed by nextpnr-ice40: the main resources, then
  /// every clock's maximum frequency.
  static func placeRoute(_ p: PlaceRouteSummary) -> Section {
    func share(_ r: PlaceRouteSummary.Resource) -> String {
      guard r.available > 0 else { return "—" }
      return String(format: "%.1f %%", 100 * Double(r.used) / Double(r.available))
    }
    let named: [(String, PlaceRouteSummary.Resource?)] = [
      ("logic cells (LUT4 + FF)", p.logicCells), ("block RAMs (4 kbit)", p.blockRAMs),
      ("I/O cells", p.ioCells),
    ]
    let rows = named.compactMap { label, resource in
      resource.map { [label, "\($0.used)", "\($0.available)", share($0)] }
    }
    var blocks: [Block] = [
      .line("\(p.version), part \(p.part) (\(p.package))"),
      .table(
        Table(
          header: ["resource", "used", "available", "share"], numeric: [false, true, true, true],
          rows: rows)),
    ]
    if p.clocks.isEmpty {
      blocks.append(.line("No clock: the design has no registers."))
    }
    for clock in p.clocks {
      let achieved = String(format: "%.2f", clock.achievedMHz)
      let target = String(format: "%.2f", clock.constraintMHz)
      blocks.append(.line("Fmax \(clock.name): \(achieved) MHz (target \(target) MHz)"))
    }
    blocks.append(.line("Commands: " + p.commands.joined(separator: "; ")))
    return Section(title: "Place and route (nextpnr-ice40)", blocks: blocks)
  }
}
