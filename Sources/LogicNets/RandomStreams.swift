import BitCore
import TrainingCore

/// The ``CounterRNG`` streams LogicNets draws from, registered as family 0 of
/// ``TrainingCore/RandomStream`` (so a stream id is `purpose << 32 | index`, and a Python
/// reference replays each with numpy's Philox):
///
/// | purpose | index | words used |
/// |---|---|---|
/// | 1 logit init | layer | normal sample `16·neuron + gate` (words `2·k`, `2·k+1`) |
/// | 2 'random' slot permutation | layer | Fisher–Yates over `2·outputs` slots |
/// | 3 'random' input relabelling | layer | Fisher–Yates over `inputs` |
/// | 4 'unique' pair assignment | layer | Fisher–Yates over `outputs` |
/// | 5 epoch shuffle | epoch | Fisher–Yates over the training samples |
package enum RandomStreams {
  /// Gaussian initial logits (indexed by layer).
  package static let logitInit = stream(1, "logit init", index: "layer")
  /// The slot permutation of the 'random' connection scheme (indexed by layer).
  package static let randomSlotStream = stream(2, "'random' slot permutation", index: "layer")
  /// The input relabelling of the 'random' connection scheme (indexed by layer).
  package static let randomRelabelStream = stream(3, "'random' input relabelling", index: "layer")
  /// The neuron-to-pair assignment of the 'unique' scheme (indexed by layer).
  package static let uniqueAssignmentStream = stream(4, "'unique' pair assignment", index: "layer")
  /// The training-sample order (indexed by epoch).
  package static let epochShuffleStream = stream(5, "epoch shuffle", index: "epoch")

  /// Every stream of the family.
  package static let registry = RandomStreamRegistry([
    logitInit, randomSlotStream, randomRelabelStream, uniqueAssignmentStream, epochShuffleStream,
  ])

  /// Gaussian initial logits of one layer.
  package static func logits(seed: UInt64, layer: Int) -> CounterRNG {
    logitInit.generator(seed: seed, index: layer)
  }

  /// The slot permutation of the 'random' connection scheme.
  package static func randomSlots(seed: UInt64, layer: Int) -> CounterRNG {
    randomSlotStream.generator(seed: seed, index: layer)
  }

  /// The input relabelling of the 'random' connection scheme.
  package static func randomRelabel(seed: UInt64, layer: Int) -> CounterRNG {
    randomRelabelStream.generator(seed: seed, index: layer)
  }

  /// The neuron-to-pair assignment of the 'unique' connection scheme.
  package static func uniqueAssignment(seed: UInt64, layer: Int) -> CounterRNG {
    uniqueAssignmentStream.generator(seed: seed, index: layer)
  }

  private static func stream(_ purpose: UInt8, _ name: String, index: String) -> RandomStream {
    RandomStream(family: .logicNets, purpose: purpose, name: name, index: index)
  }
}
