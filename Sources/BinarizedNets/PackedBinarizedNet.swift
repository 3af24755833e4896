import BitCore

/// The bit-packed runtime of a ``BinarizedNet``: ±1 activations and weights packed 64 per
/// word (bit 1 ↦ +1), one XNOR, AND and hardware popcount per word:
/// `dot = 2·popcount(xnor(x, w⁺) ∧ m) − popcount(m)`, where `w⁺` has the +1 weights and `m`
/// the non-zero ones (all of them in a binary layer). A first layer with integer inputs is
/// an integer dot product. Many samples per call, on one core or several
/// (``run(_:samples:threads:)``).
public struct PackedBinarizedNet: Sendable {
  /// The net.
  public let net: BinarizedNet
  /// Per layer with ±1 inputs (nil for an integer first layer): the packed `w⁺` and `m`
  /// rows, one per neuron, and each neuron's `popcount(m)`.
  private let packed: [(plus: BitMatrix, mask: BitMatrix, nonzero: [Int])?]
  /// The convolutional front, if any.
  private let front: PackedFeatureFront?

  /// The runtime of a (valid) net.
  public init(_ net: BinarizedNet) {
    self.net = net
    packed = net.layers.enumerated().map { l, layer in
      if l == 0 && net.integerFirstDenseLayer { return nil }
      var plus = BitMatrix(rows: layer.outputs, columns: layer.inputs)
      var mask = BitMatrix(rows: layer.outputs, columns: layer.inputs)
      var nonzero = [Int](repeating: 0, count: layer.outputs)
      for o in 0..<layer.outputs {
        for (i, w) in layer.row(o).enumerated() where w != 0 {
          plus[o, i] = w > 0
          mask[o, i] = true
          nonzero[o] += 1
        }
      }
      return (plus, mask, nonzero)
    }
    front = PackedFeatureFront(net)
  }

  /// The scores (`samples × classes`, sample-major) and predicted classes of `samples`
  /// samples, `values[s·inputs + i]` being input `i` of sample `s` (0/1 for a bit net).
  public func run(_ values: [Int], samples: Int) -> (scores: [Int], predicted: [Int]) {
    precondition(values.count == samples * net.inputs, "one value per input and sample")
    var bits = BitMatrix(rows: samples, columns: net.inputs)
    var start = 0
    if let front {
      bits = front.run(values, samples: samples)
    } else if net.input.isInteger {
      let layer = net.layers[0]
      let dots = integerDots(layer, values, samples: samples)
      guard let activations = layer.activations else { return finish(dots, samples: samples) }
      bits = BitMatrix(rows: samples, columns: layer.outputs)
      for s in 0..<samples {
        for o in 0..<layer.outputs where activations[o].fires(dots[s * layer.outputs + o]) {
          bits[s, o] = true
        }
      }
      start = 1
    } else {
      for s in 0..<samples {
        for i in 0..<net.inputs where values[s * net.inputs + i] != 0 { bits[s, i] = true }
      }
    }
    for l in start..<net.layers.count {
      let layer = net.layers[l]
      let dots = packedDots(l, bits, samples: samples)
      guard let activations = layer.activations else { return finish(dots, samples: samples) }
      var next = BitMatrix(rows: samples, columns: layer.outputs)
      for s in 0..<samples {
        for o in 0..<layer.outputs where activations[o].fires(dots[s * layer.outputs + o]) {
          next[s, o] = true
        }
      }
      bits = next
    }
    preconditionFailure("the last layer has no activations")
  }

  private func finish(_ dots: [Int], samples: Int) -> (scores: [Int], predicted: [Int]) {
    let scores = net.fixedAffine?.scores(ofDots: dots) ?? dots
    let k = net.classes
    let predicted = (0..<samples).map {
      BinarizedNet.argmax(scores[($0 * k)..<(($0 + 1) * k)])
    }
    return (scores, predicted)
  }

  private func integerDots(_ layer: DenseLayer, _ values: [Int], samples: Int) -> [Int] {
    var dots = [Int](repeating: 0, count: samples * layer.outputs)
    for s in 0..<samples {
      let x = values[(s * layer.inputs)..<((s + 1) * layer.inputs)]
      for o in 0..<layer.outputs {
        dots[s * layer.outputs + o] = zip(layer.row(o), x).reduce(0) { $0 + Int($1.0) * $1.1 }
      }
    }
    return dots
  }

  private func packedDots(_ l: Int, _ x: BitMatrix, samples: Int) -> [Int] {
    let (plus, mask, nonzero) = packed[l]!
    let outputs = plus.rows
    let words = plus.wordsPerRow
    var dots = [Int](repeating: 0, count: samples * outputs)
    x.words.withUnsafeBufferPointer { xw in
      plus.words.withUnsafeBufferPointer { pw in
        mask.words.withUnsafeBufferPointer { mw in
          for s in 0..<samples {
            let xs = s * words
            for o in 0..<outputs {
              let ws = o * words
              var count = 0
              for w in 0..<words {
                count += (~(xw[xs + w] ^ pw[ws + w]) & mw[ws + w]).nonzeroBitCount
              }
              dots[s * outputs + o] = 2 * count - nonzero[o]
            }
          }
        }
      }
    }
    return dots
  }
}
