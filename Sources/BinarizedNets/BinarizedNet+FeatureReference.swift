extension BinarizedNet {
  /// The convolutional front by its definition, in plain integers: `values` is the input
  /// image (±1 values, or the integers of an integer net) in `C × H × W` order; the result
  /// is the last image's ±1 values in the same order.
  public func referenceFeatures(_ values: [Int]) -> [Int] {
    var values = values
    for (layer, shape) in zip(features, featureShapes) {
      switch layer {
      case .convolution(let conv): values = Self.referenceConvolution(conv, shape, values)
      case .maxPool(let pool): values = Self.referenceMaxPool(pool, shape, values)
      }
    }
    return values
  }

  private static func referenceConvolution(
    _ conv: ConvolutionLayer, _ shape: ImageShape, _ values: [Int]
  ) -> [Int] {
    let out = conv.outputShape(shape)
    let plane = shape.height * shape.width
    let k2 = conv.kernel * conv.kernel
    var result: [Int] = []
    result.reserveCapacity(out.count)
    for o in 0..<out.channels {
      let row = conv.row(o)
      for y in 0..<out.height {
        for x in 0..<out.width {
          let taps = conv.taps(y: y, x: x, height: shape.height, width: shape.width)
          var dot = 0
          for c in 0..<shape.channels {
            for tap in taps {
              dot += Int(row[row.startIndex + c * k2 + tap.weight]) * values[c * plane + tap.pixel]
            }
          }
          result.append(conv.activations[o].fires(dot) ? 1 : -1)
        }
      }
    }
    return result
  }

  private static func referenceMaxPool(
    _ pool: MaxPoolLayer, _ shape: ImageShape, _ values: [Int]
  ) -> [Int] {
    let out = pool.outputShape(shape)
    let plane = shape.height * shape.width
    var result: [Int] = []
    result.reserveCapacity(out.count)
    for c in 0..<out.channels {
      for y in 0..<out.height {
        for x in 0..<out.width {
          let window = pool.window(y: y, x: x, width: shape.width)
          result.append(window.map { values[c * plane + $0] }.max()!)
        }
      }
    }
    return result
  }
}
