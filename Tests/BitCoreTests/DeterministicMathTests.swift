import Foundation
import Testing

@testable import BitCore

/// `DeterministicMath` against the C library's 64-bit-significand (`Float80`) functions,
/// whose error is about 2⁻¹¹ of a Double ulp: a high-precision reference on x86-64 Linux.
@Suite struct DeterministicMathTests {
  /// Error of `value` in units of the last place of the Double nearest `reference`.
  private func ulps(_ value: Double, _ reference: Float80) -> Double {
    let nearest = Double(reference)
    let ulp = nearest == 0 ? Double.leastNonzeroMagnitude : nearest.ulp
    return Double(abs(Float80(value) - reference) / Float80(ulp))
  }

  /// Every `u1` that ``CounterRNG/normal(at:)`` can draw near 1 and near 0, powers of two,
  /// and a million seeded points of the whole (0, 1] range.
  @Test func logIsWithinOneUlp() {
    var points: [Double] = (0..<4096).map { 1 - Double($0) * 0x1p-53 }
    points += (1...4096).map { Double($0) * 0x1p-53 }
    points += (-1074...1023).map { Double(sign: .plus, exponent: $0, significand: 1) }
      .filter(\.isNormal)
    points += [
      0x1.6a09e667f3bccp0, 0x1.6a09e667f3bcdp0, 0x1.6a09e667f3bcep0, .greatestFiniteMagnitude,
    ]
    let rng = CounterRNG(seed: 11, stream: 1)
    points += (0..<1_000_000).map { 1 - rng.unitDouble(at: UInt64($0)) }
    var worst = 0.0
    for x in points {
      let error = ulps(DeterministicMath.log(x), Foundation.log(Float80(x)))
      worst = max(worst, error)
      if error > 1 { Issue.record("log(\(x.debugDescription)): \(error) ulp") }
    }
    #expect(worst <= 1, "worst log error \(worst) ulp")
    #expect(DeterministicMath.log(1) == 0 && DeterministicMath.log(2) == 0x1.62e42fefa39efp-1)
  }

  /// The reduced polynomials on a fine grid of |r| ≤ ⅛ (the reference's argument is 2π·r
  /// in `Float80`, relative error 2⁻⁶⁴).
  @Test func reducedSineAndCosineAreWithinOneUlp() {
    var worst = (sin: 0.0, cos: 0.0)
    for k in -200_000...200_000 {
      let r = Double(k) * (0.125 / 200_000)
      let x = 2 * Float80.pi * Float80(r)
      worst.sin = max(worst.sin, ulps(DeterministicMath.sinTwoPiReduced(r), Foundation.sin(x)))
      worst.cos = max(worst.cos, ulps(DeterministicMath.cosTwoPiReduced(r), Foundation.cos(x)))
    }
    #expect(worst.sin <= 1 && worst.cos <= 1, "worst errors \(worst) ulp")
  }

  /// The exact quadrant reduction: `cos(2πu)` for seeded `u`, quarter and eighth points.
  @Test func cosTwoPiIsWithinOneUlp() {
    let rng = CounterRNG(seed: 11, stream: 2)
    var points = (0..<1_000_000).map { rng.unitDouble(at: UInt64($0)) }
    points += (0..<64).map { Double($0) / 64 } + [0x1p-53, 1 - 0x1p-53, 0.25 - 0x1p-53]
    var worst = 0.0
    for u in points {
      // Reference on the exactly reduced argument (u − q/4 is exact in Float80 too).
      let q = (4 * Float80(u)).rounded(.toNearestOrEven)
      let x = 2 * Float80.pi * (Float80(u) - q / 4)
      let reference: Float80
      switch Int(q) & 3 {
      case 0: reference = Foundation.cos(x)
      case 1: reference = -Foundation.sin(x)
      case 2: reference = -Foundation.cos(x)
      default: reference = Foundation.sin(x)
      }
      let error = ulps(DeterministicMath.cosTwoPi(u), reference)
      worst = max(worst, error)
      if error > 1 { Issue.record("cosTwoPi(\(u.debugDescription)): \(error) ulp") }
    }
    #expect(worst <= 1, "worst cosTwoPi error \(worst) ulp")
    #expect(DeterministicMath.cosTwoPi(0) == 1 && DeterministicMath.cosTwoPi(0.5) == -1)
    #expect(DeterministicMath.cosTwoPi(0.25) == 0 && DeterministicMath.cosTwoPi(0.75) == 0)
  }
}
