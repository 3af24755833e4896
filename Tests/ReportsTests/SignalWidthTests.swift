import NetlistIR
import Reports
import Testing

@Suite struct SignalWidthTests {
  static let votes = """
    %0 "a" = input "a" : 5
    %1 "pa" = popcount %0 : 3
    %2 "b" = input "b" : 5
    %3 "pb" = popcount %2 : 3
    %4 "sum" = add.u %1, %3 : 8
    %5 = const 8'h0c : 8
    %6 "lt" = cmp.lt.u %4, %5 : 1
    %7 "sat" = resize.u SAT %4 : 4
    %8 = output "lt" %6 : 1
    %9 = output "sat" %7 : 4
    %10 = output "sum" %4 : 8
    """

  @Test func declaredAgainstNeeded() throws {
    let w = try report(Self.votes).widths
    #expect(
      w.listing.map { "\($0.node) \($0.name ?? "-") \($0.width) \($0.needed) \($0.reading)" } == [
        "%0 a 5 5 unsigned", "%1 pa 3 3 unsigned", "%2 b 5 5 unsigned", "%3 pb 3 3 unsigned",
        "%4 sum 8 4 unsigned", "%5 - 8 4 unsigned", "%6 lt 1 1 unsigned", "%7 sat 4 4 unsigned",
        "%8 lt 1 1 unsigned", "%9 sat 4 4 unsigned", "%10 sum 8 4 unsigned",
      ])
    #expect(w.listing[4].unsigned == .init(low: "0", high: "10"))
    // The comparison is always true: a constant range.
    #expect(w.listing[6].unsigned == .init(low: "1", high: "1"))
    // Only logic and registers count as narrowable, not ports or constants: the sum (4
    // spare bits).
    #expect(w.narrowable == 1 && w.spareBits == 4)
    #expect(w.signals == 11 && w.declaredBits == 50 && w.neededBits == 38)
  }

  /// `--optimize` narrows the sum, folds the comparison and drops the saturation; the
  /// changes name nodes of the input netlist.
  @Test func optimizeNarrows() throws {
    let r = try report(Self.votes, optimize: true)
    let o = try #require(r.optimization)
    #expect(o.nodesBefore == 11)
    #expect(
      o.narrowing == [
        .init("constants from ranges", 1), .init("overflow checks removed", 1),
        .init("nodes narrowed", 1), .init("bits removed", 4),
      ])
    #expect(
      o.changes.map { "\($0.node) \($0.kind) \($0.width)→\($0.newWidth) \($0.detail ?? "")" } == [
        "%4 narrowed 8→4 u→8", "%6 constant 1→1 1'h1", "%7 no overflow 4→4 ",
      ])
    #expect(r.widths.narrowable == 0)
    #expect(
      !r.wordLevel.cells.contains { $0.category == "comparators" || $0.category == "resizing" })
    #expect(r.wordLevel.cells.contains { $0.op == "add.u" && $0.shape == "3,3→4" })
  }

  /// Sums of popcounts: `count` inputs, `5 × count` nodes.
  static func sums(_ count: Int) -> Netlist {
    var n = Netlist(name: "big")
    var sums: [NodeID] = []
    for i in 0..<count {
      let x = n.input("x\(i)", width: 6)
      sums.append(n.add(n.popcount([x], width: 12), n.constant(i % 7, width: 12), .unsigned))
    }
    var total = sums[0]
    for s in sums.dropFirst() { total = n.add(total, s, .unsigned, width: 16) }
    n.output("total", total)
    return n
  }

  /// Text and Markdown list a bounded number of signals, whatever the size; JSON all.
  @Test func largeNetlistsBoundTheTextListing() throws {
    let n = Self.sums(120)
    let r = try NetlistReport.make(for: n)
    let small = try NetlistReport.make(for: Self.sums(60))
    #expect(r.widths.listing.count == n.nodes.count && n.nodes.count == 600)
    let text = r.render(.text)
    let markdown = r.render(.markdown)
    #expect(text.split(separator: "\n").count < 100)
    #expect(text.split(separator: "\n").count == small.render(.text).split(separator: "\n").count)
    #expect(
      markdown.split(separator: "\n").count
        == small.render(.markdown).split(separator: "\n").count)
    #expect(text.contains("The 10 widest signals (all 600 in the JSON form):"))
    #expect(text.contains("The 10 signals with the most spare bits:"))
    // The popcounts of 6 bits need 3 of their 12 bits (9 spare); the first 16-bit total,
    // (0…6) + (1…7) = 1…13, needs 4 (12 spare): the most.
    let most = r.widths.mostSpare(2)
    #expect(most.map(\.op) == ["add.u", "add.u"] && most.map(\.spare) == [12, 11])
    let parsed = try #require(NetlistReport.parse(json: r.render(.json)))
    #expect(parsed.widths.listing.count == n.nodes.count)
    #expect(parsed == r)
  }
}
