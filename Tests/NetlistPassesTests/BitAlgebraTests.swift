import FixedPoint
import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

/// The generic bit-level arithmetic, evaluated with `Bool`, against the word-level meaning of
/// each op (`Node.evaluate`), exhaustively at small widths; and `UInt64` lanes against `Bool`.
@Suite struct BitAlgebraTests {
  func bits(_ v: BitVector) -> [Bool] { (0..<v.width).map { v[bit: $0] } }

  func vector(_ bits: [Bool]) -> BitVector {
    var v = BitVector(zeroWidth: bits.count)
    for (i, b) in bits.enumerated() where b { v[bit: i] = true }
    return v
  }

  func all(_ width: Int) -> [BitVector] {
    (0..<(1 << width)).map { BitVector(width: width, truncating: UInt64($0)) }
  }

  /// Compares the Bool lowering of a one-node op with `Node.evaluate` on every operand value.
  func check(
    _ op: Op, widths: [Int], result: Int, _ adders: AdderArchitecture = .rippleCarry
  ) {
    let node = Node(op: op, operands: widths.indices.map { NodeID($0) }, width: result)
    var combos: [[BitVector]] = [[]]
    for w in widths { combos = combos.flatMap { c in all(w).map { c + [$0] } } }
    for x in combos {
      var algebra = BoolAlgebra()
      let got = vector(BitBlast.bits(of: node, operands: x.map(bits), in: &algebra, adders: adders))
      let want = node.evaluate(x)
      if got != want {
        Issue.record("\(op) \(widths)→\(result) \(adders) on \(x): expected \(want), got \(got)")
        return
      }
    }
  }

  static let architectures: [AdderArchitecture] = [.rippleCarry, .parallelPrefix]

  /// `rom`: full tables and tables shorter than the address range, narrow and wide
  /// addresses, every address value.
  @Test func tableLookup() {
    for (addressWidth, count, width) in [
      (1, 1, 1), (1, 2, 3), (2, 3, 4), (3, 5, 2), (4, 16, 5), (5, 9, 7),
    ] {
      let table = (0..<count).map {
        BitVector(width: width, truncating: UInt64(($0 * 37 + 11) % 251))
      }
      check(.rom(table), widths: [addressWidth], result: width)
    }
  }

  @Test(arguments: architectures)
  func addAndSubtract(adders: AdderArchitecture) {
    for s in Signedness.allCases {
      for (wa, wb) in [(1, 1), (3, 2), (2, 4), (4, 4)] {
        for w in [1, 2, 3, 5, 6] {
          check(.add(s), widths: [wa, wb], result: w, adders)
          check(.sub(s), widths: [wa, wb], result: w, adders)
        }
      }
    }
  }

  @Test(arguments: architectures)
  func multiply(adders: AdderArchitecture) {
    for s in Signedness.allCases {
      for (wa, wb) in [(1, 1), (1, 3), (3, 1), (3, 4), (4, 4), (2, 5)] {
        for w in [1, 2, 4, 7, 9] { check(.mul(s), widths: [wa, wb], result: w, adders) }
      }
    }
  }

  @Test func compare() {
    for s in Signedness.allCases {
      for k in CompareKind.allCases {
        for w in [1, 2, 3, 5] { check(.compare(k, s), widths: [w, w], result: 1) }
      }
    }
  }

  @Test func shiftsSlicesAndExtensions() {
    for s in Signedness.allCases {
      for n in 0...6 {
        check(.shiftRight(n, s), widths: [5], result: 5)
        check(.shiftLeft(n), widths: [5], result: 5)
      }
      for w in 1...7 { check(.extend(s), widths: [4], result: w) }
    }
    check(.concat, widths: [3, 1, 2], result: 6)
    check(.slice(2), widths: [6], result: 3)
    check(.mux, widths: [1, 3, 3], result: 3)
  }

  @Test(arguments: architectures)
  func popcount(adders: AdderArchitecture) {
    for w in [1, 2, 3, 4, 5, 6, 8] { check(.popcount, widths: [3, 5], result: w, adders) }
    check(.popcount, widths: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], result: 4, adders)
  }

  @Test(arguments: architectures)
  func roundEveryModeAndShift(adders: AdderArchitecture) {
    for s in Signedness.allCases {
      for mode in RoundingMode.deterministic {
        for n in 0...6 {
          for w in [1, 3, 5, 8] { check(.round(n, mode, s), widths: [5], result: w, adders) }
        }
      }
      for n in 1...6 {
        for w in [2, 5] { check(.round(n, .stochastic, s), widths: [5, n], result: w, adders) }
      }
    }
  }

  @Test func resizeEveryOverflowMode() {
    for s in Signedness.allCases {
      for mode in OverflowMode.allCases where !(mode == .wrapSM && s == .unsigned) {
        for w in 1...8 {
          check(.resize(mode, s), widths: [5], result: w)
          check(.resize(mode, s), widths: [1], result: w)
        }
      }
    }
  }

  @Test func lanesAgreeWithBool() {
    var rng = SeededRandom(seed: 7)
    let ops: [(Op, [Int], Int)] = [
      (.add(.signed), [9, 7], 10), (.sub(.unsigned), [8, 8], 10), (.mul(.signed), [7, 6], 13),
      (.compare(.lt, .signed), [9, 9], 1), (.popcount, [13], 4),
      (.round(3, .rndConv, .signed), [9], 7), (.resize(.satSym, .signed), [9], 5),
    ]
    for (op, widths, result) in ops {
      let node = Node(op: op, operands: widths.indices.map { NodeID($0) }, width: result)
      let samples = (0..<64).map { _ in
        widths.map { RandomNetlists.edgyVector(width: $0, using: &rng) }
      }
      let lanes = widths.indices.map { k in
        (0..<widths[k]).map { bit in
          (0..<64).reduce(UInt64(0)) { $0 | (samples[$1][k][bit: bit] ? 1 << UInt64($1) : 0) }
        }
      }
      var algebra = LaneAlgebra()
      let out = BitBlast.bits(of: node, operands: lanes, in: &algebra)
      for (lane, x) in samples.enumerated() {
        let got = vector(out.map { ($0 >> UInt64(lane)) & 1 == 1 })
        if got != node.evaluate(x) {
          Issue.record("\(op) lane \(lane) on \(x): expected \(node.evaluate(x)), got \(got)")
          break
        }
      }
    }
  }
}
