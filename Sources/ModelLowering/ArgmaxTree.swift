import NetlistIR

/// Builds an argmax over unsigned scores as a balanced tree of comparators and muxes.
///
/// Ties go to the lowest index, like `torch.argmax` and numpy: at every tree node the left
/// (lower-index) candidate wins unless the right one is strictly greater. The tree has
/// ⌈log2 k⌉ levels of one comparator and two muxes each.
package enum ArgmaxTree {
  /// Adds the tree and returns `(index, maximum)`: the winning class index (width
  /// `bitLength(k − 1)`) and its score.
  package static func build(
    scores: [NodeID], in netlist: inout Netlist
  ) -> (index: NodeID, maximum: NodeID) {
    precondition(!scores.isEmpty, "argmax over no scores")
    let indexWidth = Netlist.bitLength(scores.count - 1)
    let scoreWidth = scores.map { netlist.width($0) }.max()!
    var candidates: [(index: NodeID, value: NodeID)] = scores.enumerated().map { i, s in
      let value = netlist.width(s) == scoreWidth ? s : netlist.extend(s, to: scoreWidth, .unsigned)
      return (netlist.constant(i, width: indexWidth), value)
    }
    while candidates.count > 1 {
      var next: [(index: NodeID, value: NodeID)] = []
      for pair in stride(from: 0, to: candidates.count, by: 2) {
        guard pair + 1 < candidates.count else {
          next.append(candidates[pair])
          continue
        }
        let left = candidates[pair]
        let right = candidates[pair + 1]
        let rightWins = netlist.compare(.gt, right.value, left.value, .unsigned)
        next.append(
          (
            netlist.mux(rightWins, whenFalse: left.index, whenTrue: right.index),
            netlist.mux(rightWins, whenFalse: left.value, whenTrue: right.value)
          ))
      }
      candidates = next
    }
    return (candidates[0].index, candidates[0].value)
  }
}
