import BinarizedNets

/// Random binarized nets for tests: weights uniform over each mode's range (ternary and
/// integer layers get zeros too), activations a mix of `≥ T`, `≤ T` and constants with T
/// spread over the dot range so that neurons fire both ways.
public enum RandomBinarizedNets {
  /// A valid net of `inputs` inputs and the given layers (mode, outputs).
  public static func make(
    input: InputFormat, inputs: Int, layers spec: [(WeightMode, Int)],
    using random: inout SeededRandom
  ) -> BinarizedNet {
    var layers: [DenseLayer] = []
    var width = inputs
    for (l, (mode, outputs)) in spec.enumerated() {
      let range = mode.weightRange
      let weights = (0..<(width * outputs)).map { _ -> Int16 in
        if mode == .binary { return Bool.random(using: &random) ? 1 : -1 }
        return Int16(Int.random(in: range, using: &random))
      }
      var activations: [NeuronActivation]?
      if l + 1 < spec.count {
        let magnitude = l == 0 ? maxInput(input) : 1
        let spread = Swift.max(1, width * magnitude * Swift.max(1, range.upperBound) / 3)
        activations = (0..<outputs).map { _ in
          let t = Int.random(in: -spread...spread, using: &random)
          switch Int.random(in: 0..<8, using: &random) {
          case 0: return .constant(Bool.random(using: &random))
          case 1, 2, 3: return .atMost(t)
          default: return .atLeast(t)
          }
        }
      }
      layers.append(
        DenseLayer(
          mode: mode, inputs: width, outputs: outputs, weights: weights,
          activations: activations))
      width = outputs
    }
    return try! BinarizedNet(input: input, inputs: inputs, layers: layers)
  }

  /// A random sample: 0/1 per input for a bit net, integers of the input range otherwise.
  public static func sample(
    _ net: BinarizedNet, using random: inout SeededRandom
  ) -> [Int] {
    switch net.input {
    case .bits: return (0..<net.inputs).map { _ in Int.random(in: 0...1, using: &random) }
    case .integers(let bits, let signed):
      let range = signed ? -(1 << (bits - 1))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
      return (0..<net.inputs).map { _ in Int.random(in: range, using: &random) }
    }
  }

  private static func maxInput(_ input: InputFormat) -> Int {
    guard case .integers(let bits, _) = input else { return 1 }
    return 1 << bits
  }
}
