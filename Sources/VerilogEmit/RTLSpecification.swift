import NetlistIR

/// The Swift functions that specify the `rtl/` primitives without a netlist op of their own
/// (``RTLPrimitive/specification``). Written for clarity, bit by bit; Cosim checks each
/// primitive against them.
package enum RTLSpecification {
  /// The number of one bits of `x`, modulo `2^width` (`popcount`).
  package static func popcount(_ x: BitVector, width: Int) -> BitVector {
    BitVector(width: width, truncating: UInt64(x.popcount))
  }

  /// The number of positions where `a` and `w` agree, modulo `2^width` (`xnor_popcount`).
  package static func xnorPopcount(_ a: BitVector, _ w: BitVector, width: Int) -> BitVector {
    precondition(a.width == w.width, "xnor_popcount operands differ in width")
    let agreements = (0..<a.width).filter { a[bit: $0] == w[bit: $0] }.count
    return BitVector(width: width, truncating: UInt64(agreements))
  }

  /// One bit: `x >= t`, or `x <= t` when `flip` (`threshold_compare`).
  package static func thresholdCompare(
    _ x: BitVector, _ t: BitVector, signed: Bool, flip: Bool
  ) -> BitVector {
    let order = BitVector.compare(x, t, signed ? .signed : .unsigned)
    let holds = flip ? order <= 0 : order >= 0
    return BitVector(width: 1, truncating: holds ? 1 : 0 as UInt64)
  }

  /// The index of the largest value, the lowest index winning ties (`argmax`).
  package static func argmax(_ values: [BitVector], signed: Bool) -> Int {
    precondition(!values.isEmpty, "argmax of no values")
    var best = 0
    for i in values.indices.dropFirst()
    where BitVector.compare(values[i], values[best], signed ? .signed : .unsigned) > 0 {
      best = i
    }
    return best
  }

  /// The width of `argmax`'s index for `count` values: ⌈log2 count⌉, at least 1.
  package static func argmaxIndexWidth(_ count: Int) -> Int {
    max(1, Netlist.bitLength(count - 1))
  }
}
