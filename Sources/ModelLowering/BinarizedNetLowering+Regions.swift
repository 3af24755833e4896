import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// The regions of a lowered net from the node counts at each boundary (`marks`: after
  /// each layer, then after the affine when there is one), with the counts the weights
  /// give: on ±1 inputs a −1 weight is an XNOR inverter, a +1 weight a wire and a zero
  /// weight an AND-masked (dropped) input; an integer layer's non-zero weights are the
  /// adder-tree terms, those of magnitude above 1 constant multiplications; the affine's
  /// shift-add terms are the signed digits of its factors and its non-zero offsets.
  static func regions(_ net: BinarizedNet, marks: [Int], end: Int) -> [NetlistRegion] {
    let bounds = [0] + marks + [end]
    var names = net.layers.indices.map { "layer \($0)" }
    var counts = net.layers.indices.map { layerCounts(net, $0) }
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
    let weights = net.layers[l].weights
    let zeros = weights.filter { $0 == 0 }.count
    var counts = [NetlistRegion.ModelCount("neurons", net.layers[l].outputs)]
    if l == 0 && net.input.isInteger {
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
    if let activations = net.layers[l].activations {
      let constant = activations.filter { if case .constant = $0 { true } else { false } }.count
      counts.append(NetlistRegion.ModelCount("constant activations", constant))
    }
    return counts
  }
}
