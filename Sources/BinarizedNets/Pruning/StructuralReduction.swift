/// Structural reduction of an integer net: hidden neurons whose output is constant or that
/// nothing reads are removed, a constant neuron's contribution `w·(±1)` folded exactly into
/// the thresholds of the next layer (`dot ≥ T` becomes `dot' ≥ T − w·v`) or, after the last
/// hidden layer, into the class scores as an output affine's offsets. Documented in
/// docs/binarized.md ("Pruning").
extension BinarizedNet {
  /// The reduced net. Removal repeats until nothing changes (removing a neuron can make
  /// others constant or unread). A hidden layer keeps at least one neuron (then a constant
  /// neuron with zero weights that nothing reads, which costs no hardware).
  ///
  /// The class scores: without an output affine, a non-zero folded constant `k_c` becomes
  /// the affine `scale 1, offset k_c`, so the reduced net's scores equal the net's exactly.
  /// With an affine, `k_c` is folded into its float32 offsets (`offset + scale·k_c`) when
  /// that sum is exact in float32 — otherwise the constant neuron stays, with zero weights —
  /// and the integer scores are the net's times `2^(E′ − E)` (``FixedOutputAffine``
  /// exponents; E′ ≤ E, equal unless the folding cleared the finest bit): the same order,
  /// the same predicted class.
  public func reduced() throws(BinarizedNetError) -> NetReduction {
    var work = ReductionWork(self)
    work.run()
    let reducedLayers = layers.indices.map { l in
      let rows = work.rows[l]
      let weights = rows.flatMap { $0 }
      // A binary layer that gained zero weights (a kept constant neuron) is ternary.
      let mode = layers[l].mode == .binary && weights.contains(0) ? .ternary : layers[l].mode
      return DenseLayer(
        mode: mode, inputs: l == 0 ? layers[0].inputs : work.rows[l - 1].count,
        outputs: rows.count, weights: weights, activations: work.activations[l])
    }
    var affine = outputAffine
    if work.offsets.contains(where: { $0 != 0 }) {
      let scale = outputAffine?.scale ?? [Float](repeating: 1, count: classes)
      let offset = (0..<classes).map { c in
        ReductionWork.foldedOffset(outputAffine, class: c, constant: work.offsets[c])!
      }
      affine = try OutputAffine(scale: scale, offset: offset)
    }
    let net = try BinarizedNet(
      input: input, inputs: inputs, image: image, features: features, layers: reducedLayers,
      outputAffine: affine)
    let unread = (0..<layers[0].inputs).count { i in work.rows[0].allSatisfy { $0[i] == 0 } }
    return NetReduction(
      net: net, constantNeurons: work.constantRemoved, unreadNeurons: work.unreadRemoved,
      unreadInputs: features.isEmpty ? unread : 0)
  }
}

/// The mutable net of ``BinarizedNet/reduced()``: rows of weights per layer, activations,
/// the folded class constants and which neurons must stay.
struct ReductionWork {
  /// `rows[l][o]`: neuron o's weights over the current inputs of layer l.
  var rows: [[[Int16]]]
  /// Hidden layers' activations (`nil` on the last layer).
  var activations: [[NeuronActivation]?]
  /// Whether a neuron stays (a constant neuron that cannot be folded, or the last neuron
  /// of a layer).
  var pinned: [[Bool]]
  /// The constant added to each class's dot product by the removed neurons.
  var offsets: [Int]
  /// Removed constant neurons per hidden layer.
  var constantRemoved: [Int]
  /// Removed unread neurons per hidden layer.
  var unreadRemoved: [Int]
  /// The range of each input of the first layer.
  let inputRange: ClosedRange<Int>
  /// The net's output affine, if any.
  let affine: OutputAffine?

  init(_ net: BinarizedNet) {
    rows = net.layers.map { layer in (0..<layer.outputs).map { Array(layer.row($0)) } }
    activations = net.layers.map(\.activations)
    pinned = net.layers.map { [Bool](repeating: false, count: $0.outputs) }
    offsets = [Int](repeating: 0, count: net.classes)
    constantRemoved = [Int](repeating: 0, count: net.layers.count - 1)
    unreadRemoved = constantRemoved
    switch net.input {
    case .integers(let bits, let signed) where net.features.isEmpty:
      inputRange = signed ? -(1 << (bits - 1))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
    default: inputRange = -1...1
    }
    affine = net.outputAffine
  }

  /// Removes neurons until nothing changes.
  mutating func run() {
    var changed = true
    while changed {
      changed = false
      for l in 0..<(rows.count - 1) {
        var o = 0
        while o < rows[l].count {
          // A removed neuron's index now holds the next one; a pinned one is skipped next.
          if step(layer: l, neuron: o) { changed = true } else { o += 1 }
        }
      }
    }
  }

  /// Handles neuron o of hidden layer l: returns true when it was removed or changed (then
  /// a removed neuron's index now holds the next one).
  private mutating func step(layer l: Int, neuron o: Int) -> Bool {
    guard !pinned[l][o] else { return false }
    let constant = constantOutput(layer: l, neuron: o)
    let unread = rows[l + 1].allSatisfy { $0[o] == 0 }
    guard constant != nil || unread else { return false }
    if let bit = constant, !unread {
      let v = bit ? 1 : -1
      if l + 2 < rows.count {
        for j in rows[l + 1].indices {
          activations[l + 1]![j] = Self.shifted(
            activations[l + 1]![j], by: Int(rows[l + 1][j][o]) * v)
        }
      } else {
        let candidate = offsets.indices.map { offsets[$0] + Int(rows[l + 1][$0][o]) * v }
        guard
          candidate.indices.allSatisfy({
            Self.foldedOffset(affine, class: $0, constant: candidate[$0]) != nil
          })
        else {
          // Cannot fold exactly: keep the neuron as a constant with no inputs.
          rows[l][o] = [Int16](repeating: 0, count: rows[l][o].count)
          activations[l]![o] = .constant(bit)
          pinned[l][o] = true
          return true
        }
        offsets = candidate
      }
      for j in rows[l + 1].indices { rows[l + 1][j][o] = 0 }
    }
    if constant != nil { constantRemoved[l] += 1 } else { unreadRemoved[l] += 1 }
    if rows[l].count == 1 {
      // The last neuron of the layer: a constant that nothing reads.
      rows[l][o] = [Int16](repeating: 0, count: rows[l][o].count)
      activations[l]![o] = .constant(constant ?? true)
      pinned[l][o] = true
      return true
    }
    rows[l].remove(at: o)
    activations[l]!.remove(at: o)
    pinned[l].remove(at: o)
    for j in rows[l + 1].indices { rows[l + 1][j].remove(at: o) }
    return true
  }

  /// The output bit of neuron o of hidden layer l when it is the same for every reachable
  /// dot product (its range from the weights and the input ranges), else `nil`.
  private func constantOutput(layer l: Int, neuron o: Int) -> Bool? {
    let range = l == 0 ? inputRange : -1...1
    var (low, high) = (0, 0)
    for w in rows[l][o] where w != 0 {
      let (a, b) = (Int(w) * range.lowerBound, Int(w) * range.upperBound)
      low += min(a, b)
      high += max(a, b)
    }
    let activation = activations[l]![o]
    let bit = activation.fires(low)
    return activation.fires(high) == bit ? bit : nil
  }

  /// `activation` of `dot` as one of `dot' = dot − k`: the threshold moves by −k
  /// (saturating: a threshold that far outside every dot range stays outside).
  static func shifted(_ activation: NeuronActivation, by k: Int) -> NeuronActivation {
    func move(_ t: Int) -> Int {
      let (value, overflow) = t.subtractingReportingOverflow(k)
      return overflow ? (k > 0 ? Int.min : Int.max) : value
    }
    switch activation {
    case .atLeast(let t): return .atLeast(move(t))
    case .atMost(let t): return .atMost(move(t))
    case .constant: return activation
    }
  }

  /// Class c's float32 offset once the constant `k` is folded in: `k` itself without an
  /// affine (exact below 2^24), `offset + scale·k` with one when that is exact in float32;
  /// `nil` when it is not exact.
  static func foldedOffset(_ affine: OutputAffine?, class c: Int, constant k: Int) -> Float? {
    guard let affine else { return abs(k) <= 1 << 24 ? Float(k) : nil }
    guard abs(k) <= 1 << 28 else { return nil }
    let (o, t) = (Double(affine.offset[c]), Double(affine.scale[c]) * Double(k))  // t exact
    let sum = o + t
    let b = sum - o
    guard (o - (sum - b)) + (t - b) == 0 else { return nil }  // the Double sum is exact
    let result = Float(sum)
    return result.isFinite && Double(result) == sum ? result : nil
  }
}
