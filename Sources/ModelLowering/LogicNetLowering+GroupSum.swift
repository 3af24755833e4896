import NetlistIR

extension LogicNetLowering {
  /// GroupSum: each class's score is the unsigned popcount of its contiguous block of
  /// `groupSize` last-layer neurons (before any division by tau).
  static func groupSum(
    _ neurons: [NodeID], classes: Int, groupSize: Int, in n: inout Netlist
  ) -> [NodeID] {
    (0..<classes).map { c in
      n.popcount(Array(neurons[(c * groupSize)..<((c + 1) * groupSize)]))
    }
  }
}
