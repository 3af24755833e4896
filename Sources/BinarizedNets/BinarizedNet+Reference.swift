extension BinarizedNet {
  /// The class scores of one sample by the definition, in plain integers (the last layer's
  /// dots, or the output affine's exact integers `A_c·dot_c + B_c`): `sample[i]` is
  /// input `i` (0 or 1 for a ``InputFormat/bits`` net, the integer otherwise). The
  /// reference every faster evaluator is checked against.
  public func referenceScores(_ sample: [Int]) -> [Int] {
    precondition(sample.count == inputs, "one value per input")
    var values = input == .bits ? sample.map { $0 != 0 ? 1 : -1 } : sample
    values = referenceFeatures(values)
    for layer in layers {
      let dots = (0..<layer.outputs).map { o in
        zip(layer.row(o), values).reduce(0) { $0 + Int($1.0) * $1.1 }
      }
      guard let activations = layer.activations else {
        return fixedAffine?.scores(ofDots: dots) ?? dots
      }
      values = zip(activations, dots).map { $0.fires($1) ? 1 : -1 }
    }
    preconditionFailure("the last layer has no activations")
  }

  /// The index of the first largest score (ties to the lowest class).
  public static func argmax(_ scores: ArraySlice<Int>) -> Int {
    var best = scores.startIndex
    for i in scores.indices where scores[i] > scores[best] { best = i }
    return best - scores.startIndex
  }
}
