import ModelLowering
import NetlistIR
import NetlistSim
import Testing

@Suite struct ArgmaxTreeTests {
  /// Every combination of k scores of 2 bits: the tree's index equals the first maximum.
  @Test(arguments: [1, 2, 3, 4, 5])
  func matchesFirstArgmaxExhaustively(k: Int) throws {
    var n = Netlist(name: "argmax")
    let scores = (0..<k).map { n.input("s\($0)", width: 2) }
    let (index, maximum) = ArgmaxTree.build(scores: scores, in: &n)
    n.output("index", index)
    n.output("max", maximum)
    let interpreter = try ReferenceInterpreter(n)
    let combos = 1 << (2 * k)
    let vectors = (0..<combos).map { combo in
      (0..<k).map { BitVector(width: 2, truncating: UInt64((combo >> (2 * $0)) & 3)) }
    }
    let results = try interpreter.run(vectors)
    for (vector, result) in zip(vectors, results) {
      let values = vector.map { Int($0.low64) }
      let best = values.max()!
      let expectedIndex = values.firstIndex(of: best)!
      #expect(Int(result[0].low64) == expectedIndex, "scores \(values)")
      #expect(Int(result[1].low64) == best, "scores \(values)")
    }
  }
}
