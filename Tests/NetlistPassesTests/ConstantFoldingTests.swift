import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct ConstantFoldingTests {
  @Test func foldsAllConstantChains() throws {
    let before = try parse(
      """
      %0 = input "x" : 8
      %1 = const 8'h03 : 8
      %2 = const 8'h05 : 8
      %3 "sum" = add.u %1, %2 : 8
      %4 = mul.u %3, %2 : 8
      %5 = and %0, %4 : 8
      %6 = output "y" %5 : 8
      """)
    #expect(count("add.u", in: before) == 1 && count("mul.u", in: before) == 1)
    var after = before
    #expect(try ConstantFolding().run(&after))
    #expect(count("add.u", in: after) == 0 && count("mul.u", in: after) == 0)
    #expect(after.nodes.count == before.nodes.count)
    #expect(
      after[NodeID(3)]
        == Node(
          op: .constant(BitVector(width: 8, truncating: 8)), operands: [], width: 8, name: "sum"))
    #expect(after[NodeID(4)].op == .constant(BitVector(width: 8, truncating: 40)))
    try expectEquivalent(before, after)
    after = try running([ConstantFolding(), DeadNodeElimination()], on: before)
    #expect(after.nodes.count == 4)
    #expect(try !ConstantFolding().run(&after))
  }

  /// (body reading input %0 "x" : 4 and %1 "s" : 1, mnemonic counts after const-fold + dce).
  static let identities: [(String, [String: Int])] = [
    ("%2 = const 4'h0 : 4\n%3 = and %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["and": 0, "const": 1]),
    ("%2 = const 4'hf : 4\n%3 = and %2, %0 : 4\n%4 = output \"y\" %3 : 4", ["and": 0, "const": 0]),
    ("%2 = and %0, %0 : 4\n%3 = output \"y\" %2 : 4", ["and": 0]),
    ("%2 = const 4'h0 : 4\n%3 = or %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["or": 0, "const": 0]),
    ("%2 = const 4'hf : 4\n%3 = or %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["or": 0, "const": 1]),
    ("%2 = const 4'h0 : 4\n%3 = xor %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["xor": 0]),
    ("%2 = const 4'hf : 4\n%3 = xor %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["xor": 0, "not": 1]),
    ("%2 = xor %0, %0 : 4\n%3 = output \"y\" %2 : 4", ["xor": 0, "const": 1]),
    (
      "%2 = const 2'h0 : 2\n%3 = add.s %0, %2 : 6\n%4 = output \"y\" %3 : 6",
      ["add.s": 0, "ext.s": 1]
    ),
    (
      "%2 = const 2'h0 : 2\n%3 = add.u %2, %0 : 4\n%4 = output \"y\" %3 : 4",
      ["add.u": 0, "ext.u": 0]
    ),
    (
      "%2 = const 4'h0 : 4\n%3 = sub.u %0, %2 : 6\n%4 = output \"y\" %3 : 6",
      ["sub.u": 0, "ext.u": 1]
    ),
    ("%2 = const 4'h0 : 4\n%3 = sub.u %2, %0 : 6\n%4 = output \"y\" %3 : 6", ["sub.u": 1]),
    ("%2 = sub.s %0, %0 : 5\n%3 = output \"y\" %2 : 5", ["sub.s": 0, "const": 1]),
    (
      "%2 = const 2'h1 : 2\n%3 = mul.s %0, %2 : 6\n%4 = output \"y\" %3 : 6",
      ["mul.s": 0, "ext.s": 1]
    ),
    // A one-bit signed 1 is −1: no identity.
    ("%2 = const 1'h1 : 1\n%3 = mul.s %0, %2 : 6\n%4 = output \"y\" %3 : 6", ["mul.s": 1]),
    (
      "%2 = const 8'h04 : 8\n%3 = mul.u %2, %0 : 8\n%4 = output \"y\" %3 : 8",
      ["mul.u": 0, "shl": 1, "ext.u": 1]
    ),
    (
      "%2 = const 4'h8 : 4\n%3 = mul.u %0, %2 : 4\n%4 = output \"y\" %3 : 4",
      ["mul.u": 0, "shl": 1, "ext.u": 0]
    ),
    (
      "%2 = const 4'h0 : 4\n%3 = mul.s %0, %2 : 8\n%4 = output \"y\" %3 : 8",
      ["mul.s": 0, "const": 1]
    ),
    ("%2 = const 4'h0 : 4\n%3 = cmp.lt.u %0, %2 : 1\n%4 = output \"y\" %3 : 1", ["cmp.lt.u": 0]),
    ("%2 = const 4'h0 : 4\n%3 = cmp.le.u %2, %0 : 1\n%4 = output \"y\" %3 : 1", ["cmp.le.u": 0]),
    ("%2 = const 4'h7 : 4\n%3 = cmp.gt.s %0, %2 : 1\n%4 = output \"y\" %3 : 1", ["cmp.gt.s": 0]),
    ("%2 = const 4'h7 : 4\n%3 = cmp.lt.s %2, %0 : 1\n%4 = output \"y\" %3 : 1", ["cmp.lt.s": 0]),
    ("%2 = const 4'h8 : 4\n%3 = cmp.ge.s %0, %2 : 1\n%4 = output \"y\" %3 : 1", ["cmp.ge.s": 0]),
    ("%2 = const 4'h8 : 4\n%3 = cmp.ge.u %0, %2 : 1\n%4 = output \"y\" %3 : 1", ["cmp.ge.u": 1]),
    ("%2 = cmp.le.s %0, %0 : 1\n%3 = output \"y\" %2 : 1", ["cmp.le.s": 0, "const": 1]),
    (
      "%2 = const 1'h1 : 1\n%3 = not %0 : 4\n%4 = mux %2, %3, %0 : 4\n%5 = output \"y\" %4 : 4",
      ["mux": 0, "not": 0]
    ),
    ("%2 = mux %1, %0, %0 : 4\n%3 = output \"y\" %2 : 4", ["mux": 0]),
    (
      "%2 = const 1'h0 : 1\n%3 = const 1'h1 : 1\n%4 = mux %1, %2, %3 : 1\n%5 = output \"y\" %4 : 1",
      ["mux": 0, "const": 0]
    ),
    (
      "%2 = const 1'h1 : 1\n%3 = const 1'h0 : 1\n%4 = mux %1, %2, %3 : 1\n%5 = output \"y\" %4 : 1",
      ["mux": 0, "not": 1]
    ),
    ("%2 = shl 0 %0 : 4\n%3 = output \"y\" %2 : 4", ["shl": 0]),
    ("%2 = shl 4 %0 : 4\n%3 = output \"y\" %2 : 4", ["shl": 0, "const": 1]),
    ("%2 = shr.u 5 %0 : 4\n%3 = output \"y\" %2 : 4", ["shr.u": 0, "const": 1]),
    ("%2 = shr.s 5 %0 : 4\n%3 = output \"y\" %2 : 4", ["shr.s": 1]),
    ("%2 = slice 0 %0 : 4\n%3 = output \"y\" %2 : 4", ["slice": 0]),
    ("%2 = slice 1 %0 : 3\n%3 = slice 1 %2 : 2\n%4 = output \"y\" %3 : 2", ["slice": 1]),
    (
      "%2 = concat %0, %1 : 5\n%3 = slice 1 %2 : 4\n%4 = output \"y\" %3 : 4",
      ["slice": 0, "concat": 0]
    ),
    (
      "%2 = concat %1, %0 : 5\n%3 = slice 1 %2 : 2\n%4 = output \"y\" %3 : 2",
      ["slice": 1, "concat": 0]
    ),
    (
      "%2 = concat %1, %0 : 5\n%3 = slice 3 %2 : 2\n%4 = output \"y\" %3 : 2",
      ["slice": 1, "concat": 1]
    ),
    ("%2 = ext.s %0 : 4\n%3 = concat %2 : 4\n%4 = output \"y\" %3 : 4", ["ext.s": 0, "concat": 0]),
    (
      "%2 = const 3'h0 : 3\n%3 = popcount %2, %0, %2 : 4\n%4 = output \"y\" %3 : 4",
      ["popcount": 1, "const": 0]
    ),
    ("%2 = ext.s %0 : 8\n%3 = ext.u %2 : 3\n%4 = output \"y\" %3 : 3", ["ext.s": 1, "ext.u": 0]),
    ("%2 = ext.u %0 : 2\n%3 = ext.u %2 : 9\n%4 = output \"y\" %3 : 9", ["ext.u": 2]),
    ("%2 = ext.s %0 : 8\n%3 = ext.u %2 : 6\n%4 = output \"y\" %3 : 6", ["ext.s": 1, "ext.u": 0]),
    ("%2 = ext.s %0 : 6\n%3 = ext.s %2 : 9\n%4 = output \"y\" %3 : 9", ["ext.s": 1]),
    ("%2 = ext.u %0 : 6\n%3 = ext.s %2 : 9\n%4 = output \"y\" %3 : 9", ["ext.u": 1, "ext.s": 0]),
    ("%2 = ext.s %0 : 6\n%3 = ext.u %2 : 9\n%4 = output \"y\" %3 : 9", ["ext.s": 1, "ext.u": 1]),
    ("%2 = ext.u %0 : 2\n%3 = ext.s %2 : 9\n%4 = output \"y\" %3 : 9", ["ext.u": 1, "ext.s": 1]),
    ("%2 = round.s 0 RND %0 : 6\n%3 = output \"y\" %2 : 6", ["round.s": 0, "ext.s": 1]),
    ("%2 = resize.u SAT %0 : 6\n%3 = output \"y\" %2 : 6", ["resize.u": 0, "ext.u": 1]),
    ("%2 = resize.s WRAP %0 : 3\n%3 = output \"y\" %2 : 3", ["resize.s": 0, "ext.s": 1]),
    ("%2 = resize.s SAT %0 : 4\n%3 = output \"y\" %2 : 4", ["resize.s": 0]),
    ("%2 = resize.s SAT_SYM %0 : 4\n%3 = output \"y\" %2 : 4", ["resize.s": 1]),
    (
      "%2 = reg 4'h5 %2 : 4\n%3 = and %0, %2 : 4\n%4 = output \"y\" %3 : 4", ["reg": 0, "const": 1]
    ),
    (
      "%2 = const 4'h5 : 4\n%3 = reg 4'h5 %2 : 4\n%4 = and %0, %3 : 4\n%5 = output \"y\" %4 : 4",
      ["reg": 0, "const": 1]
    ),
    (
      "%2 = const 4'h5 : 4\n%3 = reg 4'h0 %2 : 4\n%4 = and %0, %3 : 4\n%5 = output \"y\" %4 : 4",
      ["reg": 1]
    ),
  ]

  @Test(arguments: identities)
  func identity(body: String, expected: [String: Int]) throws {
    let before = try parse("%0 = input \"x\" : 4\n%1 = input \"s\" : 1\n" + body)
    let after = try running([ConstantFolding(), DeadNodeElimination()], on: before)
    for (mnemonic, n) in expected {
      #expect(count(mnemonic, in: after) == n, "\(mnemonic) in\n\(NetlistText.print(after))")
    }
    #expect(after.nodes.count < before.nodes.count || expected.values.contains { $0 > 0 })
    try expectEquivalent(before, after)
  }

  @Test(arguments: 0..<40)
  func randomNetlistsKeepTheirBehaviour(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let widths = [[1, 7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129]][Int(seed % 4)]
    let random = RandomNetlists.mixed(
      widths: widths, nodes: 30, registers: seed % 3 == 0, using: &rng)
    let before = withConstantInputs(random, using: &rng)
    var after = before
    #expect(try ConstantFolding().run(&after))
    try NetlistVerifier.verify(after)
    try expectEquivalent(before, after, seed: seed, exhaustiveBits: 10)
  }
}
