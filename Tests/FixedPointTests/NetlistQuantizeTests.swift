import FixedPoint
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

/// The bridge between codes and ``BitVector`` and the netlist `quantize` builder: the circuit
/// it builds, run by the reference interpreter, must reproduce ``Fixed/quantized(to:rounding:overflow:random:index:)``
/// bit for bit for every mode pair, random formats and widths across word boundaries.
@Suite struct NetlistQuantizeTests {
  static let widths = [1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129]

  @Test(arguments: widths)
  func bridgeRoundTrips(width: Int) {
    var rng = SeededRandom(seed: 0xB41D ^ UInt64(width))
    for signed in [true, false] {
      let format = FixedFormat(signed: signed, width: width, fractionBits: 3)
      for _ in 0..<100 {
        let code = TestValues.randomCode(format, &rng)
        let bits = BitVector(code: code, width: width)
        #expect(bits.width == width)
        #expect(bits.code(format.signedness) == code, "\(code) in \(format)")
        #expect(bits.fixed(format).isIdentical(to: Fixed(code: code, format: format)))
        #expect(BitVector(Fixed(code: code, format: format)) == bits)
        // Two's complement: the bits of a negative code are those of code + 2^width.
        let unsignedCode = code.isNegative ? code + BigInt.powerOfTwo(width) : code
        #expect(bits.code(.unsigned) == unsignedCode)
      }
    }
    #expect(BitVector(code: -1, width: width) == BitVector.ones(width: width))
  }

  @Test func arrayBridgeRoundTrips() {
    let format = FixedFormat(signed: true, width: 70, fractionBits: 9)
    var rng = SeededRandom(seed: 4)
    let array = FixedArray(
      codes: (0..<20).map { _ in TestValues.randomCode(format, &rng) }, format: format)
    #expect(FixedArray(bitVectors: array.bitVectors, format: format) == array)
  }

  /// A random format: width from ``widths`` (or small), random signedness and binary point.
  static func format(_ rng: inout SeededRandom) -> FixedFormat {
    let width = rng.next() % 2 == 0 ? 1 + Int(rng.next() % 12) : TestValues.pick(widths, &rng)
    let fraction = Int(rng.next() % UInt64(width + 80)) - 40
    return FixedFormat(signed: rng.next() % 3 != 0, width: width, fractionBits: fraction)
  }

  @Test func quantizeCircuitMatchesFixedPoint() throws {
    var rng = SeededRandom(seed: 0x0_9A4_7)
    let random = CounterRNG(seed: 11, stream: 3)
    for trial in 0..<300 {
      let source = Self.format(&rng)
      var target = Self.format(&rng)
      if trial % 4 == 0 {
        // Nearby binary points, where rounding and overflow interact most.
        target = FixedFormat(
          signed: target.isSigned, width: target.width,
          fractionBits: source.fractionBits - Int(rng.next() % 5) + 2)
      }
      let rounding = TestValues.pick(RoundingMode.allCases, &rng)
      let modes =
        target.isSigned
        ? OverflowMode.allCases
        : OverflowMode.allCases.filter {
          $0 != .wrapSM
        }
      let overflow = TestValues.pick(modes, &rng)
      let shift = source.fractionBits - target.fractionBits
      let stochastic = rounding == .stochastic && shift > 0
      var netlist = Netlist(name: "q")
      let x = netlist.input("x", width: source.width)
      let r = stochastic ? netlist.input("r", width: shift) : nil
      netlist.output(
        "y",
        netlist.quantize(
          x, from: source, to: target, rounding: rounding, overflow: overflow, random: r))
      let interpreter = try ReferenceInterpreter(netlist)
      var vectors: [[BitVector]] = []
      var expected: [BitVector] = []
      for index in 0..<24 {
        let code = TestValues.randomCode(source, &rng)
        let word = random.word(at: UInt64(index))
        var inputs = [BitVector(code: code, width: source.width)]
        if stochastic {
          let randomCode = shift <= 64 ? BigInt(word) >> (64 - shift) : BigInt(word) << (shift - 64)
          inputs.append(BitVector(code: randomCode, width: shift))
        }
        vectors.append(inputs)
        let q = Fixed(code: code, format: source).quantized(
          to: target, rounding: rounding, overflow: overflow, random: random,
          index: UInt64(index))
        expected.append(BitVector(q))
      }
      let outputs = try interpreter.run(vectors).map { $0[0] }
      #expect(
        outputs == expected,
        "trial \(trial): \(source) → \(target) \(rounding) \(overflow)")
    }
  }
}
