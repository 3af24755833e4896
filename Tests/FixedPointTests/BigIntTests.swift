import FixedPoint
import Testing
import _TestSupport

/// BigInt against native `Int128` arithmetic on values that cross the inline/GMP boundary.
@Suite struct BigIntTests {
  static func randomInt128(_ rng: inout SeededRandom) -> Int128 {
    let bits = Int(rng.next() % 100)
    let raw = Int128(truncatingIfNeeded: rng.next()) << 64 | Int128(truncatingIfNeeded: rng.next())
    return bits == 0 ? 0 : raw >> (127 - bits)
  }

  @Test func matchesInt128() {
    var rng = SeededRandom(seed: 77)
    for _ in 0..<3000 {
      let x = Self.randomInt128(&rng)
      let y = Self.randomInt128(&rng)
      let a = BigInt(x)
      let b = BigInt(y)
      #expect((a + b).int128Value == x + y, "\(x) + \(y)")
      #expect((a - b).int128Value == x - y, "\(x) - \(y)")
      #expect(-a == BigInt(-x))
      #expect(BigInt.compare(a, b) == (x < y ? -1 : (x > y ? 1 : 0)))
      #expect(a.description == String(x))
      #expect(BigInt(String(x)) == a)
      let s = Int(rng.next() % 40)
      #expect((a >> s).int128Value == x >> s)
      #expect((a.lowBits(s)).int128Value == x & ((1 << s) - 1))
      #expect(a.bit(s) == ((x >> s) & 1 == 1))
      #expect(a.bitLength == 128 - x.magnitude.leadingZeroBitCount)
      let small = Int128(Int16(truncatingIfNeeded: rng.next()))
      #expect((a * BigInt(small)).int128Value == x * small)
      if x.magnitude < (1 << 80) { #expect((a << 40).int128Value == x << 40) }
      if y > 0 {
        let (q, r) = a.floorDivided(by: b)
        var eq = x / y
        var er = x % y
        if er < 0 {
          eq -= 1
          er += y
        }
        #expect(q.int128Value == eq && r.int128Value == er, "\(x) floor/ \(y)")
      }
    }
  }

  /// The ends of the Int128 range convert both ways (−2^127 has a 128-bit magnitude).
  @Test func int128Extremes() {
    for x in [Int128.min, Int128.min + 1, Int128.max, -(Int128(1) << 64), Int128(1) << 64] {
      #expect(BigInt(x).int128Value == x, "\(x)")
    }
    #expect((BigInt(Int128.min) - 1).int128Value == nil)
    #expect((BigInt(Int128.max) + 1).int128Value == nil)
  }

  @Test func hexAndBinaryOfTwosComplement() {
    #expect(BigInt(-1).hexDigits(width: 8) == "ff")
    #expect(BigInt(-1).hexDigits(width: 70) == "3fffffffffffffffff")
    #expect(BigInt(5).binaryDigits(width: 6) == "000101")
    #expect((-BigInt.powerOfTwo(100)).hexDigits(width: 101) == "10000000000000000000000000")
  }
}
