import Foundation
import Testing
import _TestSupport

@testable import LogicNets

@Suite struct ModelFileTests {
  private func trainedSmallModel() async throws -> (LogicNetTrainer, LogicDataset) {
    let config = LogicNetConfig(
      inputs: 8, layerWidths: [24, 16], classes: 2, tau: 1.5, connections: .random,
      initialization: .residual(z: 2.5), seed: 21, gradFactor: 1.25)
    var rng = SeededRandom(seed: 21)
    let bits = (0..<64 * 8).map { _ in UInt8.random(in: 0...1, using: &rng) }
    let labels = (0..<64).map { s in Int32(bits[s * 8] ^ bits[s * 8 + 3]) }
    let data = try LogicDataset(bits: bits, inputs: 8, labels: labels)
    var trainer = try LogicNetTrainer(
      model: LogicNetModel(config: config), options: TrainingOptions(iterations: 5, batchSize: 16))
    _ = try await trainer.train(on: data)
    return (trainer, data)
  }

  @Test func modelAndAdamStateRoundTripExactly() async throws {
    let (trainer, _) = try await trainedSmallModel()
    let model = trainer.model
    let adam = trainer.adamState
    let (loaded, loadedAdam) = try LogicNetModel.load(fileData: model.fileData(adam: adam))
    #expect(loaded == model)
    #expect(loaded.weightsDigest.hexDigest == model.weightsDigest.hexDigest)
    #expect(loadedAdam == adam)
    #expect(loaded.config == model.config)
    let (withoutAdam, none) = try LogicNetModel.load(fileData: model.fileData())
    #expect(withoutAdam == model && none == nil)
  }

  /// Saving, loading and continuing gives the same weights as never stopping.
  @Test func resumedTrainingMatchesUninterruptedTraining() async throws {
    var (trainer, data) = try await trainedSmallModel()
    let (model, adam) = try LogicNetModel.load(
      fileData: trainer.model.fileData(adam: trainer.adamState))
    var resumed = try LogicNetTrainer(
      model: model, options: trainer.options, adam: adam)
    for batch in [Array(0..<16), Array(16..<40), Array(5..<9)] {
      _ = try await trainer.step(batch: batch, data: data)
      _ = try await resumed.step(batch: batch, data: data)
    }
    #expect(resumed.model.weightsDigest.hexDigest == trainer.model.weightsDigest.hexDigest)
  }

  @Test func malformedFilesGiveOneLineErrors() throws {
    let model = try LogicNetModel(
      config: LogicNetConfig(inputs: 2, layerWidths: [2], classes: 2, tau: 1, connections: .random))
    let text = String(decoding: model.fileData(), as: UTF8.self)
    func message(_ edited: String) -> String {
      do {
        _ = try LogicNetModel.load(fileData: Data(edited.utf8))
        return "no error"
      } catch { return error.description }
    }
    let shortLogits = text.replacingOccurrences(of: "\"logits\":\"", with: "\"logits\":\"00")
    #expect(
      message(shortLogits)
        == "field 'layers[0].logits': expected 256 hex digits (32 floats), got 258")
    #expect(
      message(text.replacingOccurrences(of: "\"classes\":2", with: "\"classes\":3"))
        == "group_sum: last layer has 2 neurons, not a multiple of k = 3")
    #expect(
      message(text.replacingOccurrences(of: "\"inputs\":2", with: "\"inputz\":2"))
        == "malformed JSON: not a bittrue-logicnet file (missing 'config.inputs')")
    #expect(
      message(text.replacingOccurrences(of: "\"inputs\":2", with: "\"inputs\":2,\"inputs\":3"))
        .hasSuffix(": duplicate key \"inputs\""))
    #expect(
      message(text.replacingOccurrences(of: "\"inputs\":2", with: "\"inputs\":4611686018427387904"))
        == "field 'config.inputs': 4611686018427387904 is outside 1...1048576")
  }

  /// A model whose logits or Adam moments hold NaN or an infinity is rejected, naming the
  /// field and the float.
  @Test func nonFiniteParametersAreRejected() throws {
    let model = try LogicNetModel(
      config: LogicNetConfig(inputs: 2, layerWidths: [2], classes: 2, tau: 1, connections: .random))
    let adam = AdamState(
      m: [[Float](repeating: 0, count: 32)], v: [[Float](repeating: 0, count: 32)], step: 1)
    let text = String(decoding: model.fileData(adam: adam), as: UTF8.self)
    func message(_ edited: String) -> String {
      do {
        _ = try LogicNetModel.load(fileData: Data(edited.utf8))
        return "no error"
      } catch { return error.description }
    }
    for (pattern, name) in [("7fc00000", "nan"), ("7f800000", "inf"), ("ff800000", "-inf")] {
      let logits = text.replacingOccurrences(
        of: "\"logits\":\"", with: "\"logits\":\"\(pattern)")
      #expect(
        message(dropFirstFloat(logits, after: "\"logits\":\"\(pattern)"))
          == "field 'layers[0].logits': float 0 is not finite (\(name))")
    }
    let m = text.replacingOccurrences(
      of: "\"m\":[\"00000000", with: "\"m\":[\"7f800000")
    #expect(message(m) == "field 'adam.m[0]': float 0 is not finite (inf)")
  }

  /// `text` with the 8 hex digits that follow `marker` removed (keeps the float count).
  private func dropFirstFloat(_ text: String, after marker: String) -> String {
    guard let range = text.range(of: marker) else { return text }
    let start = range.upperBound
    let end = text.index(start, offsetBy: 8)
    return text.replacingCharacters(in: start..<end, with: "")
  }
}
