/// A net after structural reduction (``BinarizedNet/reduced()``) and what was removed.
public struct NetReduction: Hashable, Sendable {
  /// The reduced net: the same inputs and classes and, for every input, the same predicted
  /// class and the same scores (see ``BinarizedNet/reduced()``).
  public let net: BinarizedNet
  /// Per hidden layer, neurons removed whose output is constant (all-zero weights, or a
  /// threshold the reachable dot products never cross), their contribution folded into
  /// the next layer.
  public let constantNeurons: [Int]
  /// Per hidden layer, neurons removed that no neuron of the next layer reads.
  public let unreadNeurons: [Int]
  /// Inputs of the net no neuron of the first dense layer reads (after the reduction).
  /// They stay in the input port; nothing reads them, so they cost no hardware.
  public let unreadInputs: Int
}
