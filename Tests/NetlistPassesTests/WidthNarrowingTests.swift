import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct WidthNarrowingTests {
  /// Two 5-bit popcounts summed in 8 bits, compared with 12 and saturated to 4 bits.
  static let votes = """
    %0 = input "a" : 5
    %1 = popcount %0 : 3
    %2 = input "b" : 5
    %3 = popcount %2 : 3
    %4 "sum" = add.u %1, %3 : 8
    %5 = const 8'h0c : 8
    %6 = cmp.lt.u %4, %5 : 1
    %7 = resize.u SAT %4 : 4
    %8 = sub.s %1, %3 : 8
    %9 = popcount %0, %2 : 6
    %10 = output "lt" %6 : 1
    %11 = output "sat" %7 : 4
    %12 = output "sum" %4 : 8
    %13 = output "diff" %8 : 8
    %14 = output "ones" %9 : 6
    """

  @Test func countsAndEquivalence() throws {
    let before = try parse(Self.votes)
    var after = before
    let report = try WidthNarrowing().runReporting(&after)
    try NetlistVerifier.verify(after)
    // The comparison is always true; the resize never saturates; the sum needs 4 bits
    // (unsigned: 0…10), the difference 4 (signed: the 3-bit popcounts read as signed are
    // −4…3, so −7…7); the 10-bit popcount keeps the 4 bits the verifier asks for.
    #expect(
      report.counters == [
        PassCounter("constants from ranges", 1), PassCounter("overflow checks removed", 1),
        PassCounter("nodes narrowed", 3), PassCounter("bits removed", 10),
      ])
    #expect(after.nodes.count == before.nodes.count + 3)
    #expect(count("cmp.lt.u", in: after) == 0 && count("resize.u", in: after) == 0)
    #expect(count("ext.u", in: after) == 3 && count("ext.s", in: after) == 1)
    let sum = try #require(after.nodes.first { $0.name == "sum" && $0.op == .add(.unsigned) })
    #expect(sum.width == 4)
    #expect(after.nodes.contains { $0.op == .sub(.signed) && $0.width == 4 })
    #expect(after.nodes.contains { $0.op == .popcount && $0.width == 4 })
    try expectEquivalent(before, after)
    // The narrowed netlist is a fixpoint.
    #expect(try !WidthNarrowing().run(&after))
    // After the standard optimisation the dead comparison and its constant are gone.
    var optimised = after
    try Optimizer.optimize(&optimised)
    #expect(count("const", in: optimised) == 1 && count("cmp.lt.u", in: optimised) == 0)
    try expectEquivalent(before, optimised)
  }

  @Test func narrowingShrinksTheGates() throws {
    let before = try parse(Self.votes)
    let wide = try running([BitBlast()], on: before)
    let narrow = try running([WidthNarrowing(), BitBlast()], on: before)
    var wideGates = wide
    var narrowGates = narrow
    try Optimizer.optimize(&wideGates)
    try Optimizer.optimize(&narrowGates)
    #expect(count("gate", in: narrowGates) < count("gate", in: wideGates))
    try expectEquivalent(before, narrowGates)
  }

  @Test func registersAndLoops() throws {
    let before = try parse(
      """
      %0 = input "x" : 4
      %1 = popcount %0 : 8
      %2 = reg 8'h00 %1 : 8
      %3 = reg 8'h03 %3 : 8
      %4 = add.u %2, %3 : 9
      %5 = input "en" : 1
      %6 = reg 4'h0 %8 : 4
      %7 = add.u %6, %2 : 4
      %8 = mux %5, %6, %7 : 4
      %9 = output "y" %4 : 9
      %10 = output "acc" %6 : 4
      """)
    var after = before
    let report = try WidthNarrowing().runReporting(&after)
    // The self-loop register is the constant 3; the popcount (≤ 4), the register that
    // samples it and the sum (≤ 7) are narrowed to 3 bits; the accumulator wraps and keeps
    // its width.
    #expect(report.counters[0] == PassCounter("constants from ranges", 1))
    #expect(report.counters[2] == PassCounter("nodes narrowed", 3))
    #expect(report.counters[3] == PassCounter("bits removed", 5 + 5 + 6))
    #expect(after.nodes.contains { $0.op == .add(.unsigned) && $0.width == 4 })
    #expect(after.nodes.contains { $0.op == .add(.unsigned) && $0.width == 3 })
    #expect(after.nodes.contains { $0.op == .register(BitVector(zeroWidth: 3)) })
    #expect(after.nodes.filter { $0.op.isRegister }.map(\.width).sorted() == [3, 4])
    try expectEquivalent(before, after, sequences: 16, cycles: 12)
  }

  /// Random netlists of every op at widths across word boundaries, with and without
  /// registers: narrowing (alone and inside the optimisation loop) keeps every output.
  @Test(arguments: [1, 3, 8, 17, 33, 64, 65, 129])
  func randomNetlistsKeepTheirBehaviour(width: Int) throws {
    for trial in 0..<3 {
      let seed = UInt64(width * 100 + trial)
      var rng = SeededRandom(seed: seed)
      let widths = width <= 8 ? [width, 1 + width / 2] : [width, 1 + width / 3, 3]
      let before = withConstantInputs(
        mixedNetlist(
          widths: widths, nodes: 30, registers: trial % 2 == 1, productBits: 1200, using: &rng),
        using: &rng)
      var after = before
      try PassManager.run([WidthNarrowing()], on: &after)
      try expectEquivalent(before, after, seed: seed, sequences: 12, cycles: 6)
      #expect(try !WidthNarrowing().run(&after), "seed \(seed): not a fixpoint")
      var optimised = before
      try PassManager.runToFixpoint(Optimizer.standard + [WidthNarrowing()], on: &optimised)
      try expectEquivalent(before, optimised, seed: seed, sequences: 12, cycles: 6)
    }
  }
}
