/// Keeps the model of the best evaluation so far: the highest
/// ``TrainingLogEntry/selectionAccuracy`` (validation accuracy when there is a validation
/// set, else training accuracy — never test accuracy), the earliest on ties.
package struct BestCheckpoint<Model: Sendable>: Sendable {
  /// The best entry and its model, once anything was offered.
  package private(set) var best: (entry: TrainingLogEntry, model: Model)?

  /// An empty tracker.
  package init() {}

  /// Keeps `model` (made only when needed) if `entry` beats the best so far.
  package mutating func offer(_ entry: TrainingLogEntry, model: () -> Model) {
    if let best, entry.selectionAccuracy <= best.entry.selectionAccuracy { return }
    best = (entry, model())
  }
}
