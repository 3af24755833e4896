import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// The regions of a lowered net from the node counts at each boundary (`marks`: after
  /// each feature layer, after each dense layer, then after the affine when there is one),
  /// with the counts the weights give: on ±1 inputs a −1 weight is an XNOR inverter, a +1
  /// weight a wire and a zero weight an AND-masked (dropped) input; an integer layer's
  /// non-zero weights are the adder-tree terms, those of magnitude above 1 constant
  /// multiplications; a convolution's weights count once per output position at the taps
  /// that meet the image (the lowering's hardware); the affine's shift-add terms are the
  /// signed digits of its factors and its non-zero offsets.
  static func regions(_ net: BinarizedNet, marks: [Int], end: Int) -> [NetlistRegion] {
    let bounds = [0] + marks + [end]
    var names = net.features.indices.map { "feature \($0)" }
    var counts = net.features.indices.map { featureCounts(net, $0) }
    names += net.layers.indices.map { "layer \($0)" }
    counts += net.layers.indices.map { layerCounts(net, $0) }
    if let affine = net.fixedAffine {
      names.append("output affine")
      let digits = affine.factors.reduce(0) { $0 + signedDigits($1).count }
      counts.append([
        NetlistRegion.ModelCount("shift-add terms", digits),
        NetlistRegion.ModelCount("offsets", affine.offsets.filter { $0 != 0 }.count),
      ])
    }
    names.append("argmax")
    counts.append([NetlistRegion.ModelCount("classes", net.classes)])
    return names.indices.map {
      NetlistRegion(name: names[$0], nodes: bounds[$0]..<bounds[$0 + 1], counts: counts[$0])
    }
  }

  private static func layerCounts(_ net: BinarizedNet, _ l: Int) -> [NetlistRegion.ModelCount] {
    var counts = [NetlistRegion.ModelCount("neurons", net.layers[l].outputs)]
    counts += weightCounts(net.layers[l].weights, integer: l == 0 && net.integerFirstDenseLayer)
    if let activations = net.layers[l].activations {
      counts.append(NetlistRegion.ModelCount("constant activations", constants(activations)))
    }
    return counts
  }

  /// A convolution's output values, the counts of its weights at every output position's
  /// in-image taps, and its output values with a constant activation; a max-pool's output
  /// bits.
  private static func featureCounts(
    _ net: BinarizedNet, _ l: Int
  ) -> [NetlistRegion.ModelCount] {
    let shape = net.featureShapes[l]
    guard case .convolution(let conv) = net.features[l] else {
      return [
        NetlistRegion.ModelCount("output bits (ORs of windows)", net.featureShapes[l + 1].count)
      ]
    }
    let out = conv.outputShape(shape)
    var weights: [Int16] = []
    for y in 0..<out.height {
      for x in 0..<out.width {
        let taps = conv.taps(y: y, x: x, height: shape.height, width: shape.width)
        for o in 0..<conv.outputChannels {
          let row = conv.row(o)
          for c in 0..<shape.channels {
            weights += taps.map { row[row.startIndex + c * conv.kernel * conv.kernel + $0.weight] }
          }
        }
      }
    }
    return [NetlistRegion.ModelCount("output values", out.count)]
      + weightCounts(weights, integer: l == 0 && net.input.isInteger)
      + [
        NetlistRegion.ModelCount(
          "constant activations", constants(conv.activations) * out.height * out.width)
      ]
  }

  /// How many of `activations` are constant.
  private static func constants(_ activations: [NeuronActivation]) -> Int {
    activations.filter { if case .constant = $0 { true } else { false } }.count
  }

  /// The hardware the weights of a layer stand for (see ``regions(_:marks:end:)``).
  private static func weightCounts(
    _ weights: [Int16], integer: Bool
  ) -> [NetlistRegion.ModelCount] {
    let zeros = weights.filter { $0 == 0 }.count
    var counts: [NetlistRegion.ModelCount] = []
    if integer {
      counts += [
        NetlistRegion.ModelCount("adder-tree terms", weights.count - zeros),
        NetlistRegion.ModelCount("constant multiplications", weights.filter { abs($0) > 1 }.count),
        NetlistRegion.ModelCount("dropped inputs (zero weights)", zeros),
      ]
    } else {
      counts += [
        NetlistRegion.ModelCount("XNOR inverters (−1 weights)", weights.filter { $0 < 0 }.count),
        NetlistRegion.ModelCount("wires (+1 weights)", weights.filter { $0 > 0 }.count),
        NetlistRegion.ModelCount("AND-masked inputs (zero weights)", zeros),
      ]
    }
    return counts
  }
}
