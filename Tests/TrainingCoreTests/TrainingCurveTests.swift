import Testing

@testable import TrainingCore

@Suite struct TrainingCurveTests {
  private let entries = [
    TrainingLogEntry(
      iteration: 100, epoch: 0, loss: 0.6, trainAccuracy: 0.7, validationAccuracy: nil,
      testAccuracy: 0.65, seconds: 1),
    TrainingLogEntry(
      iteration: 200, epoch: 1, loss: 0.3, trainAccuracy: 0.9, validationAccuracy: nil,
      testAccuracy: 0.85, seconds: 2),
  ]

  @Test func svgCurveShowsEverySeries() {
    let svg = TrainingCurveSVG.render(entries, title: "a < b & c", accuracyAxis: "acc (x)")
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("a &lt; b &amp; c"))
    #expect(svg.contains(">acc (x)</text>"))
    #expect(svg.components(separatedBy: "<polyline").count == 4)  // loss, train, test
  }

  @Test func logLinesAreFixedFormat() {
    #expect(entries[1].line == "iter 200 epoch 1 loss 0.3000 train 90.00% test 85.00% 2.0s")
    var withValidation = entries[0]
    withValidation.validationAccuracy = 0.5
    withValidation.testAccuracy = nil
    #expect(withValidation.line == "iter 100 epoch 0 loss 0.6000 train 70.00% valid 50.00% 1.0s")
  }

  /// The highest selection accuracy wins, the earliest on ties; validation outranks train.
  @Test func bestCheckpointPrefersValidationAndTheEarliestTie() {
    func entry(_ iteration: Int, train: Double, validation: Double?) -> TrainingLogEntry {
      TrainingLogEntry(
        iteration: iteration, epoch: 0, loss: 1, trainAccuracy: train,
        validationAccuracy: validation, testAccuracy: 0.99, seconds: 0)
    }
    var best = BestCheckpoint<Int>()
    best.offer(entry(1, train: 0.9, validation: 0.5)) { 1 }
    best.offer(entry(2, train: 0.99, validation: 0.5)) { 2 }
    best.offer(entry(3, train: 0.1, validation: 0.6)) { 3 }
    best.offer(entry(4, train: 0.1, validation: 0.6)) { 4 }
    best.offer(entry(5, train: 1.0, validation: 0.55)) { 5 }
    #expect(best.best?.model == 3)
    #expect(best.best?.entry.iteration == 3)
  }
}
