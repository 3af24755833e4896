/// A shaped tensor of fixed-point codes: a ``FixedArray`` (one format, contiguous codes)
/// read in row-major order with a shape.
///
/// Element `(i0, i1, …, i(r−1))` is code number `((i0·d1 + i1)·d2 + …)` of ``array``. A rank-0
/// shape (`[]`) holds one element. Views that keep the element order (``reshaped(_:)``,
/// ``rows(_:)``) share or slice the codes; ``transposed()`` copies them.
///
/// Shapes are invariants of the caller's program, not user input: a shape whose element count
/// does not match the codes is a precondition failure.
public struct FixedTensor: Sendable, Equatable {
  /// The extent of each axis, outermost first.
  public let shape: [Int]
  /// The codes in row-major order, with the tensor's format.
  public let array: FixedArray

  /// A tensor of `shape` over `array` (whose count must be the product of `shape`).
  public init(shape: [Int], array: FixedArray) {
    precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
    precondition(
      FixedTensor.elementCount(shape) == array.count,
      "shape \(shape) does not hold \(array.count) elements")
    self.shape = shape
    self.array = array
  }

  /// A tensor of `shape` with the given codes (each in the format's range).
  public init(shape: [Int], codes: [Int64], format: FixedFormat) {
    self.init(shape: shape, array: FixedArray(codes: codes, format: format))
  }

  /// A tensor of `shape` filled with zeros.
  public init(zeros shape: [Int], format: FixedFormat) {
    self.init(
      shape: shape, array: FixedArray(zeros: FixedTensor.elementCount(shape), format: format))
  }

  /// The product of the extents (1 for rank 0).
  package static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

  /// The format of every element.
  public var format: FixedFormat { array.format }

  /// The number of elements.
  public var count: Int { array.count }

  /// The number of axes.
  public var rank: Int { shape.count }

  /// The codes as `Int64` when the format fits (``FixedFormat/fitsInt64``), else `nil`.
  public var int64Codes: [Int64]? { array.int64Codes }

  /// The code at a multi-index (one index per axis, each in range).
  public func code(at indices: [Int]) -> BigInt { array.code(at: flatIndex(indices)) }

  /// The position in ``array`` of a multi-index.
  package func flatIndex(_ indices: [Int]) -> Int {
    precondition(indices.count == rank, "\(indices.count) indices for a rank-\(rank) tensor")
    var flat = 0
    for (axis, index) in indices.enumerated() {
      precondition(index >= 0 && index < shape[axis], "index \(index) outside axis \(axis)")
      flat = flat * shape[axis] + index
    }
    return flat
  }

  /// The same codes read with another shape of the same element count.
  public func reshaped(_ newShape: [Int]) -> FixedTensor {
    FixedTensor(shape: newShape, array: array)
  }

  /// The elements whose first index lies in `range`, as a tensor of the same rank (a batch
  /// slice); the tensor must have rank ≥ 1.
  public func rows(_ range: Range<Int>) -> FixedTensor {
    precondition(rank >= 1, "rows of a rank-0 tensor")
    precondition(range.lowerBound >= 0 && range.upperBound <= shape[0], "rows \(range) outside")
    let rowSize = FixedTensor.elementCount(Array(shape.dropFirst()))
    let slice = array.slice(range.lowerBound * rowSize..<range.upperBound * rowSize)
    return FixedTensor(shape: [range.count] + shape.dropFirst(), array: slice)
  }

  /// Row `index` (the first index fixed), with one axis less.
  public func row(_ index: Int) -> FixedTensor {
    let r = rows(index..<index + 1)
    return r.reshaped(Array(shape.dropFirst()))
  }

  /// The transpose of a rank-2 tensor: shape `[c, r]` for shape `[r, c]`.
  public func transposed() -> FixedTensor {
    precondition(rank == 2, "transpose of a rank-\(rank) tensor")
    let r = shape[0]
    let c = shape[1]
    return FixedTensor(shape: [c, r], array: array.permuted(count) { (($0 % r) * c) + $0 / r })
  }

  /// Every element converted to `format` with the array quantize
  /// (``FixedArray/quantized(to:rounding:overflow:random:firstIndex:events:)``), adding what
  /// happened to `events`; element `i` (row-major) of a stochastic rounding uses word
  /// `firstIndex + i` of `random`.
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, firstIndex: UInt64 = 0, events: inout QuantizationEvents
  ) -> FixedTensor {
    FixedTensor(
      shape: shape,
      array: array.quantized(
        to: format, rounding: rounding, overflow: overflow, random: random,
        firstIndex: firstIndex, events: &events))
  }

  /// ``quantized(to:rounding:overflow:random:firstIndex:events:)`` without counting.
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, firstIndex: UInt64 = 0
  ) -> FixedTensor {
    var events = QuantizationEvents()
    return quantized(
      to: format, rounding: rounding, overflow: overflow, random: random,
      firstIndex: firstIndex, events: &events)
  }
}

extension FixedArray {
  /// The elements at positions `range`, in the same format.
  public func slice(_ range: Range<Int>) -> FixedArray {
    switch storage {
    case .int64(let codes):
      return FixedArray(trustedStorage: .int64(Array(codes[range])), format: format)
    case .int128(let codes):
      return FixedArray(trustedStorage: .int128(Array(codes[range])), format: format)
    case .big(let codes):
      return FixedArray(trustedStorage: .big(Array(codes[range])), format: format)
    }
  }

  /// `count` elements, element `i` taken from position `source(i)`.
  func permuted(_ count: Int, _ source: (Int) -> Int) -> FixedArray {
    switch storage {
    case .int64(let codes):
      return FixedArray(
        trustedStorage: .int64((0..<count).map { codes[source($0)] }), format: format)
    case .int128(let codes):
      return FixedArray(
        trustedStorage: .int128((0..<count).map { codes[source($0)] }), format: format)
    case .big(let codes):
      return FixedArray(trustedStorage: .big((0..<count).map { codes[source($0)] }), format: format)
    }
  }
}
