import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// The exact output affine `S_c = A_c·dot_c + B_c` on the class dots, in `width`-bit
  /// two's complement (``BinarizedNets/FixedOutputAffine``): each dot is sign-extended (or
  /// wrapped) to `width` bits, multiplied by the constant `A_c` as shifts and adds of its
  /// canonical signed-digit form (no two adjacent non-zero digits, so at most
  /// ⌈(bits + 1)/2⌉ terms), and `B_c` joins the terms as a constant. All arithmetic is modulo
  /// 2^width: the true scores fit `width` signed bits, so wrapped partial sums (and a dot
  /// wrapped to `width` bits) still give them exactly.
  static func affineScores(
    _ dots: [NodeID], _ affine: FixedOutputAffine, width: Int, in n: inout Netlist
  ) -> [NodeID] {
    dots.enumerated().map { c, dot in
      let x = n.extend(dot, to: width, .signed)
      var positive: [NodeID] = []
      var negative: [NodeID] = []
      // A digit at or above `width` adds a multiple of 2^width: nothing (its dot is 0).
      for (shift, digit) in signedDigits(affine.factors[c]) where shift < width {
        let term = shift == 0 ? x : n.shiftLeft(x, by: shift)
        if digit > 0 { positive.append(term) } else { negative.append(term) }
      }
      let b = affine.offsets[c]
      if b > 0 { positive.append(n.constant(b, width: width)) }
      if b < 0 { negative.append(n.constant(Int(b.magnitude), width: width)) }
      let plus = adderTree(positive, width: width, in: &n)
      guard !negative.isEmpty else { return plus }
      return n.sub(plus, adderTree(negative, width: width, in: &n), .signed, width: width)
    }
  }

  /// The canonical signed-digit form of `a`: `a = Σ digit·2^shift` with digits ±1, no two
  /// at adjacent shifts (empty for 0).
  static func signedDigits(_ a: Int) -> [(shift: Int, digit: Int)] {
    var digits: [(shift: Int, digit: Int)] = []
    var rest = a
    var shift = 0
    while rest != 0 {
      if rest & 1 != 0 {
        // rest ≡ 1 (mod 4) takes +1, rest ≡ 3 (mod 4) takes −1: the rest becomes ≡ 0 (mod 4).
        let digit = rest & 3 == 1 ? 1 : -1
        digits.append((shift, digit))
        rest -= digit
      }
      rest >>= 1
      shift += 1
    }
    return digits
  }
}
