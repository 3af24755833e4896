import NetlistIR
import Reports

/// Parses a netlist written inline in the text form (the `netlist` header is added).
func parse(_ body: String, name: String = "t") throws -> Netlist {
  let netlist = try NetlistText.parse("netlist \"\(name)\"\n" + body)
  try NetlistVerifier.verify(netlist)
  return netlist
}

/// The report of an inline netlist.
func report(_ body: String, optimize: Bool = false) throws -> NetlistReport {
  try NetlistReport.make(for: parse(body), optimize: optimize)
}

/// Gate counts by difflogic name.
func gateCounts(_ report: NetlistReport) -> [String: Int] {
  Dictionary(uniqueKeysWithValues: report.gateLevel.gates.map { ($0.name, $0.count) })
}

/// A cost by table name.
func cost(_ report: NetlistReport, _ table: String) -> Int? {
  report.gateLevel.costs.first { $0.name == table }?.count
}
