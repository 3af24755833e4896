extension GateFunction {
  /// The bilinear coefficients `(c0, c1, c2, c3)` of each gate's relaxation, indexed by
  /// truth table: `op(a, b) = c0 + c1·a + c2·b + c3·a·b` on probabilities `a`, `b`.
  ///
  /// Every relaxed gate is bilinear in its inputs, so a trainer's softmax mixture of all 16
  /// gates collapses to four numbers per neuron.
  public static let coefficients: [(Float, Float, Float, Float)] = [
    (0, 0, 0, 0),  // 0  false
    (0, 0, 0, 1),  // 1  a·b
    (0, 1, 0, -1),  // 2  a − a·b
    (0, 1, 0, 0),  // 3  a
    (0, 0, 1, -1),  // 4  b − a·b
    (0, 0, 1, 0),  // 5  b
    (0, 1, 1, -2),  // 6  a + b − 2·a·b
    (0, 1, 1, -1),  // 7  a + b − a·b
    (1, -1, -1, 1),  // 8  1 − (a + b − a·b)
    (1, -1, -1, 2),  // 9  1 − (a + b − 2·a·b)
    (1, 0, -1, 0),  // 10 1 − b
    (1, 0, -1, 1),  // 11 1 − b + a·b
    (1, -1, 0, 0),  // 12 1 − a
    (1, -1, 0, 1),  // 13 1 − a + a·b
    (1, 0, 0, -1),  // 14 1 − a·b
    (1, 0, 0, 0),  // 15 1
  ]

  /// This gate's bilinear coefficients (see ``coefficients``).
  package var bilinear: (Float, Float, Float, Float) { GateFunction.coefficients[Int(table)] }

  /// The relaxed (real-valued) gate on probabilities `a`, `b`, written with difflogic's own
  /// expression shapes (`bin_op` in difflogic's `functional.py`).
  package func relaxed<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    switch table {
    case 0: return 0
    case 1: return a * b
    case 2: return a - a * b
    case 3: return a
    case 4: return b - a * b
    case 5: return b
    case 6: return a + b - 2 * a * b
    case 7: return a + b - a * b
    case 8: return 1 - (a + b - a * b)
    case 9: return 1 - (a + b - 2 * a * b)
    case 10: return 1 - b
    case 11: return 1 - b + a * b
    case 12: return 1 - a
    case 13: return 1 - a + a * b
    case 14: return 1 - a * b
    default: return 1
    }
  }
}
