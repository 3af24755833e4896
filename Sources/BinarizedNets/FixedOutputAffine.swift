/// The per-class output affine of a net in exact integers: the class scores of a net with an
/// ``OutputAffine`` are `S_c = A_c·dot_c + B_c`, the real scores
/// `scale[c]·dot_c + offset[c]` times `2^E` (docs/binarized.md, "Output layer").
///
/// Every finite float32 is `m·2^q` with an odd integer `m` (|m| < 2^24) or zero. `E` is the
/// largest `−q` over the non-zero parameters (0 when all are zero), so `A_c = scale[c]·2^E`
/// and `B_c = offset[c]·2^E` are integers and at least one of them is odd. Scaling by the
/// positive `2^E` keeps the order of the scores, and equal real scores are equal integers:
/// the argmax (ties to the lowest class) is decided exactly. A net is rejected when a score
/// could reach 2^62 (see ``init(_:dotBounds:)``), so the scores, and every product and sum
/// computing them, fit a Swift `Int`; the signed score ports are ``scoreWidth`` ≤ 63 bits.
public struct FixedOutputAffine: Hashable, Sendable {
  /// The largest |score| is below `2^magnitudeBits`.
  public static let magnitudeBits = 62

  /// `E`: the integer scores are the real ones times `2^E` (may be negative when every
  /// parameter is a multiple of a power of two).
  public let exponent: Int
  /// `A_c = scale[c]·2^E`.
  public let factors: [Int]
  /// `B_c = offset[c]·2^E`.
  public let offsets: [Int]
  /// The largest `|S_c|` over the classes and their dot ranges: `max_c |A_c|·D_c + |B_c|`.
  public let bound: Int

  /// The exact form of `affine` for class dots bounded by `dotBounds` (|dot_c| ≤ D_c).
  /// Throws, naming the field, when the counts differ from the classes or when a score
  /// could reach 2^62 (a huge spread of exponents, e.g. 2^−149 next to 2^20, or huge
  /// factors times long dot products).
  public init(_ affine: OutputAffine, dotBounds: [Int]) throws(BinarizedNetError) {
    let k = dotBounds.count
    guard affine.scale.count == k else {
      throw .file("field 'output.scale': \(affine.scale.count) entries, expected \(k) (classes)")
    }
    let fields =
      affine.scale.indices.map { ("output.scale[\($0)]", affine.scale[$0]) }
      + affine.offset.indices.map { ("output.offset[\($0)]", affine.offset[$0]) }
    let parts = fields.map { Self.dyadic($0.1) }
    let nonzero = parts.filter { $0.odd != 0 }
    let e = nonzero.map { -$0.exponent }.max() ?? 0
    let low = nonzero.map(\.exponent).min() ?? 0
    let high = nonzero.map { $0.exponent + Self.bitLength($0.odd.magnitude) - 1 }.max() ?? 0
    let tooWide =
      "exact integer scores would reach 2^\(Self.magnitudeBits) (the parameters "
      + "span 2^\(low)...2^\(high) and the dot products reach "
      + "\(dotBounds.max() ?? 0))"
    var integers: [Int] = []
    for ((path, _), part) in zip(fields, parts) {
      let shift = part.exponent + e
      guard part.odd == 0 || Self.bitLength(part.odd.magnitude) + shift <= Self.magnitudeBits
      else { throw .file("field '\(path)': \(tooWide)") }
      integers.append(part.odd == 0 ? 0 : part.odd << shift)
    }
    let factors = Array(integers[0..<k])
    let offsets = Array(integers[k...])
    var bound = 0
    for c in 0..<k {
      let (product, overflow) = factors[c].magnitude.multipliedReportingOverflow(
        by: UInt(dotBounds[c]))
      let total = product.addingReportingOverflow(offsets[c].magnitude)
      guard !overflow, !total.overflow, total.partialValue < 1 << Self.magnitudeBits else {
        let path = overflow || product >= offsets[c].magnitude ? "scale" : "offset"
        throw .file("field 'output.\(path)[\(c)]': \(tooWide)")
      }
      bound = max(bound, Int(total.partialValue))
    }
    exponent = e
    self.factors = factors
    self.offsets = offsets
    self.bound = bound
  }

  /// The width of the signed score ports: `bitLength(bound) + 1` (bitLength(0) = 1).
  public var scoreWidth: Int { Self.bitLength(UInt(bound)) + 1 }

  /// `S_c = A_c·dot + B_c` (cannot overflow for |dot| ≤ D_c).
  public func score(_ c: Int, dot: Int) -> Int { factors[c] * dot + offsets[c] }

  /// The scores of class dots laid out sample-major (`dots[s·classes + c]`).
  public func scores(ofDots dots: [Int]) -> [Int] {
    let k = factors.count
    return dots.indices.map { score($0 % k, dot: dots[$0]) }
  }

  /// `x = odd·2^exponent` with `odd` odd, or `odd = 0` for zero (either sign).
  static func dyadic(_ x: Float) -> (odd: Int, exponent: Int) {
    if x == 0 { return (0, 0) }
    var m = Int(x.significandBitPattern) | (x.isNormal ? 1 << 23 : 0)
    var q = x.isNormal ? Int(x.exponent) - 23 : -149
    let zeros = m.trailingZeroBitCount
    m >>= zeros
    q += zeros
    return (x.sign == .minus ? -m : m, q)
  }

  /// Bits needed for `n` (bitLength(0) = 1).
  static func bitLength(_ n: UInt) -> Int { n == 0 ? 1 : UInt.bitWidth - n.leadingZeroBitCount }
}

extension BinarizedNet {
  /// The largest |dot| of each class (each neuron of the last layer).
  public var classDotBounds: [Int] {
    let l = layers.count - 1
    let m = inputMagnitude(layer: l)
    return (0..<classes).map { o in layers[l].row(o).reduce(0) { $0 + abs(Int($1)) } * m }
  }
}

extension FixedOutputAffine {
  /// The exact form of `net`'s output affine, or `nil` when it has none; validates it
  /// against the net (called by the net's initialiser).
  static func of(_ net: BinarizedNet) throws(BinarizedNetError) -> FixedOutputAffine? {
    guard let affine = net.outputAffine else { return nil }
    return try FixedOutputAffine(affine, dotBounds: net.classDotBounds)
  }
}
