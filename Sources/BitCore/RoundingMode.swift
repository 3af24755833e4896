/// How a value that lies between two representable codes is turned into one of them.
///
/// The names and meanings are those of Vivado HLS `ap_fixed` quantization modes, plus a
/// seeded stochastic mode. "Half" cases are ties: the dropped part is exactly one half of the
/// last kept bit.
///
/// | mode | rule |
/// |---|---|
/// | `TRN` | toward −∞ (drop the bits) |
/// | `TRN_ZERO` | toward zero |
/// | `RND` | nearest, ties toward +∞ |
/// | `RND_ZERO` | nearest, ties toward zero |
/// | `RND_MIN_INF` | nearest, ties toward −∞ |
/// | `RND_INF` | nearest, ties away from zero |
/// | `RND_CONV` | nearest, ties to even (convergent, banker's rounding) |
/// | `STOCHASTIC` | up with probability equal to the dropped fraction, using ``CounterRNG`` |
public enum RoundingMode: String, CaseIterable, Sendable, Codable, Hashable {
  case trn = "TRN"
  case trnZero = "TRN_ZERO"
  case rnd = "RND"
  case rndZero = "RND_ZERO"
  case rndMinInf = "RND_MIN_INF"
  case rndInf = "RND_INF"
  case rndConv = "RND_CONV"
  case stochastic = "STOCHASTIC"

  /// The deterministic modes (every mode but ``stochastic``).
  public static let deterministic: [RoundingMode] = allCases.filter { $0 != .stochastic }

  /// Decides whether a floor quotient must be incremented by one.
  ///
  /// The exact value being rounded is `q + r / 2^k` with `0 ≤ r < 2^k`. The caller supplies
  /// only comparisons of the remainder, so the rule works for any width.
  /// - Parameters:
  ///   - remainderIsZero: `r == 0`.
  ///   - remainderVersusHalf: the sign of `r − 2^(k−1)` (−1, 0 or +1).
  ///   - valueIsNegative: whether the exact value is below zero.
  ///   - quotientIsOdd: whether `q` is odd.
  /// - Returns: `true` when the rounded result is `q + 1`; never called for ``stochastic``.
  @inlinable
  package func roundsUp(
    remainderIsZero: Bool, remainderVersusHalf: Int, valueIsNegative: Bool, quotientIsOdd: Bool
  ) -> Bool {
    if remainderIsZero { return false }
    switch self {
    case .trn: return false
    case .trnZero: return valueIsNegative
    case .rnd: return remainderVersusHalf >= 0
    case .rndZero: return remainderVersusHalf > 0 || (remainderVersusHalf == 0 && valueIsNegative)
    case .rndMinInf: return remainderVersusHalf > 0
    case .rndInf: return remainderVersusHalf > 0 || (remainderVersusHalf == 0 && !valueIsNegative)
    case .rndConv: return remainderVersusHalf > 0 || (remainderVersusHalf == 0 && quotientIsOdd)
    case .stochastic: preconditionFailure("stochastic rounding needs random bits")
    }
  }
}

/// What happens when a value does not fit the integer range of the target format.
///
/// Names and meanings are those of `ap_fixed` overflow modes. For a 4-bit signed integer
/// format and inputs 19, −19, 31, −8, 9:
///
/// | mode | results |
/// |---|---|
/// | `SAT` | 7, −8, 7, −8, 7 |
/// | `SAT_ZERO` | 0, 0, 0, −8, 0 |
/// | `SAT_SYM` | 7, −7, 7, −7, 7 |
/// | `WRAP` | 3, −3, −1, −8, −7 |
/// | `WRAP_SM` | −4, 2, −1, −8, 6 |
///
/// `SAT_SYM` also maps the most negative code to −max when nothing overflowed. `WRAP_SM`
/// (sign-magnitude wrap) exists for signed formats only: when the first discarded integer bit
/// differs from the kept MSB, the kept bits are inverted and the MSB is set to that discarded
/// bit.
public enum OverflowMode: String, CaseIterable, Sendable, Codable, Hashable {
  case wrap = "WRAP"
  case sat = "SAT"
  case satZero = "SAT_ZERO"
  case satSym = "SAT_SYM"
  case wrapSM = "WRAP_SM"
}

extension RoundingMode {
  /// Parses a mode name, accepting any letter case (`rnd_conv`, `RND_CONV`).
  public init?(name: String) { self.init(rawValue: name.uppercased()) }
}

extension OverflowMode {
  /// Parses a mode name, accepting any letter case (`sat`, `SAT`).
  public init?(name: String) { self.init(rawValue: name.uppercased()) }
}
