/// A classification accuracy as the exact count it comes from, with the one rounding rule all
/// commands print it with.
public struct Accuracy: Equatable, Sendable {
  /// Correctly classified samples.
  public let correct: Int
  /// Samples evaluated.
  public let total: Int

  /// The accuracy of `correct` out of `total` samples.
  public init(correct: Int, total: Int) {
    precondition(total >= 0 && correct >= 0 && correct <= total, "0 ≤ correct ≤ total")
    self.correct = correct
    self.total = total
  }

  /// The accuracy of predictions against labels (equal lengths).
  public init(predictions: [Int], labels: [Int]) {
    precondition(predictions.count == labels.count, "one prediction per label")
    self.init(correct: zip(predictions, labels).count { $0 == $1 }, total: labels.count)
  }

  /// The percentage with two decimals, rounded half up from the exact ratio (computed in
  /// integers): `97.35%`, `100.00%`; `0.00%` when nothing was evaluated.
  public var percentText: String {
    guard total > 0 else { return "0.00%" }
    let hundredths = (correct * 20_000 / total + 1) / 2
    let whole = hundredths / 100
    let fraction = hundredths % 100
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
  }
}
