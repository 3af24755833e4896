import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// A convolution on ±1 bits (`C × H × W` order in and out): at every output position, the
  /// window's in-image inputs and the kernel restricted to them form a small dense layer of
  /// the output channels, lowered as one (XNOR/AND with constant weights, popcount,
  /// threshold). Zero padding removes inputs at the border: fewer popcount inputs there,
  /// and `popcount(m)` counts only the weights that meet the image.
  static func convolution(
    _ conv: ConvolutionLayer, _ shape: ImageShape, _ inputs: [NodeID], in n: inout Netlist
  ) -> [NodeID] {
    positions(conv, shape, inputs) { dense, window in
      bitLayer(dense, conv.activations, inputs: window, in: &n)
    }
  }

  /// A first convolution on K-bit integer inputs: at every output position, the signed
  /// adder trees of the dense integer layer over the window's in-image inputs, `bound`
  /// (the layer's largest |dot|) setting their width, then the channels' thresholds.
  static func integerConvolution(
    _ conv: ConvolutionLayer, _ shape: ImageShape, _ values: [NodeID], signed: Bool, bound: Int,
    in n: inout Netlist
  ) -> [NodeID] {
    positions(conv, shape, values) { dense, window in
      let dots = integerDots(dense, window, signed: signed, bound: bound, in: &n)
      return integerThresholds(dots, conv.activations, bound: bound, in: &n)
    }
  }

  /// Calls `lower` with each output position's dense layer (rows: output channels; columns:
  /// the in-image taps of every input channel) and window inputs, and returns the outputs
  /// in `C × H × W` order.
  private static func positions(
    _ conv: ConvolutionLayer, _ shape: ImageShape, _ inputs: [NodeID],
    _ lower: (DenseLayer, [NodeID]) -> [NodeID]
  ) -> [NodeID] {
    let out = conv.outputShape(shape)
    let plane = shape.height * shape.width
    let k2 = conv.kernel * conv.kernel
    var perPosition: [[NodeID]] = []
    for y in 0..<out.height {
      for x in 0..<out.width {
        let taps = conv.taps(y: y, x: x, height: shape.height, width: shape.width)
        let window = (0..<shape.channels).flatMap { c in
          taps.map { inputs[c * plane + $0.pixel] }
        }
        let weights = (0..<conv.outputChannels).flatMap { o in
          let row = conv.row(o)
          return (0..<shape.channels).flatMap { c in
            taps.map { row[row.startIndex + c * k2 + $0.weight] }
          }
        }
        let dense = DenseLayer(
          mode: conv.mode, inputs: window.count, outputs: conv.outputChannels, weights: weights,
          activations: conv.activations)
        perPosition.append(lower(dense, window))
      }
    }
    return (0..<conv.outputChannels).flatMap { o in perPosition.map { $0[o] } }
  }
}
