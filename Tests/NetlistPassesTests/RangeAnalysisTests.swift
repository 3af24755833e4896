import FixedPoint
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

@Suite struct RangeAnalysisTests {
  /// Ranges worked out by hand from the op meanings.
  @Test func pinnedRanges() throws {
    let n = try parse(
      """
      %0 = input "a" : 5
      %1 = popcount %0 : 3
      %2 = input "b" : 5
      %3 = popcount %2 : 3
      %4 = add.u %1, %3 : 8
      %5 = const 8'h0c : 8
      %6 = cmp.lt.u %4, %5 : 1
      %7 = resize.u SAT %4 : 3
      %8 = sub.u %1, %3 : 4
      %9 = not %1 : 3
      %10 = mul.s %8, %8 : 8
      %11 = ext.s %8 : 6
      %12 = concat %1, %3 : 6
      %13 = round.u 1 RND %4 : 4
      %14 = reg 8'h00 %16 : 8
      %15 = const 8'h01 : 8
      %16 = add.u %14, %15 : 8
      %17 = input "en" : 1
      %18 = reg 3'h0 %19 : 3
      %19 = mux %17, %1, %18 : 3
      %20 = reg 8'h00 %4 : 8
      %21 = slice 2 %12 : 3
      %22 = and %4, %15 : 8
      %23 = or %4, %5 : 8
      %24 = shr.s 1 %11 : 6
      %25 = shl 2 %1 : 3
      %26 = output "o" %6 : 1
      """)
    let r = RangeAnalysis.ranges(of: n).map(\.description)
    #expect(r[0] == "u 0…31, s -16…15")
    #expect(r[1] == "u 0…5, s -4…3")
    #expect(r[4] == "u 0…10, s 0…10")
    #expect(r[6] == "u 1…1, s -1…-1")
    #expect(r[7] == "u 0…7, s -4…3")
    #expect(r[8] == "u 0…15, s -5…5")
    #expect(r[9] == "u 2…7, s -4…3")
    #expect(r[10] == "u 0…255, s -25…25")
    #expect(r[11] == "u 0…63, s -5…5")
    #expect(r[12] == "u 0…45, s -32…29")
    #expect(r[13] == "u 0…5, s 0…5")
    // A wrapping counter never settles: any value.
    #expect(r[14] == "u 0…255, s -128…127")
    // A register that loads a popcount or holds: the popcount's range and its reset.
    #expect(r[18] == "u 0…5, s -4…3")
    #expect(r[20] == "u 0…10, s 0…10")
    // Bits 2…4 of {p1, p3} are p1's low bits and p3's top bit: any value.
    #expect(r[21] == "u 0…7, s -4…3")
    #expect(r[22] == "u 0…1, s 0…1")
    #expect(r[23] == "u 12…15, s 12…15")
    #expect(r[24] == "u 0…63, s -3…2")
    #expect(r[25] == "u 0…7, s -4…3")
  }

  @Test func narrowWidthsFromRanges() throws {
    let n = try parse(
      """
      %0 = input "a" : 5
      %1 = popcount %0 : 8
      %2 = sub.s %1, %1 : 8
      %3 = output "o" %2 : 8
      """)
    let r = RangeAnalysis.ranges(of: n)
    #expect(r[1].neededWidth(.unsigned) == 3 && r[1].neededWidth(.signed) == 4)
    #expect(r[1].narrowest == (3, .unsigned))
    // p − p is 0 in value, but intervals do not know the operands are equal: −5…5.
    #expect(r[2].description == "u 0…255, s -5…5")
    #expect(r[2].narrowest == (4, .signed))
  }

  /// Every value the interpreter computes, in every cycle, lies in its node's range: random
  /// netlists mixing every op at widths across word boundaries, with registers and loops.
  @Test(arguments: [1, 2, 3, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129])
  func soundOnRandomNetlists(width: Int) throws {
    for trial in 0..<6 {
      let seed = UInt64(width * 1000 + trial)
      var rng = SeededRandom(seed: seed)
      let widths = [width, max(1, width / 2), 1 + Int(rng.next() % UInt64(width))]
      let n = mixedNetlist(
        widths: widths, nodes: 40, registers: trial % 2 == 1, productBits: 1200, using: &rng)
      let vectors = RandomNetlists.vectors(for: n, count: 48, using: &rng)
      try expectSound(n, vectors, "seed \(seed)")
    }
  }

  /// Single ops on operands confined to random windows (`x + c` for a narrow input `x`,
  /// wrapping or not, in both readings), exhaustively over the inputs.
  @Test func soundOnWindowsExhaustively() throws {
    var rng = SeededRandom(seed: 7)
    for trial in 0..<600 {
      let (n, _) = WindowNetlist.random(using: &rng)
      let vectors = (0..<(1 << n.inputBits)).map { vector(for: n, from: UInt64($0)) }
      try expectSound(n, vectors, "trial \(trial)")
      if n.isSequential { try expectSound(n, vectors.reversed(), "trial \(trial) reversed") }
    }
  }

  /// Ranges are not only sound but exact for ops whose bounds come from their operands' (add,
  /// sub, popcount, widening extend, saturating resize): when the operands' intervals are
  /// reached, every interval of the result that does not wrap around is reached too.
  @Test func exactForMonotoneOps() throws {
    var rng = SeededRandom(seed: 11)
    var checked = 0
    for trial in 0..<800 {
      let (n, reading) = WindowNetlist.random(using: &rng)
      guard let reading else { continue }
      let vectors = (0..<(1 << n.inputBits)).map { vector(for: n, from: UInt64($0)) }
      let values = try ReferenceInterpreter(n).nodeValues(vectors)
      let ranges = RangeAnalysis.ranges(of: n)
      func reached(_ id: NodeID, _ s: Signedness) -> ClosedRange<BigInt> {
        let seen = values.map { BigIntReading.of($0[id.int], s) }
        return seen.min()!...seen.max()!
      }
      let op = n[n.outputs[0]].operands[0]
      guard n[op].operands.allSatisfy({ reached($0, reading) == ranges[$0.int].interval(reading) })
      else { continue }
      for s in Signedness.allCases
      where ranges[op.int].interval(s) != ValueRange.full(width: n[op].width).interval(s) {
        checked += 1
        #expect(
          reached(op, s) == ranges[op.int].interval(s),
          "trial \(trial): \(s) \(ranges[op.int])\n\(NetlistText.print(n))")
      }
    }
    #expect(checked > 150)
  }

  /// Records the first value outside its node's range.
  func expectSound(
    _ n: Netlist, _ vectors: [[BitVector]], _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let ranges = RangeAnalysis.ranges(of: n)
    for (t, cycle) in try ReferenceInterpreter(n).nodeValues(vectors).enumerated() {
      for (i, value) in cycle.enumerated() where !ranges[i].contains(value) {
        let node = NetlistText.line(for: NodeID(i), in: n)
        let message = "\(context) cycle \(t): \(node) = \(value) outside \(ranges[i])"
        Issue.record("\(message)\n\(NetlistText.print(n))", sourceLocation: sourceLocation)
        return
      }
    }
  }
}

/// Readings of a bit vector as integers, for comparisons with range bounds.
enum BigIntReading {
  /// The bits read with `signedness`.
  static func of(_ v: BitVector, _ signedness: Signedness) -> BigInt {
    signedness == .unsigned ? unsigned(v) : signed(v)
  }

  /// The bits as an unsigned number.
  static func unsigned(_ v: BitVector) -> BigInt {
    v.words.reversed().reduce(BigInt(0)) { ($0 << 64) + BigInt($1) }
  }

  /// The bits as a two's-complement number.
  static func signed(_ v: BitVector) -> BigInt {
    v.msb ? unsigned(v) - BigInt.powerOfTwo(v.width) : unsigned(v)
  }
}

/// Small netlists that apply one op to operands confined to windows.
enum WindowNetlist {
  /// A netlist with inputs `x`, `y` (together at most 8 bits), operands `a = x + c1`,
  /// `b = y + c2` (`W` bits, wrapping), one op on them, and an output; for ops whose bounds
  /// come from their operands' bounds, the operand reading that decides them.
  static func random(using rng: inout SeededRandom) -> (Netlist, exactIn: Signedness?) {
    func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    let w = 1 + pick(6)
    var n = Netlist(name: "window")
    func window(_ name: String) -> NodeID {
      let k = min(w, 1 + pick(4))
      let x = n.input(name, width: k)
      let c = n.constant(RandomNetlists.vector(width: w, using: &rng))
      return n.add(n.extend(x, to: w, .unsigned), c, .unsigned, width: w)
    }
    let a = window("x")
    let b = window("y")
    let s: Signedness = pick(2) == 0 ? .unsigned : .signed
    let other = 1 + pick(7)
    let result: NodeID
    var exactIn: Signedness?
    switch pick(19) {
    case 0: result = n.not(a)
    case 1: result = n.bitwise(.and, a, b)
    case 2: result = n.bitwise(.or, a, b)
    case 3: result = n.bitwise(.xor, a, b)
    case 4:
      result = n.add(a, b, s, width: pick(2) == 0 ? nil : other)
      exactIn = s
    case 5:
      result = n.sub(a, b, s, width: pick(2) == 0 ? nil : other)
      exactIn = s
    case 6: result = n.mul(a, b, s, width: pick(2) == 0 ? nil : other)
    case 7: result = n.compare(CompareKind.allCases[pick(6)], a, b, s)
    case 8: result = n.mux(n.bit(a, pick(w)), whenFalse: b, whenTrue: n.not(b))
    case 9: result = n.shiftLeft(a, by: pick(w + 1))
    case 10: result = n.shiftRight(a, by: pick(w + 1), s)
    case 11: result = n.concat([a, b])
    case 12:
      let count = 1 + pick(w)
      result = n.slice(a, low: pick(w - count + 1), count: count)
    case 13:
      result = n.extend(a, to: other, s)
      exactIn = other >= w ? s : nil
    case 14:
      result = n.popcount([a, b], width: Netlist.bitLength(2 * w) + pick(2))
      exactIn = .unsigned
    case 15:
      let mode = RoundingMode.deterministic[pick(7)]
      result = n.round(a, by: pick(w + 1), mode, s, width: pick(2) == 0 ? nil : other)
    case 16:
      let k = 1 + pick(w)
      result = n.round(a, by: k, .stochastic, s, random: n.slice(b, low: 0, count: k))
    case 17:
      var mode = OverflowMode.allCases[pick(5)]
      if mode == .wrapSM && s == .unsigned { mode = .sat }
      result = n.resize(a, to: other, mode, s)
      exactIn = mode == .sat ? s : nil
    default:
      let g = GateFunction(table: UInt8(pick(16)))
      let gate = n.gate(g, n.bit(a, pick(w)), n.bit(b, pick(w)))
      // A register pipeline and a register that holds or loads.
      let hold = n.register(reset: BitVector(width: w, truncating: pick(1 << w)))
      n.connectRegister(hold, to: n.mux(gate, whenFalse: hold, whenTrue: a))
      n.output("hold", hold)
      result = n.register(gate)
    }
    n.output("r", result)
    return (n, exactIn)
  }
}
