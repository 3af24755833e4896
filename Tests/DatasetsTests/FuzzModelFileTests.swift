import Foundation
import Testing

@testable import LogicNets

/// Mutation fuzzing of the two JSON files a user can feed: difflogic-net interchange and
/// trained-model files. A file either loads into a net that validates and evaluates, or throws
/// a ``LogicNetsError``; never a trap, a hang, or a net larger than its file allows.
@Suite struct FuzzModelFileTests {
  static func isTyped(_ error: any Error) -> Bool { error is LogicNetsError }

  /// Evaluates `net` on the all-zero sample: it must be structurally sound.
  static func check(_ net: DiscreteLogicNet, fileSize: Int) throws {
    _ = try net.validated()
    #expect(net.inputs <= DiscreteLogicNet.maxInputs && net.gateCount <= fileSize)
    #expect(net.counts([Bool](repeating: false, count: net.inputs)).count == net.classes)
  }

  @Test func difflogicNetJSON() {
    let seeds = [
      """
      {"format":"difflogic-net","version":1,"inputs":4,
       "layers":[{"gates":[1,6,14,3],"a":[0,1,2,3],"b":[1,2,3,0]},
                 {"gates":[7,8],"a":[0,2],"b":[1,3]}],
       "group_sum":{"k":2,"tau":10}}
      """,
      #"{"format":"difflogic-net","version":1,"inputs":2,"layers":[{"gates":[15],"a":[1],"b":[0]}],"group_sum":{"k":1,"tau":0.5},"x":"\u00e9"}"#,
    ].map { Array($0.utf8) }
    let report = FuzzMutator.run(
      "difflogic-net", seeds: seeds, seed: 0xD1FF_0005, count: 20000,
      isTyped: FuzzModelFileTests.isTyped
    ) { input in
      let net = try DiscreteLogicNet(interchangeJSON: Data(input))
      try FuzzModelFileTests.check(net, fileSize: input.count)
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func trainedModelJSON() throws {
    let config = LogicNetConfig(
      inputs: 3, layerWidths: [4, 2], classes: 2, tau: 1.5, connections: .random,
      initialization: .residual(z: 2), seed: 5, gradFactor: 1)
    let model = try LogicNetModel(config: config)
    let adam = AdamState(
      m: [[Float](repeating: 0.5, count: 64), [Float](repeating: 0, count: 32)],
      v: [[Float](repeating: 0.25, count: 64), [Float](repeating: 0, count: 32)], step: 3)
    let seeds = [[UInt8](model.fileData(adam: adam)), [UInt8](model.fileData())]
    let report = FuzzMutator.run(
      "model", seeds: seeds, seed: 0x10D_0006, count: 10000, isTyped: FuzzModelFileTests.isTyped
    ) { input in
      let (loaded, _) = try LogicNetModel.load(fileData: Data(input))
      #expect(loaded.layers.allSatisfy { $0.logits.allSatisfy(\.isFinite) })
      try FuzzModelFileTests.check(loaded.discretized(), fileSize: input.count)
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }
}
