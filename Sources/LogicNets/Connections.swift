/// How a layer's neurons are wired to the previous layer, as difflogic defines it.
public enum ConnectionScheme: String, Sendable, Hashable, Codable, CaseIterable {
  /// difflogic's class default: a shuffled list of `2·outputs` slots in which every input
  /// appears ⌊2·out/in⌋ or ⌈2·out/in⌉ times (balanced fan-out), relabelled by a random
  /// permutation of the inputs; slots `0..<out` are the `a` inputs, the rest the `b` inputs.
  /// `a == b` is possible.
  case random
  /// The paper's default: distinct pairs `(i, j)`, `i < j`, taken in a fixed order
  /// ((0,1),(2,3),…; then (1,2),(3,4),…; then distance 2, 3, …) and dealt to the neurons in a
  /// random order.
  case unique
}

/// The two input indices of every neuron of one layer.
public struct LayerConnections: Sendable, Hashable {
  /// Neuron `i`'s first input.
  public var a: [Int32]
  /// Neuron `i`'s second input.
  public var b: [Int32]

  /// Connections from explicit index arrays of equal length.
  public init(a: [Int32], b: [Int32]) {
    precondition(a.count == b.count, "one a and one b index per neuron")
    self.a = a
    self.b = b
  }

  /// Draws the connections of layer `layer` (which reads `inputs` values and has `outputs`
  /// neurons) from the streams of ``RandomStreams``.
  public static func draw(
    _ scheme: ConnectionScheme, inputs: Int, outputs: Int, seed: UInt64, layer: Int
  ) throws(LogicNetsError) -> LayerConnections {
    guard inputs >= 1, outputs >= 1 else {
      throw .invalidConfiguration("layer \(layer) needs at least one input and one neuron")
    }
    guard 2 * outputs >= inputs else {
      throw .tooFewNeurons(layer: layer, inputs: inputs, outputs: outputs)
    }
    switch scheme {
    case .random:
      let slots = RandomStreams.randomSlots(seed: seed, layer: layer).permutation(2 * outputs)
      let relabel = RandomStreams.randomRelabel(seed: seed, layer: layer).permutation(inputs)
      let wired = slots.map { Int32(relabel[$0 % inputs]) }
      return LayerConnections(a: Array(wired[..<outputs]), b: Array(wired[outputs...]))
    case .unique:
      let (candA, candB) = uniqueCandidates(inputs: inputs, needed: outputs)
      guard candA.count >= outputs else {
        throw .tooFewUniquePairs(layer: layer, inputs: inputs, outputs: outputs)
      }
      let order = RandomStreams.uniqueAssignment(seed: seed, layer: layer).permutation(outputs)
      return LayerConnections(a: order.map { candA[$0] }, b: order.map { candB[$0] })
    }
  }

  /// difflogic's candidate list for 'unique' (`get_unique_connections`): even pairs, then odd
  /// pairs, then pairs at distance 2, 3, … until at least `needed` exist. difflogic stops
  /// (and asserts) once the distance reaches the candidate count; this continues while the
  /// distance is below `inputs`, which only matters where difflogic would fail.
  static func uniqueCandidates(inputs n: Int, needed: Int) -> ([Int32], [Int32]) {
    var a: [Int32] = []
    var b: [Int32] = []
    func appendPairs(from first: Int, distance: Int, step: Int) {
      var i = first
      while i + distance < n {
        a.append(Int32(i))
        b.append(Int32(i + distance))
        i += step
      }
    }
    appendPairs(from: 0, distance: 1, step: 2)
    if a.count < needed { appendPairs(from: 1, distance: 1, step: 2) }
    var distance = 2
    while a.count < needed && distance < n {
      appendPairs(from: 0, distance: distance, step: 1)
      distance += 1
    }
    return (Array(a.prefix(needed)), Array(b.prefix(needed)))
  }
}
