extension PackedBinarizedNet {
  /// The arithmetic one sample costs, to turn run times into rates.
  public struct Work: Hashable, Sendable {
    /// 64-bit word popcounts: per layer with ±1 inputs, neurons × words per row.
    public var popcounts: Int
    /// Binary (XNOR-popcount) multiply-accumulates: per layer with ±1 inputs, neurons ×
    /// inputs (zero ternary weights included: they cost the same word operations).
    public var binaryMACs: Int
    /// Integer multiply-accumulates of an integer first layer (inputs × neurons).
    public var integerMACs: Int
  }

  /// The work of one sample in the dense layers (a convolutional front's work is not
  /// counted, so the rates of a convolutional net are lower bounds).
  public var workPerSample: Work {
    var work = Work(popcounts: 0, binaryMACs: 0, integerMACs: 0)
    for (l, layer) in net.layers.enumerated() {
      if let packed = packed[l] {
        work.popcounts += packed.outputs * packed.words
        work.binaryMACs += packed.outputs * packed.inputs
      } else {
        work.integerMACs += layer.outputs * layer.inputs
      }
    }
    return work
  }
}
