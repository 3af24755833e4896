import TrainingCore

/// The ``CounterRNG`` streams the binarized-net trainer draws from (family 1 of
/// ``TrainingCore/RandomStream``):
///
/// | purpose | index | words used |
/// |---|---|---|
/// | 1 initial weights | dense layer `l`, or 64 + feature layer `l` | `unitDouble(k)` for latent weight `k` (P then N for plinear) |
/// | 2 epoch shuffle | epoch | Fisher–Yates over the training samples |
/// | 3 stochastic activation | step | `unitDouble(l << 40 + s·outputs + o)` for layer `l`, batch position `s`, neuron `o` |
package enum BnnRandomStreams {
  /// Uniform initial latent weights (indexed by layer).
  package static let initialWeights = RandomStream(
    family: .binarizedNets, purpose: 1, name: "initial weights", index: "layer")
  /// The training-sample order (indexed by epoch).
  package static let epochShuffle = RandomStream(
    family: .binarizedNets, purpose: 2, name: "epoch shuffle", index: "epoch")
  /// Stochastic binarization of hidden activations (indexed by step).
  package static let stochasticActivation = RandomStream(
    family: .binarizedNets, purpose: 3, name: "stochastic activation", index: "step")

  /// Every stream of the family.
  package static let registry = RandomStreamRegistry([
    initialWeights, epochShuffle, stochasticActivation,
  ])
}
