import NetlistIR
import Reports
import Testing

/// Gate-level counts of small circuits, derived by hand from the textbook structures the
/// bit-blaster builds.
@Suite struct GateCountTests {
  /// An n-bit ripple-carry adder (n + n → n + 1 bits): bit 0 is a half adder (xor, and),
  /// bits 1…n−1 full adders (two xor, two and, one or each): 5n − 3 gates. The carry takes
  /// one level into bit 1 and two more per bit, so the last carry (the top sum bit) arrives
  /// at level 2n − 1.
  @Test(arguments: [1, 2, 3, 4, 8, 16, 32])
  func rippleAdder(n: Int) throws {
    var netlist = Netlist(name: "adder")
    let sum = netlist.add(
      netlist.input("a", width: n), netlist.input("b", width: n), .unsigned)
    netlist.output("s", sum)
    let r = try NetlistReport.make(for: netlist)
    let g = r.gateLevel
    #expect(g.twoInputGates == 5 * n - 3)
    var expected = ["xor": 2 * n - 1, "and": 2 * n - 1]
    if n > 1 { expected["or"] = n - 1 }
    #expect(gateCounts(r) == expected)
    #expect(g.fullAdders == n - 1 && g.halfAdders == 1)
    #expect(g.not == 0 && g.registers == 0)
    #expect(g.logicDepth == 2 * n - 1 && r.timing.logicDepth == 2 * n - 1)
    #expect(cost(r, "gate2") == 5 * n - 3)
    #expect(cost(r, "cmos") == 12 * (2 * n - 1) + 6 * (2 * n - 1) + 6 * (n - 1))
    #expect(r.wordLevel.cells.map(\.op) == ["add.u"])
    #expect(r.wordLevel.cells[0].shape == "\(n),\(n)→\(n + 1)")
  }

  /// Popcounts of 2, 3 and 7 bits: a half adder (depth 1); a full adder (sum at level 2,
  /// carry at 3); four full adders — three in the ones column (the third taking the two
  /// sums, at levels 2 and 4), one in the twos column taking carries at 3, 3 and 5 — whose
  /// carry into the fours column arrives at level 7.
  @Test(arguments: [(2, 1, 0, 1), (3, 3, 1, 0), (7, 7, 4, 0)])
  func popcountTree(bits: Int, depth: Int, full: Int, half: Int) throws {
    var netlist = Netlist(name: "ones")
    netlist.output("y", netlist.popcount([netlist.input("x", width: bits)]))
    let g = try NetlistReport.make(for: netlist).gateLevel
    #expect(g.logicDepth == depth)
    #expect(g.fullAdders == full && g.halfAdders == half)
    #expect(g.twoInputGates == 5 * full + 2 * half)
  }

  /// A 4-bit unsigned `<` as a comparator tree: per bit `¬a ∧ b` (4) and, where an equal
  /// signal is needed, xnor (bits 1–3); each merge `less = less_hi ∨ (eq_hi ∧ less_lo)`
  /// (and, or: 3 merges) and `eq = eq_hi ∧ eq_lo` (once): 14 gates, 5 levels.
  @Test func comparator() throws {
    let r = try report(
      """
      %0 = input "a" : 4
      %1 = input "b" : 4
      %2 = cmp.lt.u %0, %1 : 1
      %3 = output "lt" %2 : 1
      """)
    #expect(gateCounts(r) == ["not_implied_by": 4, "xnor": 3, "and": 4, "or": 3])
    #expect(r.gateLevel.logicDepth == 5)
    #expect(cost(r, "gate2") == 14)
    #expect(cost(r, "cmos") == 4 * 6 + 3 * 12 + 4 * 6 + 3 * 6)
    #expect(
      r.wordLevel.cells == [
        .init(category: "comparators", op: "cmp.lt.u", shape: "4,4→1", count: 1)
      ])
  }

  /// A NOT that no gate can absorb (the gate it complements is also an output) is counted
  /// separately and costs 0 two-input-gate equivalents, 2 transistors.
  @Test func notsAtOutputs() throws {
    let r = try report(
      """
      %0 = input "a" : 1
      %1 = input "b" : 1
      %2 = gate and %0, %1 : 1
      %3 = not %2 : 1
      %4 = output "y" %3 : 1
      %5 = output "z" %2 : 1
      """)
    #expect(r.gateLevel.twoInputGates == 1 && r.gateLevel.not == 1)
    #expect(cost(r, "gate2") == 1 && cost(r, "cmos") == 6 + 2)
    #expect(r.gateLevel.logicDepth == 1)
  }

  /// Registers: one word-level register of 5 bits is five one-bit registers; each costs
  /// 24 transistors.
  @Test func registeredAdder() throws {
    let r = try report(
      """
      %0 = input "a" : 4
      %1 = input "b" : 4
      %2 = add.u %0, %1 : 5
      %3 = reg 5'h00 %2 : 5
      %4 = output "s" %3 : 5
      """)
    #expect(r.wordLevel.registers == 1 && r.wordLevel.registerBits == 5)
    #expect(r.gateLevel.registers == 5 && r.gateLevel.twoInputGates == 17)
    #expect(cost(r, "gate2") == 17)
    #expect(cost(r, "cmos") == 7 * 12 + 7 * 6 + 3 * 6 + 5 * 24)
    #expect(r.timing.logicDepth == 7)
    #expect(r.timing.latency == .init(kind: "pipelined", cycles: 1))
    #expect(r.timing.registers == 1 && r.timing.registerBits == 5)
  }

  /// Word-level cells by category, op and shape, with register and constant totals.
  @Test func wordLevelInventory() throws {
    let r = try report(
      """
      %0 = input "a" : 8
      %1 = input "b" : 8
      %2 = add.u %0, %1 : 9
      %3 = add.u %1, %0 : 9
      %4 = sub.s %0, %1 : 9
      %5 = mul.s %0, %1 : 16
      %6 = cmp.ge.s %0, %1 : 1
      %7 = mux %6, %0, %1 : 8
      %8 = popcount %0, %1 : 5
      %9 = round.s 3 RND_CONV %2 : 7
      %10 = resize.s SAT %9 : 4
      %11 = const 8'h0f : 8
      %12 = and %7, %11 : 8
      %13 = slice 0 %12 : 1
      %14 = slice 1 %12 : 1
      %15 = gate xor %13, %14 : 1
      %16 = reg 4'h0 %10 : 4
      %17 = concat %16, %15, %8, %5, %4, %3 : 44
      %18 = output "y" %17 : 44
      """)
    let w = r.wordLevel
    #expect(
      w.cells.map { "\($0.category) \($0.op) \($0.shape) \($0.count)" } == [
        "adders add.u 8,8→9 2", "adders sub.s 8,8→9 1", "multipliers mul.s 8,8→16 1",
        "comparators cmp.ge.s 8,8→1 1", "multiplexers mux 1,8,8→8 1", "popcounts popcount 8,8→5 1",
        "rounding round.s 3 RND_CONV 9→7 1", "resizing resize.s SAT 7→4 1", "bitwise and 8,8→8 1",
        "gates gate xor 1,1→1 1", "wiring concat 6 operands, 44 bits→44 1", "wiring slice 8→1 2",
        "registers reg 4→4 1", "constants const 8 1",
      ])
    #expect(
      w.categories.map { "\($0.name) \($0.count) \($0.bits)" } == [
        "adders 3 27", "multipliers 1 16", "comparators 1 1", "multiplexers 1 8", "popcounts 1 5",
        "rounding 1 7", "resizing 1 4", "bitwise 1 8", "gates 1 1", "wiring 3 46",
        "registers 1 4", "constants 1 8",
      ])
    #expect(w.registers == 1 && w.registerBits == 4 && w.constants == 1 && w.constantBits == 8)
  }
}
