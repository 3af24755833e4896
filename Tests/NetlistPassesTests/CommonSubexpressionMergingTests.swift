import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct CommonSubexpressionMergingTests {
  @Test func mergesCommutedAndMirroredNodes() throws {
    let before = try parse(
      """
      %0 = input "a" : 4
      %1 = input "b" : 4
      %2 = and %0, %1 : 4
      %3 "ba" = and %1, %0 : 4
      %4 = cmp.lt.s %0, %1 : 1
      %5 = cmp.gt.s %1, %0 : 1
      %6 = slice 0 %0 : 1
      %7 = slice 0 %1 : 1
      %8 = gate not_implies %6, %7 : 1
      %9 = gate not_implied_by %7, %6 : 1
      %10 = sub.u %0, %1 : 5
      %11 = sub.u %1, %0 : 5
      %12 = const 4'h3 : 4
      %13 = const 4'h3 : 4
      %14 = xor %2, %3 : 4
      %15 = xor %12, %13 : 4
      %16 = output "x" %14 : 4
      %17 = output "y" %15 : 4
      %18 = output "c" %4 : 1
      %19 = output "d" %5 : 1
      %20 = output "g" %8 : 1
      %21 = output "h" %9 : 1
      %22 = output "s" %10 : 5
      %23 = output "t" %11 : 5
      """)
    var after = before
    #expect(try CommonSubexpressionMerging().run(&after))
    #expect(count("and", in: after) == 1)
    #expect(count("cmp.lt.s", in: after) + count("cmp.gt.s", in: after) == 1)
    #expect(count("gate", in: after) == 1)
    #expect(count("sub.u", in: after) == 2)
    #expect(count("const", in: after) == 1)
    #expect(after.nodes.count == before.nodes.count - 4)
    // The survivor takes the merged node's name.
    #expect(after.nodes.contains { $0.op == .and && $0.name == "ba" })
    #expect(try !CommonSubexpressionMerging().run(&after))
    try expectEquivalent(before, after)
  }

  @Test func mergesRegistersOnlyWithEqualResetAndInput() throws {
    let before = try parse(
      """
      %0 = input "x" : 2
      %1 = reg 2'h0 %0 : 2
      %2 = reg 2'h0 %0 : 2
      %3 = reg 2'h1 %0 : 2
      %4 = and %1, %2 : 2
      %5 = and %4, %3 : 2
      %6 = output "y" %5 : 2
      """)
    let after = try running([CommonSubexpressionMerging()], on: before)
    #expect(count("reg", in: after) == 2)
    #expect(count("and", in: after) == 2)
    try expectEquivalent(before, after)
  }

  @Test func findsRegistersThatToggleInStep() throws {
    // Two independent toggles with equal reset are the same signal; a third with another
    // reset value is not.
    let before = try parse(
      """
      %0 = input "x" : 1
      %1 = reg 1'h0 %2 : 1
      %2 = gate xor %1, %0 : 1
      %3 = reg 1'h0 %4 : 1
      %4 = gate xor %0, %3 : 1
      %5 = reg 1'h1 %6 : 1
      %6 = gate xor %5, %0 : 1
      %7 = output "a" %1 : 1
      %8 = output "b" %3 : 1
      %9 = output "c" %5 : 1
      """)
    let after = try running([CommonSubexpressionMerging(), DeadNodeElimination()], on: before)
    #expect(count("reg", in: after) == 2)
    #expect(count("gate", in: after) == 2)
    try expectEquivalent(before, after)
  }

  @Test func keepsRegistersWhoseLoopsDiffer() throws {
    // Same reset, but one counts in a different way: must not merge.
    let before = try parse(
      """
      %0 = input "x" : 1
      %1 = reg 1'h0 %2 : 1
      %2 = gate xor %1, %0 : 1
      %3 = reg 1'h0 %4 : 1
      %4 = gate or %3, %0 : 1
      %5 = output "a" %1 : 1
      %6 = output "b" %3 : 1
      """)
    var after = before
    #expect(try !CommonSubexpressionMerging().run(&after))
  }

  @Test(arguments: 0..<30)
  func randomNetlistsKeepTheirBehaviour(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let widths = [[1, 7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129]][Int(seed % 4)]
    let random = RandomNetlists.mixed(
      widths: widths, nodes: 40, registers: seed % 2 == 0, using: &rng)
    // Duplicate the whole body once so there is something to merge.
    let before = doubled(random)
    let after = try running([CommonSubexpressionMerging(), DeadNodeElimination()], on: before)
    #expect(after.nodes.count <= random.nodes.count + random.outputs.count)
    try expectEquivalent(before, after, seed: seed, exhaustiveBits: 10)
  }

  /// The netlist with every non-input node built twice; the copy's outputs get a `_copy`
  /// suffix.
  func doubled(_ netlist: Netlist) -> Netlist {
    var out = netlist
    let n = netlist.nodes.count
    var map = (0..<n).map { NodeID($0) }
    for id in netlist.ids {
      if case .input = netlist[id].op { continue }
      map[id.int] = NodeID(n + id.int)
    }
    for id in netlist.ids {
      var node = netlist[id]
      if case .output(let name) = node.op { node.op = .output(name + "_copy") }
      node.operands = node.operands.map { map[$0.int] }
      if case .input = node.op {
        node = Node(
          op: .constant(BitVector(zeroWidth: node.width)), operands: [], width: node.width)
      }
      out.append(node)
    }
    return out
  }
}
