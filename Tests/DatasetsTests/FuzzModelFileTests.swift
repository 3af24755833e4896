import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// Mutation fuzzing (the shared ``Fuzzer`` and ``FuzzHarness``) of the two JSON files a user
/// can feed: difflogic-net interchange and trained-model files. A file either loads into a
/// net that validates and evaluates, or throws a ``LogicNetsError`` with a one-line message;
/// never a trap, a hang, or a net larger than its file allows.
@Suite struct FuzzModelFileTests {
  /// What is wrong with `net` loaded from a file of `fileSize` bytes, or `nil`: it must
  /// validate, be no larger than its file, and evaluate the all-zero sample.
  static func check(_ net: DiscreteLogicNet, fileSize: Int) -> String? {
    do { _ = try net.validated() } catch { return "loaded a net that fails validation: \(error)" }
    guard net.inputs <= DiscreteLogicNet.maxInputs && net.gateCount <= fileSize else {
      return "\(net.inputs) inputs, \(net.gateCount) gates from \(fileSize) bytes"
    }
    guard net.counts([Bool](repeating: false, count: net.inputs)).count == net.classes else {
      return "counts do not have one entry per class"
    }
    return nil
  }

  /// Runs `count` mutations of `seeds`; expects no failures and both outcomes.
  static func fuzz<Output>(
    _ name: String, seeds: [Data], seed: UInt64, count: Int,
    parse: (Data) throws(LogicNetsError) -> Output, check: (Output) -> String?
  ) {
    let report = FuzzHarness.run(
      name, seeds: seeds, seed: seed, count: count, parse: parse, check: check)
    print(report)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.tried >= count / 2, "\(report)")
    #expect(report.accepted > 0 && report.rejected > 0, "\(report)")
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
    ].map { Data($0.utf8) }
    Self.fuzz(
      "difflogic-net", seeds: seeds, seed: 0xD1FF_0005, count: 20000,
      parse: { (input: Data) throws(LogicNetsError) in
        (try DiscreteLogicNet(interchangeJSON: input), input.count)
      },
      check: { net, size in Self.check(net, fileSize: size) })
  }

  @Test func trainedModelJSON() throws {
    let config = LogicNetConfig(
      inputs: 3, layerWidths: [4, 2], classes: 2, tau: 1.5, connections: .random,
      initialization: .residual(z: 2), seed: 5, gradFactor: 1)
    let model = try LogicNetModel(config: config)
    let adam = AdamState(
      m: [[Float](repeating: 0.5, count: 64), [Float](repeating: 0, count: 32)],
      v: [[Float](repeating: 0.25, count: 64), [Float](repeating: 0, count: 32)], step: 3)
    Self.fuzz(
      "model", seeds: [model.fileData(adam: adam), model.fileData()], seed: 0x10D_0006,
      count: 10000,
      parse: { (input: Data) throws(LogicNetsError) in
        (try LogicNetModel.load(fileData: input).0, input.count)
      },
      check: { loaded, size in
        guard loaded.layers.allSatisfy({ $0.logits.allSatisfy(\.isFinite) }) else {
          return "non-finite logits accepted"
        }
        return Self.check(loaded.discretized(), fileSize: size)
      })
  }
}
