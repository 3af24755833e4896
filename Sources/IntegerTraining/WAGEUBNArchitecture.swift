/// The layout of a WAGEUBN network: the input image shape and the stages that follow it.
/// Every tensor is channel-last (`[height, width, channels]` per sample); a dense stage
/// flattens its input in that order.
public struct WAGEUBNArchitecture: Sendable, Hashable, Codable {
  /// One stage of the layout.
  public enum Stage: Sendable, Hashable, Codable {
    /// `y = W·a` over the flattened input (no bias).
    case dense(outputs: Int)
    /// A 3×3 convolution (cross-correlation, no bias) with zero `padding` (0…2) on every
    /// border and `stride` in both directions.
    case convolution(channels: Int, stride: Int, padding: Int)
    /// Batch norm over the channels (statistics over batch, height and width).
    case batchNorm
    /// ReLU, then `Q(·, 8)` (the activation quantizer A).
    case activation
    /// 2×2 max-pool with stride 2 (odd borders dropped).
    case maxPool
  }

  /// `[height, width, channels]` of one input sample.
  public var input: [Int]
  /// The stages, input first; the last is dense (its accumulator gives the logits).
  public var stages: [Stage]
  /// The name the CLI spells (`mlp:784-256-10`, `lenet`).
  public var name: String

  /// A layout.
  public init(input: [Int], stages: [Stage], name: String) {
    self.input = input
    self.stages = stages
    self.name = name
  }

  /// The multilayer perceptron of `widths` (input first): dense stages with an activation
  /// between consecutive ones.
  public static func mlp(_ widths: [Int]) -> WAGEUBNArchitecture {
    var stages: [Stage] = []
    for w in widths.dropFirst() {
      if !stages.isEmpty { stages.append(.activation) }
      stages.append(.dense(outputs: w))
    }
    return WAGEUBNArchitecture(
      input: [1, 1, widths.first ?? 0], stages: stages,
      name: "mlp:" + widths.map(String.init).joined(separator: "-"))
  }

  /// The LeNet-style CNN for 28×28 grey images and 10 classes:
  /// `conv3×3(16) → BN → ReLU/Q → maxpool 2 → conv3×3(32) → BN → ReLU/Q → maxpool 2 →
  /// dense(10)` (padding 1, stride 1; 28×28×1 → 14×14×16 → 7×7×32 = 1568 → 10).
  public static let lenet = WAGEUBNArchitecture(
    input: [28, 28, 1],
    stages: [
      .convolution(channels: 16, stride: 1, padding: 1), .batchNorm, .activation, .maxPool,
      .convolution(channels: 32, stride: 1, padding: 1), .batchNorm, .activation, .maxPool,
      .dense(outputs: 10),
    ], name: "lenet")

  /// The shape after each stage (`shapes[0]` is the input's, `shapes[s + 1]` stage `s`'s
  /// output), or why the layout is invalid.
  public func shapes() -> Result<[[Int]], WAGEUBNArchitectureError> {
    guard input.count == 3, input.allSatisfy({ $0 >= 1 }) else {
      return .failure(.init(description: "the input shape must be three positive sizes"))
    }
    guard case .dense = stages.last else {
      return .failure(.init(description: "the last stage must be dense"))
    }
    var shapes = [input]
    for (s, stage) in stages.enumerated() {
      let (h, w, c) = (shapes[s][0], shapes[s][1], shapes[s][2])
      switch stage {
      case .dense(let outputs):
        guard outputs >= 1 else {
          return .failure(.init(description: "stage \(s + 1): no outputs"))
        }
        shapes.append([1, 1, outputs])
      case .convolution(let channels, let stride, let padding):
        guard channels >= 1, stride >= 1, (0...2).contains(padding), h + 2 * padding >= 3,
          w + 2 * padding >= 3
        else {
          return .failure(
            .init(
              description: "stage \(s + 1): a 3×3 convolution needs channels ≥ 1, "
                + "stride ≥ 1, padding 0…2 and an input at least 3×3 once padded"))
        }
        shapes.append([
          (h + 2 * padding - 3) / stride + 1, (w + 2 * padding - 3) / stride + 1, channels,
        ])
      case .batchNorm, .activation:
        shapes.append([h, w, c])
      case .maxPool:
        guard h >= 2, w >= 2 else {
          return .failure(.init(description: "stage \(s + 1): max-pool needs at least 2×2"))
        }
        shapes.append([h / 2, w / 2, c])
      }
    }
    return .success(shapes)
  }

  /// The most codes one sample occupies in any stage's working arrays (activations, and a
  /// convolution's patch matrices forward and backward), for a valid layout; 0 otherwise.
  public var largestPerSample: Int {
    guard case .success(let shapes) = shapes() else { return 0 }
    var largest = shapes.map { $0.reduce(1, *) }.max() ?? 0
    for (s, stage) in stages.enumerated() {
      guard case .convolution(let channels, _, _) = stage else { continue }
      let (input, output) = (shapes[s], shapes[s + 1])
      largest = max(
        largest, output[0] * output[1] * 9 * input[2], (input[0] + 2) * (input[1] + 2) * channels,
        input[0] * input[1] * 9 * channels)
    }
    return largest
  }

  /// Values per input sample.
  public var inputCount: Int { input.reduce(1, *) }
}

/// Why a ``WAGEUBNArchitecture`` cannot be built.
public struct WAGEUBNArchitectureError: Error, Sendable, CustomStringConvertible {
  /// One line.
  public var description: String
}
