import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

/// Bit-blasting estimates its result before building it and refuses beyond a budget.
@Suite struct BitBlastBudgetTests {
  static func wideMultiplier() -> Netlist {
    var n = Netlist(name: "wide")
    let a = n.input("a", width: 65_536)
    n.output("p", n.mul(a, n.input("b", width: 65_536), .unsigned, width: 65_536))
    return n
  }

  @Test func aHugeMultiplierIsRefusedBeforeBuilding() throws {
    let n = Self.wideMultiplier()
    try NetlistVerifier.verify(n)
    let expected = PassError.overBudget(
      pass: "bitblast", estimate: 12_885_688_320, budget: 50_000_000,
      largest: "%2 mul.u 65536×65536 bits → 65536 bits, 12.9 G")
    #expect(throws: expected) { try BitBlast.lower(n) }
    var copy = n
    #expect(throws: expected) { try PassManager.run([BitBlast()], on: &copy) }
    #expect(
      expected.description
        == "pass bitblast: the result would have about 12.9 G cells (largest: %2 mul.u "
        + "65536×65536 bits → 65536 bits, 12.9 G), above the budget of 50 M")
  }

  @Test func theBudgetIsAParameter() throws {
    var n = Netlist(name: "add")
    n.output("s", n.add(n.input("a", width: 32), n.input("b", width: 32), .unsigned))
    let estimate = BitBlast.estimatedCells(n).total
    var small = n
    #expect(throws: PassError.self) {
      try PassManager.run([BitBlast(cellBudget: estimate - 1)], on: &small)
    }
    var exact = n
    try PassManager.run([BitBlast(cellBudget: estimate)], on: &exact)
    #expect(exact.isGateLevel)
  }

  /// The estimate bounds the lowered netlist's nodes from above.
  @Test(arguments: 0..<12)
  func estimatesBoundTheResult(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let n = RandomNetlists.mixed(
      widths: [1, 7, 16, 33], nodes: 40, registers: seed % 2 == 0, using: &rng)
    for adders in [AdderArchitecture.rippleCarry, .parallelPrefix] {
      let (lowered, _) = try BitBlast.lower(n, adders: adders)
      #expect(lowered.nodes.count <= BitBlast.estimatedCells(n, adders: adders).total)
    }
  }

  /// For one op whose every result bit is used, the estimate is within a small factor.
  @Test(arguments: 0..<10)
  func estimatesAreCloseForOneOp(kind: Int) throws {
    var n = Netlist(name: "one")
    let a = n.input("a", width: 32)
    let b = n.input("b", width: 32)
    let y: NodeID
    switch kind {
    case 0: y = n.add(a, b, .unsigned)
    case 1: y = n.sub(a, b, .signed, width: 32)
    case 2: y = n.mul(a, b, .signed)
    case 3: y = n.mul(a, b, .unsigned, width: 20)
    case 4: y = n.popcount([a, b])
    case 5: y = n.compare(.lt, a, b, .signed)
    case 6: y = n.round(a, by: 4, .rndConv, .signed)
    case 7: y = n.resize(a, to: 8, .sat, .signed)
    case 8: y = n.mux(n.bit(a, 0), whenFalse: a, whenTrue: b)
    default: y = n.bitwise(.xor, a, b)
    }
    n.output("y", y)
    let estimate = BitBlast.estimatedCells(n).total
    let (lowered, _) = try BitBlast.lower(n)
    let actual = lowered.nodes.count
    #expect(actual <= estimate && estimate <= 4 * actual, "\(kind): \(estimate) vs \(actual)")
  }
}
