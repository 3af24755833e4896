/// The shape of an image input, channel-major like torch (`C × H × W`): input
/// `(c·H + y)·W + x` is channel `c`, row `y`, column `x`.
public struct ImageShape: Hashable, Sendable {
  /// Channels.
  public let channels: Int
  /// Rows.
  public let height: Int
  /// Columns.
  public let width: Int

  /// A shape; every side at least 1.
  public init(channels: Int, height: Int, width: Int) {
    self.channels = channels
    self.height = height
    self.width = width
  }

  /// The number of values, `C·H·W`.
  public var count: Int { channels * height * width }
}

/// A layer of the convolutional front of a ``BinarizedNet``, before its dense layers: it maps
/// an image (``ImageShape``) to an image; the dense part reads the last image flattened in
/// `C × H × W` order (torch's `flatten`).
public enum FeatureLayer: Hashable, Sendable {
  /// A binarized (or ternary, or `int<K>` on integer inputs) 2-D convolution with a
  /// threshold activation per output channel.
  case convolution(ConvolutionLayer)
  /// Max pooling of ±1 activation bits: an OR over each window.
  case maxPool(MaxPoolLayer)
}

/// A 2-D convolution: output channel `o` at `(y, x)` is the dot product of its
/// `inputChannels × kernel × kernel` weights with the input window whose top-left corner is
/// `(y·stride − padding, x·stride − padding)`; a window position outside the image
/// contributes 0 (zero padding: no input, no hardware). Every output value goes through the
/// channel's ``NeuronActivation``, as a hidden dense neuron does.
public struct ConvolutionLayer: Hashable, Sendable {
  /// The weight mode.
  public let mode: WeightMode
  /// Input channels.
  public let inputChannels: Int
  /// Output channels.
  public let outputChannels: Int
  /// The side of the square kernel.
  public let kernel: Int
  /// The step between windows.
  public let stride: Int
  /// Zero padding on every side.
  public let padding: Int
  /// Weights `weights[((o·inputChannels + c)·kernel + ky)·kernel + kx]` (torch's OIHW).
  public let weights: [Int16]
  /// The activation of each output channel.
  public let activations: [NeuronActivation]

  /// A layer; ``BinarizedNet/init(input:inputs:image:features:layers:outputAffine:)``
  /// validates it.
  public init(
    mode: WeightMode, inputChannels: Int, outputChannels: Int, kernel: Int, stride: Int,
    padding: Int, weights: [Int16], activations: [NeuronActivation]
  ) {
    self.mode = mode
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.stride = stride
    self.padding = padding
    self.weights = weights
    self.activations = activations
  }
}

/// Max pooling over `size × size` windows moved by `stride`, no padding; on ±1 values stored
/// as bits (1 ↦ +1) the maximum is the OR of the window.
public struct MaxPoolLayer: Hashable, Sendable {
  /// The side of the window.
  public let size: Int
  /// The step between windows.
  public let stride: Int

  /// A layer; the net validates it.
  public init(size: Int, stride: Int) {
    self.size = size
    self.stride = stride
  }
}
