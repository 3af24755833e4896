extension NetlistReport {
  /// The report in one line, for Verilog headers and logs: `gate report: 13956 2-input
  /// gates (gate2), 0 NOT, 1915 full / 46 half adders (when lowering built any), depth 64 levels, combinational`.
  public var headline: String {
    let g = gateLevel
    var text = "gate report: \(g.twoInputGates) 2-input gates (gate2), \(g.not) NOT, "
    if g.fullAdders + g.halfAdders > 0 {
      text += "\(g.fullAdders) full / \(g.halfAdders) half adders, "
    }
    text += "depth \(timing.logicDepth) levels, "
    switch timing.latency.kind {
    case "pipelined": text += "pipelined, latency \(timing.latency.cycles ?? 0) cycles"
    case "combinational": text += "combinational"
    default: text += timing.latency.kind
    }
    if timing.registerBits > 0 { text += ", \(timing.registerBits) register bits" }
    return text
  }
}
