import LogicNets

/// The pruning mask in the training-state file: `"pruned": [0, 1, …]` (1 = pruned), one
/// entry per quantized weight, written only for a pruned layer.
extension BnnLayerState {
  /// `,\n   "pruned": [...]` for a pruned layer, empty otherwise.
  var prunedField: String {
    guard let pruned else { return "" }
    return ",\n   \"pruned\": [" + pruned.map { $0 ? "1" : "0" }.joined(separator: ",") + "]"
  }

  /// The optional `pruned` field of a layer's state object at `path`: `count` entries of
  /// 0 or 1 (`count` `nil`: the layer cannot be pruned, so the field must be absent).
  static func prunedMask(
    in item: JSONValue, at path: String, count: Int?
  ) throws(LogicNetsError) -> [Bool]? {
    guard case .object(let members) = item, let value = members["pruned"] else { return nil }
    guard let count else {
      throw .invalidField(path: "\(path).pruned", detail: "this layer cannot be pruned")
    }
    let entries = try value.array(at: "\(path).pruned")
    guard entries.count == count else {
      throw .invalidField(
        path: "\(path).pruned", detail: "\(entries.count) entries, expected \(count)")
    }
    var mask: [Bool] = []
    for (k, entry) in entries.enumerated() {
      mask.append(try entry.integer(at: "\(path).pruned[\(k)]", in: 0...1) == 1)
    }
    return mask
  }
}

extension BnnTrainingConfig {
  /// The quantized weights of dense layer `l` a pruning mask covers (`outputs × fan-in`),
  /// or `nil` when the layer cannot be pruned (a complex layer).
  func prunableWeights(_ l: Int) -> Int? {
    layers[l].weights.isComplex ? nil : fanIn(l) * layers[l].outputs
  }
}

extension BnnTrainingState {
  /// The deployed weight mode of dense layer `l`: its training mode's, except that a pruned
  /// binary layer has zeros and so deploys as ternary.
  func deployedMode(layer l: Int) -> WeightMode {
    let mode = config.layers[l].weights.mode
    return layers[l].pruned != nil && mode == .binary ? .ternary : mode
  }
}
