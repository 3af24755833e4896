/// The largest sizes a training run accepts, checked before anything is allocated so that a
/// mistyped flag is a one-line error rather than an allocation failure, an overflow trap or
/// memory that grows without end.
///
/// | limit | value | why |
/// |---|---|---|
/// | threads | 1,024 | more cores than any machine we target (the CLI defaults to the core count) |
/// | partitions | 1,024 | each part owns a worker with scratch memory |
/// | trainable parameters | 2²⁸ (268,435,456) | ≈ 4 GB of Adam state in `Float` (weights, two moments, one more row) |
/// | worker rows | 2²⁶ (67,108,864) | partitions × per-sample activations of one worker |
public enum TrainingLimits {
  /// The most threads a run uses.
  public static let maximumThreads = 1024
  /// The most parts a mini-batch is split into.
  public static let maximumPartitions = 1024
  /// The most trainable parameters (`Float`s) of one model.
  public static let maximumParameters = 1 << 28
  /// The most activation rows over all partition workers (partitions × rows per worker).
  public static let maximumWorkerRows = 1 << 26

  /// Throws unless `threads` and `partitions` are within their limits.
  public static func check(threads: Int, partitions: Int) throws(TrainingError) {
    guard (1...maximumThreads).contains(threads) else {
      throw .invalidOption("threads must be in 1...\(maximumThreads), got \(threads)")
    }
    guard (1...maximumPartitions).contains(partitions) else {
      throw .invalidOption("partitions must be in 1...\(maximumPartitions), got \(partitions)")
    }
  }

  /// Throws unless `partitions` workers of `rows` activation rows each stay within
  /// ``maximumWorkerRows`` (the product is computed without overflow).
  public static func check(partitions: Int, rowsPerWorker rows: Int) throws(TrainingError) {
    let (total, overflow) = partitions.multipliedReportingOverflow(by: rows)
    guard !overflow && total <= maximumWorkerRows else {
      throw .invalidOption(
        "\(partitions) partitions × \(rows) rows exceed the worker budget of "
          + "\(maximumWorkerRows) rows; use fewer partitions")
    }
  }
}
