/// A discretised difflogic network: every neuron is one fixed two-input gate.
///
/// This is the model-level reference (result source `model`): evaluation is the plain
/// definition, written to be obviously right rather than fast. Scores are per-class counts of
/// true outputs (GroupSum before the division by tau); the predicted class is the first
/// class with the largest count, so ties go to the lowest class index, as torch's `argmax`
/// does. For class blocks below 2^23 neurons and a normal, positive tau, dividing by tau is
/// strictly monotone on counts, so this is also the argmax of difflogic's float scores.
public struct DiscreteLogicNet: Sendable, Hashable {
  /// One layer of gates.
  public struct Layer: Sendable, Hashable {
    /// Each neuron's gate.
    public var gates: [GateFunction]
    /// Each neuron's first input (index into the previous layer's outputs or the inputs).
    public var a: [Int32]
    /// Each neuron's second input.
    public var b: [Int32]

    /// A layer from equally long arrays.
    public init(gates: [GateFunction], a: [Int32], b: [Int32]) {
      precondition(gates.count == a.count && a.count == b.count, "one gate, a and b per neuron")
      self.gates = gates
      self.a = a
      self.b = b
    }

    /// The number of neurons.
    public var count: Int { gates.count }
  }

  /// The number of binary inputs.
  public var inputs: Int
  /// The layers, first to last.
  public var layers: [Layer]
  /// The number of classes `k`.
  public var classes: Int
  /// The GroupSum temperature (only divides scores; does not change the class).
  public var tau: Float

  /// A network from its parts. Use ``validated()`` (or the interchange reader) to check
  /// user-supplied parts; evaluation preconditions assume a valid net.
  public init(inputs: Int, layers: [Layer], classes: Int, tau: Float) {
    self.inputs = inputs
    self.layers = layers
    self.classes = classes
    self.tau = tau
  }

  /// The total number of gates.
  public var gateCount: Int { layers.reduce(0) { $0 + $1.count } }

  /// The number of neurons per class in the last layer.
  public var groupSize: Int { (layers.last?.count ?? 0) / max(classes, 1) }

  /// Throws the first structural problem (bad indices, GroupSum shape).
  public func validated() throws(LogicNetsError) -> DiscreteLogicNet {
    guard inputs >= 1 else { throw .invalidField(path: "inputs", detail: "must be at least 1") }
    guard !layers.isEmpty else { throw .invalidField(path: "layers", detail: "must not be empty") }
    var width = inputs
    for (l, layer) in layers.enumerated() {
      guard layer.count >= 1 else {
        throw .invalidField(path: "layers[\(l)].gates", detail: "must not be empty")
      }
      for j in 0..<layer.count {
        for (field, index) in [("a", layer.a[j]), ("b", layer.b[j])]
        where index < 0 || Int(index) >= width {
          throw .indexOutOfRange(layer: l, neuron: j, field: field, value: Int(index), limit: width)
        }
      }
      width = layer.count
    }
    guard classes >= 1 else {
      throw .invalidField(path: "group_sum.k", detail: "must be at least 1")
    }
    guard width % classes == 0 else {
      throw .groupSumNotDivisible(neurons: width, classes: classes)
    }
    guard tau.isFinite && tau > 0 else {
      throw .invalidField(path: "group_sum.tau", detail: "must be a finite positive number")
    }
    return self
  }

  /// The last layer's outputs of one sample, evaluated gate by gate on Booleans.
  public func outputs(_ sample: [Bool]) -> [Bool] {
    precondition(sample.count == inputs, "one Bool per input")
    var values = sample
    for layer in layers {
      values = (0..<layer.count).map { j in
        layer.gates[j](values[Int(layer.a[j])], values[Int(layer.b[j])])
      }
    }
    return values
  }

  /// The per-class counts (GroupSum numerators) of one sample.
  public func counts(_ sample: [Bool]) -> [Int] {
    let out = outputs(sample)
    let size = groupSize
    return (0..<classes).map { c in out[c * size..<(c + 1) * size].count { $0 } }
  }

  /// The per-class counts of many samples at once, 64 samples per machine word: `samples`
  /// is feature-major (one row per input, one column per sample; see
  /// ``BitMatrix/init(sampleMajor:features:)``). Returns `samples.columns × classes` counts,
  /// sample-major.
  public func counts(_ samples: BitMatrix) -> [Int32] {
    precondition(samples.rows == inputs, "one packed row per input")
    let words = samples.wordsPerRow
    var values = samples.words
    for layer in layers {
      var next = [UInt64](repeating: 0, count: layer.count * words)
      for j in 0..<layer.count {
        let a = Int(layer.a[j]) * words
        let b = Int(layer.b[j]) * words
        for w in 0..<words {
          next[j * words + w] = layer.gates[j].apply(values[a + w], values[b + w])
        }
      }
      values = next
    }
    var result = [Int32](repeating: 0, count: samples.columns * classes)
    let size = groupSize
    for c in 0..<classes {
      for j in c * size..<(c + 1) * size {
        for w in 0..<words {
          var bits = values[j * words + w]
          while bits != 0 {
            let sample = w * 64 + bits.trailingZeroBitCount
            if sample < samples.columns { result[sample * classes + c] += 1 }
            bits &= bits &- 1
          }
        }
      }
    }
    return result
  }

  /// The predicted class of every sample: the first class with the largest count.
  public func predict(_ samples: BitMatrix) -> [Int] {
    DiscreteLogicNet.firstArgmax(counts(samples), classes: classes)
  }

  /// The fraction of samples whose predicted class equals the label.
  public func accuracy(_ samples: BitMatrix, labels: [Int32]) -> Double {
    precondition(labels.count == samples.columns, "one label per sample")
    guard !labels.isEmpty else { return 0 }
    let predicted = predict(samples)
    let correct = zip(predicted, labels).count { $0.0 == Int($0.1) }
    return Double(correct) / Double(labels.count)
  }

  /// The first index of the largest value in each row of `classes` values.
  public static func firstArgmax(_ scores: [Int32], classes: Int) -> [Int] {
    stride(from: 0, to: scores.count, by: classes).map { row in
      var best = 0
      for c in 1..<classes where scores[row + c] > scores[row + best] { best = c }
      return best
    }
  }
}
