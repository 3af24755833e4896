import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct GateSimplificationTests {
  @Test func removesBuffersKeepingNames() throws {
    let before = try parse(
      """
      %0 = input "a" : 3
      %1 = not %0 : 3
      %2 "inverted" = buf %1 : 3
      %3 = buf %2 : 3
      %4 = output "y" %3 : 3
      """)
    let after = try running([GateSimplification()], on: before)
    #expect(count("buf", in: after) == 0)
    #expect(after.nodes.count == 3)
    #expect(after[NodeID(1)].name == "inverted")
    try expectEquivalent(before, after)
  }

  @Test func removesDoubleNegation() throws {
    let before = try parse(
      """
      %0 = input "a" : 5
      %1 = not %0 : 5
      %2 = not %1 : 5
      %3 = not %2 : 5
      %4 = not %3 : 5
      %5 = output "y" %4 : 5
      %6 = output "z" %3 : 5
      """)
    let after = try running([GateSimplification(), DeadNodeElimination()], on: before)
    #expect(count("not", in: after) == 1)
    try expectEquivalent(before, after)
  }

  /// Every gate with every operand pattern: constants, the same input twice, complemented
  /// inputs — exhaustive over all 16 functions.
  @Test(arguments: 0..<16)
  func reducesEveryGateWithEveryOperandPattern(table: Int) throws {
    let g = GateFunction(table: UInt8(table)).name
    let before = try parse(
      """
      %0 = input "a" : 1
      %1 = input "b" : 1
      %2 = const 1'h0 : 1
      %3 = const 1'h1 : 1
      %4 = not %0 : 1
      %5 = not %1 : 1
      %6 = gate \(g) %0, %2 : 1
      %7 = gate \(g) %3, %1 : 1
      %8 = gate \(g) %0, %0 : 1
      %9 = gate \(g) %4, %1 : 1
      %10 = gate \(g) %0, %5 : 1
      %11 = gate \(g) %4, %5 : 1
      %12 = gate \(g) %4, %0 : 1
      %13 = gate \(g) %0, %1 : 1
      %14 = output "y" %6 : 1
      %15 = output "z" %7 : 1
      %16 = output "w" %8 : 1
      %17 = output "p" %9 : 1
      %18 = output "q" %10 : 1
      %19 = output "r" %11 : 1
      %20 = output "s" %12 : 1
      %21 = output "t" %13 : 1
      """)
    let after = try running([GateSimplification(), DeadNodeElimination()], on: before)
    // Only gates reading two different non-constant, non-complemented inputs survive.
    let depends =
      !GateFunction(table: UInt8(table)).ignoresA && !GateFunction(table: UInt8(table)).ignoresB
    #expect(count("gate", in: after) == (depends ? 4 : 0), "\(NetlistText.print(after))")
    for node in after.nodes where node.op.mnemonic == "gate" {
      #expect(node.operands.allSatisfy { after[$0].op == .input(after.portName($0) ?? "") })
    }
    try expectEquivalent(before, after)
  }

  @Test func foldsANotIntoTheGateItReads() throws {
    let before = try parse(
      """
      %0 = input "a" : 1
      %1 = input "b" : 1
      %2 "g" = gate and %0, %1 : 1
      %3 = not %2 : 1
      %4 = gate xor %0, %1 : 1
      %5 = not %4 : 1
      %6 = output "y" %3 : 1
      %7 = output "z" %5 : 1
      %8 = output "w" %4 : 1
      """)
    let after = try running([GateSimplification()], on: before)
    // The NAND replaces and+not (the and has no other reader); the xor is also read directly.
    #expect(after.nodes.contains { $0.op == .gate(GateFunction(name: "nand")!) && $0.name == "g" })
    #expect(count("not", in: after) == 1)
    #expect(after.nodes.count == before.nodes.count - 1)
    try expectEquivalent(before, after)
  }

  @Test(arguments: 0..<12)
  func randomGateNetworksKeepTheirBehaviour(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let before = randomGateNetwork(inputs: 8, layers: 5, width: 12, outputs: 8, using: &rng)
    let after = try running([GateSimplification(), DeadNodeElimination()], on: before)
    #expect(after.nodes.count < before.nodes.count)
    #expect(count("buf", in: after) == 0)
    // No gate reads a NOT or a constant any more.
    for node in after.nodes where node.op.mnemonic == "gate" {
      #expect(node.operands.allSatisfy { after[$0].op != .not && !after[$0].op.isConstant })
    }
    try expectEquivalent(before, after, seed: seed)
  }
}
