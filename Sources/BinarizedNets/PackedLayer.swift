/// One layer of ``PackedBinarizedNet`` with ±1 inputs, packed for the XNOR-popcount kernels:
/// per neuron a row of `w⁺` words (its +1 weights) and a row of `m` words (its non-zero
/// weights), and the activation restated on the mismatch count.
///
/// With `mismatches = popcount((x ⊕ w⁺) ∧ m)` a neuron's dot product is
/// `popcount(m) − 2·mismatches`, so `dot ≥ T` ⇔ `mismatches ≤ ⌊(popcount(m) − T)/2⌋` and
/// `dot ≤ T` ⇔ not `mismatches ≤ ⌈(popcount(m) − T)/2⌉ − 1`: each hidden neuron fires when
/// `(mismatches ≤ limit) ≠ invert`, limits clamped to `−1 … popcount(m)`.
struct PackedLayer: Sendable {
  /// Inputs per neuron.
  let inputs: Int
  /// Neurons.
  let outputs: Int
  /// Words per row: `(inputs + 63) / 64`.
  let words: Int
  /// `w⁺`, row-major (`outputs × words`), bits past the last input zero.
  let plus: [UInt64]
  /// `m`, row-major (`outputs × words`), bits past the last input zero.
  let mask: [UInt64]
  /// Whether `m` matters: false for a binary layer (every weight non-zero), whose kernels
  /// skip the AND (inputs and `w⁺` are zero past the last input).
  let masked: Bool
  /// `popcount(m)` per neuron.
  let nonzero: [Int]
  /// Per hidden neuron: the largest mismatch count at which `(count ≤ limit)` holds.
  let limit: [Int32]
  /// Per hidden neuron: 1 when the output bit is the negation of `count ≤ limit`.
  let invert: [UInt8]

  /// The packed form of `layer`.
  init(_ layer: DenseLayer) {
    inputs = layer.inputs
    outputs = layer.outputs
    words = (layer.inputs + 63) / 64
    var plus = [UInt64](repeating: 0, count: outputs * words)
    var mask = [UInt64](repeating: 0, count: outputs * words)
    var nonzero = [Int](repeating: 0, count: outputs)
    for o in 0..<outputs {
      for (i, w) in layer.row(o).enumerated() where w != 0 {
        let bit = UInt64(1) << UInt64(i % 64)
        if w > 0 { plus[o * words + i / 64] |= bit }
        mask[o * words + i / 64] |= bit
        nonzero[o] += 1
      }
    }
    self.plus = plus
    self.mask = mask
    masked = layer.weights.contains(0)
    self.nonzero = nonzero
    var limit: [Int32] = []
    var invert: [UInt8] = []
    for (o, activation) in (layer.activations ?? []).enumerated() {
      let (bound, flip) = Self.mismatchLimit(activation, nonzero: nonzero[o])
      limit.append(bound)
      invert.append(flip ? 1 : 0)
    }
    self.limit = limit
    self.invert = invert
  }

  /// The activation as `(count ≤ limit) ≠ invert` on the mismatch count of a neuron with
  /// `nonzero` non-zero weights.
  static func mismatchLimit(
    _ activation: NeuronActivation, nonzero: Int
  ) -> (limit: Int32, invert: Bool) {
    func clamped(_ value: Int) -> Int32 { Int32(Swift.min(Swift.max(value, -1), nonzero)) }
    switch activation {
    case .atLeast(let t):
      return (clamped(floorHalf(nonzero - t)), false)
    case .atMost(let t):
      return (clamped(-floorHalf(t - nonzero) - 1), true)
    case .constant(let bit):
      return (-1, bit)
    }
  }

  /// `⌊v / 2⌋` for any sign of `v`.
  private static func floorHalf(_ v: Int) -> Int { v >> 1 }
}
