import FixedPoint
import NetlistIR
import Testing
import _TestSupport

/// The hardware ops `round` and `resize` (NetlistIR's `BitVector.roundedShift` and
/// `resized(to:overflow:)`) are FixedPoint's quantize on integer-aligned formats; random values
/// at widths across word boundaries must agree bit for bit.
@Suite struct NetlistIRAgreementTests {
  static let widths = [1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129]

  /// The BitVector's bits read with `signedness` as a code.
  static func code(_ v: BitVector, _ signedness: Signedness) -> BigInt {
    var value = BigInt(0)
    for (i, word) in v.words.enumerated() { value = value + (BigInt(word) << (64 * i)) }
    if signedness == .signed && v.msb { value = value - BigInt.powerOfTwo(v.width) }
    return value
  }

  @Test(arguments: widths)
  func roundedShiftMatchesQuantize(width: Int) {
    var rng = SeededRandom(seed: 0xA11CE ^ UInt64(width))
    let random = CounterRNG(seed: 5, stream: UInt64(width))
    for trial in 0..<200 {
      let x = RandomNetlists.edgyVector(width: width, using: &rng)
      let signedness: Signedness = rng.next() % 2 == 0 ? .signed : .unsigned
      let count = Int(rng.next() % UInt64(min(width, 64) + 2))
      let newWidth = 1 + Int(rng.next() % UInt64(width + 3))
      let mode = TestValues.pick(RoundingMode.allCases, &rng)
      let word = random.word(at: UInt64(trial))
      // The op's count-bit random operand: the word's top bits, or the word then zeros.
      let randomCode = count <= 64 ? BigInt(word) >> (64 - count) : BigInt(word) << (count - 64)
      let randomBits =
        count == 0
        ? nil : BitVector(hexDigits: Substring(randomCode.hexDigits(width: count)), width: count)
      let hardware = x.roundedShift(
        by: count, mode: mode, signedness, width: newWidth,
        random: mode == .stochastic ? randomBits : nil)
      let source = FixedFormat(signed: signedness == .signed, width: width, fractionBits: count)
      // The op keeps the low newWidth bits: WRAP into a signed target of that width.
      let target = FixedFormat(signed: true, width: newWidth, fractionBits: 0)
      let q = Fixed(code: Self.code(x, signedness), format: source).quantized(
        to: target, rounding: mode, overflow: .wrap, random: random, index: UInt64(trial))
      #expect(
        q.code.hexDigits(width: newWidth) == hardware.hexDigits,
        "round(\(count), \(mode), \(signedness)) of \(x) to \(newWidth) bits")
    }
  }

  @Test(arguments: widths)
  func resizeMatchesQuantize(width: Int) {
    var rng = SeededRandom(seed: 0xB0B ^ UInt64(width))
    for _ in 0..<200 {
      let x = RandomNetlists.edgyVector(width: width, using: &rng)
      let signedness: Signedness = rng.next() % 2 == 0 ? .signed : .unsigned
      let newWidth = 1 + Int(rng.next() % UInt64(width + 3))
      let modes =
        signedness == .signed
        ? OverflowMode.allCases : OverflowMode.allCases.filter { $0 != .wrapSM }
      let mode = TestValues.pick(modes, &rng)
      let hardware = x.resized(to: newWidth, overflow: mode, signedness)
      let source = FixedFormat(signed: signedness == .signed, width: width, fractionBits: 0)
      let target = FixedFormat(signed: signedness == .signed, width: newWidth, fractionBits: 0)
      let q = Fixed(code: Self.code(x, signedness), format: source).quantized(
        to: target, overflow: mode)
      #expect(
        q.code.hexDigits(width: newWidth) == hardware.hexDigits,
        "resize(\(mode), \(signedness)) of \(x) to \(newWidth) bits")
    }
  }
}
