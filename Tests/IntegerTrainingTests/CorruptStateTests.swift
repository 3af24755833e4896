import FixedPoint
import IntegerTraining
import Testing

/// A saved training state whose network or counters could not come from its configuration (a
/// hand-edited or corrupted `checkpoint.json`) is refused with the field named, before any
/// step could trap on it.
@Suite struct CorruptStateTests {
  static let convolutional = WAGEUBNArchitecture(
    input: [6, 6, 2],
    stages: [
      .convolution(channels: 3, stride: 1, padding: 1), .batchNorm, .activation, .maxPool,
      .dense(outputs: 4),
    ], name: "small-cnn")

  /// A fresh network of the small CNN in `arithmetic`, and its problem after `edit`.
  func problem(
    _ arithmetic: WAGEUBNArithmetic, _ edit: (inout WAGEUBNNetwork) -> Void
  ) -> String? {
    let make = {
      WAGEUBNNetwork(
        architecture: Self.convolutional, seed: 3, arithmetic: arithmetic, rounding: .rndConv,
        batchNormBound: 127)
    }
    var network = make()
    #expect(network.problem(against: make(), rounding: .rndConv, batchNormBound: 127) == nil)
    edit(&network)
    return network.problem(against: make(), rounding: .rndConv, batchNormBound: 127)
  }

  /// Applies `edit` to the weights of stage `s` (dense or convolution).
  static func weights(_ s: Int, _ edit: @escaping (inout WAGEUBNDenseLayer) -> Void)
    -> (inout WAGEUBNNetwork) -> Void
  {
    { network in
      switch network.stages[s] {
      case .dense(var layer):
        edit(&layer)
        network.stages[s] = .dense(layer)
      case .convolution(var layer):
        edit(&layer.weights)
        network.stages[s] = .convolution(layer)
      default: Issue.record("stage \(s) has no weights")
      }
    }
  }

  /// Applies `edit` to the batch norm of stage 1.
  static func batchNorm(_ edit: @escaping (inout WAGEUBNBatchNormLayer) -> Void)
    -> (inout WAGEUBNNetwork) -> Void
  {
    { network in
      guard case .batchNorm(var layer) = network.stages[1] else {
        Issue.record("stage 1 is batch norm")
        return
      }
      edit(&layer)
      network.stages[1] = .batchNorm(layer)
    }
  }

  @Test func networksThatCannotBeTheConfigurationsAreRefused() {
    let limit = WAGEUBNNetwork.savedCodeLimit
    let cases: [(WAGEUBNArithmetic, (inout WAGEUBNNetwork) -> Void, String)] = [
      (.integer, Self.weights(0) { _ = $0.forward.popLast() }, "conv1: forward has 53 values"),
      (.integer, Self.weights(4) { _ = $0.master.popLast() }, "dense1: master has 107 values"),
      (.integer, Self.weights(4) { $0.momentum.append(0) }, "dense1: momentum has 109 values"),
      (.integer, Self.weights(4) { $0.master[5] = limit + 1 }, "dense1: master[5] is beyond"),
      (.integer, Self.weights(0) { $0.momentum[0] = -limit - 1 }, "conv1: momentum[0] is beyond"),
      (.integer, Self.weights(0) { $0.forward[2] += 1 }, "conv1: forward[2] is not the quantized"),
      (
        .floatReference, Self.weights(4) { $0.forward[1] = 128 },
        "dense1: forward[1] is beyond ±127"
      ),
      (
        .floatReference, Self.weights(4) { $0.floatMaster.removeAll() },
        "dense1: floatMaster has 0 values"
      ),
      (.integer, Self.batchNorm { $0.gamma.forward[0] = 126 }, "bn1: gamma: forward[0]"),
      (.integer, Self.batchNorm { $0.runningVariance[1] = -1 }, "bn1: runningVariance[1]"),
      (.integer, Self.batchNorm { _ = $0.runningMean.popLast() }, "bn1: runningMean has 2"),
      (.integer, { $0.stages[2] = .maxPool(height: 6, width: 6, channels: 3) }, "relu1: is not"),
      (.integer, { $0.stages[3] = .maxPool(height: 4, width: 6, channels: 3) }, "pool1: pools"),
      (.integer, { $0.stages.removeLast() }, "the network has 4 stages, the model 5"),
    ]
    for (arithmetic, edit, expected) in cases {
      let problem = problem(arithmetic, edit)
      #expect(problem?.contains(expected) == true, "\(expected): \(problem ?? "accepted")")
    }
  }

  @Test func countersThatCannotBeARunsAreRefused() {
    let network = WAGEUBNNetwork(
      architecture: .mlp([5, 4, 3]), seed: 1, arithmetic: .integer, rounding: .rndConv,
      batchNormBound: .max)
    let fresh = network.emptyStatistics(plan: .reference)
    #expect(fresh.allSatisfy { $0.problem(against: $0) == nil })
    var huge = fresh[0]
    huge.accumulators["forward"]!.events.additions = LayerStatistics.savedCountLimit + 1
    #expect(huge.problem(against: fresh[0])?.contains("accumulator forward") == true)
    var declared = fresh[1]
    declared.accumulators["gradient"]!.declared = Accumulator(width: 9, overflow: .saturate)
    #expect(declared.problem(against: fresh[1])?.contains("gradient is declared") == true)
    var exponent = fresh[0]
    exponent.tensors["E2"] = TensorRecord()
    exponent.tensors["E2"]!.shiftExponents = [-7, Int.min]
    #expect(exponent.problem(against: fresh[0])?.contains("shift exponent") == true)
    var updates = fresh[1]
    updates.updates.flips = -1
    #expect(updates.problem(against: fresh[1])?.contains("update count") == true)
    #expect(fresh[1].problem(against: fresh[0])?.contains("not those of layer dense1") == true)
  }
}
