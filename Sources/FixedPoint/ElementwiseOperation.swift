/// The exact element-wise operations of ``FixedArray``: native loops when the result format
/// fits `Int64` or `Int128`, ``BigInt`` otherwise.
enum ElementwiseOperation {
  case sum, difference, product

  /// The exact result format for operands in `a` and `b`.
  func format(_ a: FixedFormat, _ b: FixedFormat) -> FixedFormat {
    switch self {
    case .sum: return FixedFormat.sum(a, b)
    case .difference: return FixedFormat.difference(a, b)
    case .product: return FixedFormat.product(a, b)
    }
  }

  /// The operation applied to every pair, in a new array.
  func result(_ a: FixedArray, _ b: FixedArray) -> FixedArray {
    let format = self.format(a.format, b.format)
    var nothing = FixedArray.Storage.int64([])
    return FixedArray(trustedStorage: storage(a, b, format, reusing: &nothing), format: format)
  }

  /// The operation applied to every pair, written into `result`.
  func write(_ a: FixedArray, _ b: FixedArray, into result: inout FixedArray) {
    let format = self.format(a.format, b.format)
    precondition(
      result.format == format, "the result of this operation is \(format), not \(result.format)")
    precondition(result.count == a.count, "element-wise result of a different length")
    var reuse = result.storage
    result.storage = .int64([])
    result.storage = storage(a, b, format, reusing: &reuse)
  }

  /// The results in `format`'s storage; `reuse` lends its buffer when it fits.
  private func storage(
    _ a: FixedArray, _ b: FixedArray, _ format: FixedFormat,
    reusing reuse: inout FixedArray.Storage
  ) -> FixedArray.Storage {
    precondition(a.count == b.count, "element-wise operation on arrays of different lengths")
    // Operand codes aligned to the result's binary point (sums and differences): the aligned
    // operands and the exact result lie in the result range, which fits the word.
    let shiftA = self == .product ? 0 : format.fractionBits - a.format.fractionBits
    let shiftB = self == .product ? 0 : format.fractionBits - b.format.fractionBits
    switch (FixedArray.Tier(format), a.storage, b.storage) {
    case (.int64, .int64(let x), .int64(let y)):
      var old = FixedArray.take(int64: &reuse)
      return .int64(
        FixedArray.filled(a.count, reusing: &old) { out in
          run(x, y, out, Int64(shiftA), Int64(shiftB))
        })
    case (.int128, .int64(let x), .int64(let y)):
      return .int128(wide(x, y, shiftA, shiftB, &reuse))
    case (.int128, .int64(let x), .int128(let y)):
      return .int128(wide(x, y, shiftA, shiftB, &reuse))
    case (.int128, .int128(let x), .int64(let y)):
      return .int128(wide(x, y, shiftA, shiftB, &reuse))
    case (.int128, .int128(let x), .int128(let y)):
      return .int128(wide(x, y, shiftA, shiftB, &reuse))
    default:
      let codes = (0..<a.count).map { i in
        let x = a.code(at: i) << shiftA
        let y = b.code(at: i) << shiftB
        switch self {
        case .sum: return x + y
        case .difference: return x - y
        case .product: return x * y
        }
      }
      return FixedArray(trustedCodes: codes, format: format).storage
    }
  }

  /// The `Int128` results of operands stored as `A` and `B` words.
  private func wide<A: KernelWord, B: KernelWord>(
    _ x: [A], _ y: [B], _ shiftA: Int, _ shiftB: Int, _ reuse: inout FixedArray.Storage
  ) -> [Int128] {
    var old = FixedArray.take(int128: &reuse)
    return FixedArray.filled(x.count, reusing: &old) { out in
      run(x, y, out, Int128(shiftA), Int128(shiftB))
    }
  }

  /// `out[i] = (x[i] << sa) op (y[i] << sb)` in word type `W` (products ignore the shifts);
  /// the caller guarantees nothing overflows `W`.
  @inline(__always)
  private func run<A: KernelWord, B: KernelWord, W: KernelWord>(
    _ x: [A], _ y: [B], _ out: UnsafeMutableBufferPointer<W>, _ sa: W, _ sb: W
  ) {
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        switch self {
        case .sum:
          for i in 0..<x.count {
            out[i] = (W(truncatingIfNeeded: x[i]) &<< sa) &+ (W(truncatingIfNeeded: y[i]) &<< sb)
          }
        case .difference:
          for i in 0..<x.count {
            out[i] = (W(truncatingIfNeeded: x[i]) &<< sa) &- (W(truncatingIfNeeded: y[i]) &<< sb)
          }
        case .product:
          for i in 0..<x.count {
            out[i] = W(truncatingIfNeeded: x[i]) &* W(truncatingIfNeeded: y[i])
          }
        }
      }
    }
  }
}
