/// One evaluation point of a training run (any model family).
public struct TrainingLogEntry: Sendable, Hashable, Codable {
  /// Optimiser steps taken so far.
  public var iteration: Int
  /// The epoch the last step belonged to (0-based).
  public var epoch: Int
  /// Mean training loss over the steps since the previous entry (NaN when none).
  public var loss: Double
  /// Accuracy of the deployed model (for logic nets: the discretised net) on the (first
  /// samples of the) training set.
  public var trainAccuracy: Double
  /// Accuracy of the deployed model on the validation set, when one is given.
  public var validationAccuracy: Double?
  /// Accuracy of the deployed model on the test set, when one is given (never used to
  /// pick the best checkpoint).
  public var testAccuracy: Double?
  /// Wall-clock seconds since training started (evaluation time included).
  public var seconds: Double

  /// The accuracy that picks the best checkpoint: validation when present, else train.
  public var selectionAccuracy: Double { validationAccuracy ?? trainAccuracy }

  /// One line for a log file: `iter 2000 epoch 3 loss 0.4123 train 91.20% test 90.85% 12.3s`.
  public var line: String {
    var parts = [
      "iter \(iteration)", "epoch \(epoch)", "loss \(fixed(loss, 4))",
      "train \(percent(trainAccuracy))",
    ]
    if let v = validationAccuracy { parts.append("valid \(percent(v))") }
    if let t = testAccuracy { parts.append("test \(percent(t))") }
    parts.append("\(fixed(seconds, 1))s")
    return parts.joined(separator: " ")
  }
}

/// The outcome of a training run (``TrainingLoop/run(_:samples:sampleCount:evaluate:progress:)``).
public struct TrainingReport<Model: Sendable>: Sendable {
  /// The model after the last step.
  public var finalModel: Model
  /// The model at the evaluation with the best selection accuracy (the earliest on ties).
  public var bestModel: Model
  /// The log entry of the best model.
  public var best: TrainingLogEntry
  /// Every evaluation, in order.
  public var log: [TrainingLogEntry]
  /// Seconds spent in training steps only (no evaluation).
  public var stepSeconds: Double
  /// Samples processed per second of training steps.
  public var samplesPerSecond: Double
}

/// What a progress callback sees after each step.
public struct TrainingProgress: Sendable {
  /// Steps taken in this run.
  public var iteration: Int
  /// Steps this run will take.
  public var iterations: Int
  /// The last step's batch-mean loss.
  public var loss: Double
  /// The newest log entry, if this step ended with an evaluation.
  public var entry: TrainingLogEntry?
}

/// `x` with `digits` decimals (no locale, no Foundation formatting).
func fixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return "\(x)" }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let scaled = (abs(x) * scale).rounded()
  let whole = Int(scaled / scale)
  let frac = Int(scaled - Double(whole) * scale)
  let fracText = String(frac)
  let padded = String(repeating: "0", count: max(0, digits - fracText.count)) + fracText
  return (x < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + padded : "")
}

/// A fraction as a percentage with two decimals, e.g. `97.12%`.
func percent(_ fraction: Double) -> String { fixed(fraction * 100, 2) + "%" }
