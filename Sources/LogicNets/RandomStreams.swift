/// The ``CounterRNG`` streams LogicNets draws from. Every random decision has its own
/// `(seed, stream)` key, so changing one (say, the number of epochs) never shifts another
/// (say, the connections), and a Python reference replays each with numpy's Philox.
///
/// A stream number is `purpose << 32 | index`:
///
/// | purpose | index | words used |
/// |---|---|---|
/// | 1 logit init | layer | normal sample `16·neuron + gate` (words `2·k`, `2·k+1`) |
/// | 2 'random' slot permutation | layer | Fisher–Yates over `2·outputs` slots |
/// | 3 'random' input relabelling | layer | Fisher–Yates over `inputs` |
/// | 4 'unique' pair assignment | layer | Fisher–Yates over `outputs` |
/// | 5 epoch shuffle | epoch | Fisher–Yates over the training samples |
public enum RandomStreams {
  /// Gaussian initial logits of one layer.
  public static func logits(seed: UInt64, layer: Int) -> CounterRNG {
    rng(seed, purpose: 1, index: layer)
  }

  /// The slot permutation of the 'random' connection scheme.
  public static func randomSlots(seed: UInt64, layer: Int) -> CounterRNG {
    rng(seed, purpose: 2, index: layer)
  }

  /// The input relabelling of the 'random' connection scheme.
  public static func randomRelabel(seed: UInt64, layer: Int) -> CounterRNG {
    rng(seed, purpose: 3, index: layer)
  }

  /// The neuron-to-pair assignment of the 'unique' connection scheme.
  public static func uniqueAssignment(seed: UInt64, layer: Int) -> CounterRNG {
    rng(seed, purpose: 4, index: layer)
  }

  /// The training-sample order of one epoch.
  public static func epochShuffle(seed: UInt64, epoch: Int) -> CounterRNG {
    rng(seed, purpose: 5, index: epoch)
  }

  private static func rng(_ seed: UInt64, purpose: UInt64, index: Int) -> CounterRNG {
    CounterRNG(seed: seed, stream: purpose << 32 | UInt64(UInt32(truncatingIfNeeded: index)))
  }
}
