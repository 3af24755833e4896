import FixedPoint
import Testing
import _TestSupport

/// The declared-width accumulator kernels (dot, the three matrix products, 3×3 convolution)
/// on every kernel path against ``AccumulatorReference``: random shapes, operand formats,
/// accumulator widths (2…64, some up to 128) and both overflow modes, biased toward
/// accumulations that overflow.
@Suite struct AccumulatorKernelTests {
  static let paths = AccumulatorKernelPath.allCases.filter(\.isAvailable)

  /// A random tensor of `shape` in `format` (edge-biased codes).
  static func tensor(_ shape: [Int], _ format: FixedFormat, _ rng: inout SeededRandom)
    -> FixedTensor
  {
    let codes = (0..<FixedTensor.elementCount(shape)).map { _ in
      TestValues.randomCode(format, &rng).int64Value!
    }
    return FixedTensor(shape: shape, codes: codes, format: format)
  }

  /// An operand format of 1…`maxWidth` bits, signed three times in four.
  static func operandFormat(_ maxWidth: Int, _ rng: inout SeededRandom) -> FixedFormat {
    let width = 1 + Int(rng.next() % UInt64(maxWidth))
    let signed = rng.next() % 4 != 0 || width == 64
    return FixedFormat(signed: signed, width: width, fractionBits: Int(rng.next() % 9) - 2)
  }

  /// A random accumulator: mostly narrow (so sums overflow), sometimes 65…128 bits.
  static func accumulator(_ rng: inout SeededRandom) -> Accumulator {
    let width = rng.next() % 8 == 0 ? 65 + Int(rng.next() % 64) : 2 + Int(rng.next() % 63)
    let overflow = AccumulatorOverflow.allCases[Int(rng.next() % 2)]
    return Accumulator(width: width, overflow: overflow)
  }

  /// The reference result of `Σ_k a(i, k)·b(k, j)` for every `(i, j)`, `k` increasing.
  static func referenceProduct(
    m: Int, k: Int, n: Int, _ a: (Int, Int) -> BigInt, _ b: (Int, Int) -> BigInt,
    _ model: inout AccumulatorReference
  ) -> [BigInt] {
    var out: [BigInt] = []
    for i in 0..<m {
      for j in 0..<n { out.append(model.accumulate((0..<k).map { a(i, $0) * b($0, j) })) }
    }
    return out
  }

  @Test(arguments: MatrixProductForm.allCases)
  func matrixProductsMatchReference(form: MatrixProductForm) {
    var rng = SeededRandom(
      seed: 0x5EED_0001 ^ UInt64(MatrixProductForm.allCases.firstIndex(of: form)!))
    for trial in 0..<60 {
      let (m, k, n) = (1 + Int(rng.next() % 9), Int(rng.next() % 40), 1 + Int(rng.next() % 21))
      let maxWidth = trial % 5 == 0 ? 40 : 12
      let fa = Self.operandFormat(maxWidth, &rng)
      let fb = Self.operandFormat(maxWidth, &rng)
      let accumulator = Self.accumulator(&rng)
      let aShape = form == .aTransposedB ? [k, m] : [m, k]
      let bShape = form == .aBTransposed ? [n, k] : [k, n]
      let a = Self.tensor(aShape, fa, &rng)
      let b = Self.tensor(bShape, fb, &rng)
      var model = AccumulatorReference(accumulator)
      let expected = Self.referenceProduct(
        m: m, k: k, n: n,
        { i, kk in form == .aTransposedB ? a.code(at: [kk, i]) : a.code(at: [i, kk]) },
        { kk, j in form == .aBTransposed ? b.code(at: [j, kk]) : b.code(at: [kk, j]) },
        &model)
      for path in Self.paths {
        var events = AccumulatorEvents()
        let c = FixedTensor.matrixProduct(
          a, b, form: form, accumulator: accumulator, path: path, events: &events)
        let context = "trial \(trial) \(path) \(accumulator) \(fa)×\(fb) \(m)×\(k)×\(n)"
        #expect(c.shape == [m, n], "\(context)")
        #expect(c.format == accumulator.format(fractionBits: fa.fractionBits + fb.fractionBits))
        #expect(c.array.codes == expected, "\(context)")
        #expect(events == model.events, "\(context): \(events) vs \(model.events)")
      }
    }
  }

  @Test func overflowingAccumulationsAreCounted() {
    // 8-bit × 8-bit products into narrow accumulators overflow; 24 bits hold any 50 terms.
    var rng = SeededRandom(seed: 77)
    let s8 = FixedFormat(signed: true, width: 8, fractionBits: 7)
    let a = Self.tensor([13, 50], s8, &rng)
    let b = Self.tensor([50, 19], s8, &rng)
    for width in [2, 9, 12, 24] {
      for overflow in AccumulatorOverflow.allCases {
        let accumulator = Accumulator(width: width, overflow: overflow)
        var model = AccumulatorReference(accumulator)
        let expected = Self.referenceProduct(
          m: 13, k: 50, n: 19, { a.code(at: [$0, $1]) }, { b.code(at: [$0, $1]) }, &model)
        #expect((model.events.overflows > 0) == (width < 24))
        for path in Self.paths {
          var events = AccumulatorEvents()
          let c = FixedTensor.matrixProduct(
            a, b, accumulator: accumulator, path: path, events: &events)
          #expect(c.array.codes == expected, "\(path) \(accumulator)")
          #expect(events == model.events, "\(path) \(accumulator)")
        }
      }
    }
  }

  @Test func dotMatchesReference() {
    var rng = SeededRandom(seed: 0xD07)
    for trial in 0..<200 {
      let count = Int(rng.next() % 70)
      let fa = Self.operandFormat(trial % 4 == 0 ? 64 : 16, &rng)
      let fb = Self.operandFormat(trial % 4 == 0 ? 64 : 16, &rng)
      let accumulator = Self.accumulator(&rng)
      let a = Self.tensor([count], fa, &rng)
      let b = Self.tensor([count], fb, &rng)
      var model = AccumulatorReference(accumulator)
      let expected = model.accumulate((0..<count).map { a.code(at: [$0]) * b.code(at: [$0]) })
      for path in Self.paths {
        var events = AccumulatorEvents()
        let d = FixedTensor.dot(a, b, accumulator: accumulator, path: path, events: &events)
        #expect(d.code == expected, "trial \(trial) \(path) \(accumulator) \(fa) \(fb)")
        #expect(events == model.events, "trial \(trial) \(path) \(accumulator)")
      }
    }
  }

  @Test func convolutionMatchesReference() {
    var rng = SeededRandom(seed: 0xC0DE)
    for trial in 0..<30 {
      let (n, c, o) = (1 + Int(rng.next() % 2), 1 + Int(rng.next() % 3), 1 + Int(rng.next() % 4))
      let stride = 1 + Int(rng.next() % 2)
      let padding = Int(rng.next() % 2)
      let h = 3 - 2 * padding + Int(rng.next() % 6)
      let w = 3 - 2 * padding + Int(rng.next() % 6)
      let fa = Self.operandFormat(10, &rng)
      let fb = Self.operandFormat(10, &rng)
      let accumulator = Self.accumulator(&rng)
      let input = Self.tensor([n, c, h, w], fa, &rng)
      let weights = Self.tensor([o, c, 3, 3], fb, &rng)
      let outH = (h + 2 * padding - 3) / stride + 1
      let outW = (w + 2 * padding - 3) / stride + 1
      var model = AccumulatorReference(accumulator)
      var expected: [BigInt] = []
      for image in 0..<n {
        for out in 0..<o {
          for y in 0..<outH {
            for x in 0..<outW {
              var terms: [BigInt] = []
              for ch in 0..<c {
                for u in 0..<3 {
                  for v in 0..<3 {
                    let (sy, sx) = (y * stride + u - padding, x * stride + v - padding)
                    let inside = sy >= 0 && sy < h && sx >= 0 && sx < w
                    let pixel = inside ? input.code(at: [image, ch, sy, sx]) : BigInt(0)
                    terms.append(pixel * weights.code(at: [out, ch, u, v]))
                  }
                }
              }
              expected.append(model.accumulate(terms))
            }
          }
        }
      }
      for path in Self.paths {
        var events = AccumulatorEvents()
        let y = FixedTensor.convolution3x3(
          input, weights, stride: stride, padding: padding, accumulator: accumulator,
          path: path, events: &events)
        let context = "trial \(trial) \(path) \(accumulator) \(input.shape) s\(stride) p\(padding)"
        #expect(y.shape == [n, o, outH, outW], "\(context)")
        #expect(y.array.codes == expected, "\(context)")
        #expect(events == model.events, "\(context)")
      }
    }
  }

  @Test func saturationDependsOnTheDocumentedOrder() {
    // 4-bit accumulator (−8…7): 7 + 7 saturates to 7, then −7 gives 0; the other order gives
    // −7 + 7 + 7 = 7 with no saturation.
    let s4 = FixedFormat(signed: true, width: 4, fractionBits: 0)
    let ones = FixedTensor(shape: [3], codes: [1, 1, 1], format: s4)
    let accumulator = Accumulator(width: 4, overflow: .saturate)
    for path in Self.paths {
      var events = AccumulatorEvents()
      let forward = FixedTensor.dot(
        FixedTensor(shape: [3], codes: [7, 7, -7], format: s4), ones, accumulator: accumulator,
        path: path, events: &events)
      #expect(forward.code == 0 && events.saturations == 1 && events.maxBitLength == 5)
      var other = AccumulatorEvents()
      let reordered = FixedTensor.dot(
        FixedTensor(shape: [3], codes: [-7, 7, 7], format: s4), ones, accumulator: accumulator,
        path: path, events: &other)
      #expect(reordered.code == 7 && other.overflows == 0 && other.maxBitLength == 4)
    }
  }

  @Test func threadCountDoesNotChangeResults() {
    var rng = SeededRandom(seed: 0x7_4EAD)
    for trial in 0..<20 {
      let (m, k, n) = (1 + Int(rng.next() % 30), 1 + Int(rng.next() % 60), 1 + Int(rng.next() % 20))
      let fa = Self.operandFormat(trial % 2 == 0 ? 40 : 10, &rng)
      let fb = Self.operandFormat(10, &rng)
      let accumulator = Self.accumulator(&rng)
      let a = Self.tensor([m, k], fa, &rng)
      let b = Self.tensor([k, n], fb, &rng)
      let input = Self.tensor([2, 2, 6, 5], fa, &rng)
      let weights = Self.tensor([m, 2, 3, 3], fb, &rng)
      for path in [AccumulatorKernelPath.automatic, .swift] {
        var single = AccumulatorEvents()
        let one = FixedTensor.matrixProduct(
          a, b, accumulator: accumulator, path: path, events: &single)
        var convSingle = AccumulatorEvents()
        let conv = FixedTensor.convolution3x3(
          input, weights, padding: 1, accumulator: accumulator, path: path, events: &convSingle)
        for threads in [2, 3, 7] {
          var events = AccumulatorEvents()
          let many = FixedTensor.matrixProduct(
            a, b, accumulator: accumulator, path: path, threads: threads, events: &events)
          #expect(many == one && events == single, "trial \(trial) \(path) \(threads) threads")
          var convEvents = AccumulatorEvents()
          let convMany = FixedTensor.convolution3x3(
            input, weights, padding: 1, accumulator: accumulator, path: path, threads: threads,
            events: &convEvents)
          #expect(convMany == conv && convEvents == convSingle, "trial \(trial) conv \(threads)")
        }
      }
    }
  }

  @Test func wordSizedAccumulatorsOverflowExactly() {
    // Around 32 bits: sums that leave a 32-bit word (the AVX-512 32-bit lanes detect them as
    // word overflows) and narrower ranges with products of 30 to 32 bits.
    var rng = SeededRandom(seed: 0x3_2B17)
    let s16 = FixedFormat(signed: true, width: 16, fractionBits: 0)
    let s15 = FixedFormat(signed: true, width: 15, fractionBits: 3)
    for (fa, fb) in [(s16, s16), (s15, s16), (s15, s15)] {
      let a = Self.tensor([9, 64], fa, &rng)
      let b = Self.tensor([64, 37], fb, &rng)
      for width in [30, 31, 32, 33] {
        for overflow in AccumulatorOverflow.allCases {
          let accumulator = Accumulator(width: width, overflow: overflow)
          var model = AccumulatorReference(accumulator)
          let expected = Self.referenceProduct(
            m: 9, k: 64, n: 37, { a.code(at: [$0, $1]) }, { b.code(at: [$0, $1]) }, &model)
          // Random sums of 64 products of 29 bits rarely leave 33 bits; every other case overflows.
          if width < 33 || fa == s16 {
            #expect(model.events.overflows > 0, "\(fa) \(fb) \(accumulator)")
          }
          for path in Self.paths {
            var events = AccumulatorEvents()
            let c = FixedTensor.matrixProduct(
              a, b, accumulator: accumulator, path: path, events: &events)
            #expect(c.array.codes == expected, "\(path) \(fa) \(fb) \(accumulator)")
            #expect(events == model.events, "\(path) \(fa) \(fb) \(accumulator)")
          }
        }
      }
    }
  }

  @Test func sixteenBitOperandsInThirtyTwoBitSumsMatchReference() {
    // 16-bit operands (up to ±32768) whose sums provably fit 32 bits take the unchecked
    // 32-bit tiles, on either side of the product: large magnitudes on one side, 8-bit on the
    // other, so that up to 500 products still fit; the widest partial sum must be exact.
    var rng = SeededRandom(seed: 0x16_B175)
    let s16 = FixedFormat(signed: true, width: 16, fractionBits: 0)
    let s8 = FixedFormat(signed: true, width: 8, fractionBits: 0)
    for trial in 0..<24 {
      let (m, k, n) = (1 + Int(rng.next() % 9), 1 + Int(rng.next() % 500), 1 + Int(rng.next() % 70))
      let edge: Int64 = trial % 4 == 3 ? -32768 : 32767
      let wide = (0..<(m * k)).map { _ -> Int64 in
        switch rng.next() % 8 {
        case 0: edge
        case 1: -32767
        default: Int64(rng.next() % 65535) - 32767
        }
      }
      let narrow = (0..<(k * n)).map { _ in
        rng.next() % 5 == 0 ? -127 : Int64(rng.next() % 255) - 127
      }
      let a = FixedTensor(shape: [m, k], codes: wide, format: s16)
      let b = FixedTensor(shape: [k, n], codes: narrow, format: s8)
      for accumulator in [
        Accumulator(width: 40, overflow: .wrap), Accumulator(width: 33, overflow: .saturate),
      ] {
        var model = AccumulatorReference(accumulator)
        let expected = Self.referenceProduct(
          m: m, k: k, n: n, { a.code(at: [$0, $1]) }, { b.code(at: [$0, $1]) }, &model)
        for path in Self.paths {
          for (left, right, transposed) in [(a, b, false), (b.transposed(), a.transposed(), true)] {
            var events = AccumulatorEvents()
            let c = FixedTensor.matrixProduct(
              left, right, accumulator: accumulator, path: path, events: &events)
            let codes = transposed ? c.transposed().array.codes : c.array.codes
            let context = "trial \(trial) \(path) \(accumulator) \(m)×\(k)×\(n) \(transposed)"
            #expect(codes == expected, "\(context)")
            #expect(events == model.events, "\(context): \(events) vs \(model.events)")
          }
        }
      }
    }
  }

  @Test func patchesTurnConvolutionsIntoMatrixProducts() {
    var rng = SeededRandom(seed: 0x9A7C)
    let s8 = FixedFormat(signed: true, width: 8, fractionBits: 7)
    let u8 = FixedFormat(signed: false, width: 8, fractionBits: 8)
    let input = Self.tensor([3, 2, 7, 6], u8, &rng)
    let weights = Self.tensor([5, 2, 3, 3], s8, &rng)
    let accumulator = Accumulator(width: 18, overflow: .saturate)
    for (stride, padding) in [(1, 0), (1, 1), (2, 1)] {
      let patches = FixedTensor.patches3x3(input, stride: stride, padding: padding)
      var convEvents = AccumulatorEvents()
      let conv = FixedTensor.convolution3x3(
        input, weights, stride: stride, padding: padding, accumulator: accumulator,
        events: &convEvents)
      let (outH, outW) = (conv.shape[2], conv.shape[3])
      #expect(patches.shape == [18, 3 * outH * outW])
      var events = AccumulatorEvents()
      let product = FixedTensor.matrixProduct(
        weights.reshaped([5, 18]), patches, accumulator: accumulator, events: &events)
      #expect(events == convEvents, "stride \(stride) padding \(padding)")
      for image in 0..<3 {
        for o in 0..<5 {
          for y in 0..<outH {
            for x in 0..<outW {
              let column = (image * outH + y) * outW + x
              #expect(product.code(at: [o, column]) == conv.code(at: [image, o, y, x]))
            }
          }
        }
      }
      // One patch entry against the definition: channel 1, tap (2, 0), image 2, output (1, 1).
      let (sy, sx) = (stride + 2 - padding, stride - padding)
      let expected = sx >= 0 ? input.code(at: [2, 1, sy, sx]) : BigInt(0)
      #expect(patches.code(at: [9 + 6, (2 * outH + 1) * outW + 1]) == expected)
    }
  }
}
