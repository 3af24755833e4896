import BinarizedNets

/// Small convolutional nets that cover the cases of the front: padding and stride, windows
/// mostly in the padding, patches wider than a word, integer first convolutions (signed and
/// unsigned, `int<K>` weights), max-pools first, overlapping and not.
public enum ConvolutionNetShapes {
  /// Input, image, front, dense layers.
  public static let all:
    [(InputFormat, ImageShape, [RandomConvolutionNets.Layer], [(WeightMode, Int)])] = [
      (
        .bits, ImageShape(channels: 2, height: 7, width: 6),
        [
          .conv(.binary, 5, kernel: 3, stride: 1, padding: 1), .pool(2, stride: 2),
          .conv(.ternary, 9, kernel: 2, stride: 1, padding: 0),
        ],
        [(.binary, 4)]
      ),
      (
        .integers(bits: 8, signed: false), ImageShape(channels: 1, height: 9, width: 9),
        [
          .conv(.integer(bits: 4), 8, kernel: 3, stride: 2, padding: 1),
          .conv(.binary, 10, kernel: 3, stride: 1, padding: 2), .pool(3, stride: 2),
        ],
        [(.ternary, 6), (.binary, 3)]
      ),
      (
        .integers(bits: 5, signed: true), ImageShape(channels: 3, height: 5, width: 5),
        [.conv(.ternary, 4, kernel: 1, stride: 1, padding: 0), .pool(2, stride: 1)],
        [(.binary, 2)]
      ),
      (
        .bits, ImageShape(channels: 1, height: 4, width: 4), [.pool(2, stride: 2)],
        [(.binary, 3)]
      ),
      (
        .integers(bits: 3, signed: false), ImageShape(channels: 2, height: 6, width: 6),
        [.conv(.binary, 3, kernel: 5, stride: 3, padding: 4)], [(.ternary, 2)]
      ),
    ]

  /// A random net of shape `i`.
  public static func make(_ i: Int, using random: inout SeededRandom) -> BinarizedNet {
    let (input, image, features, dense) = all[i]
    return RandomConvolutionNets.make(
      input: input, image: image, features: features, dense: dense, using: &random)
  }
}

extension ConvolutionNetShapes {
  /// The `bittrue-bnn` text of a tiny random CNN for the command-line tests: a 1×8×8 image
  /// of 4-bit pixels → 3×3 int3 conv, 4 channels (padding 1) → 2×2 max-pool → 3×3 binary
  /// conv, 4 channels (padding 1) → dense, 3 classes.
  public static func tinyFileText(seed: UInt64) -> String {
    var random = SeededRandom(seed: seed)
    return RandomConvolutionNets.make(
      input: .integers(bits: 4, signed: false), image: ImageShape(channels: 1, height: 8, width: 8),
      features: [
        .conv(.integer(bits: 3), 4, kernel: 3, stride: 1, padding: 1), .pool(2, stride: 2),
        .conv(.binary, 4, kernel: 3, stride: 1, padding: 1),
      ],
      dense: [(.binary, 3)], using: &random
    ).fileText()
  }
}
