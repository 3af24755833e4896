/// Where thermometer thresholds go.
public enum ThresholdPlacement: String, CaseIterable, Sendable {
  /// Evenly spaced over the training range [lo, hi] of the feature:
  /// `t_j = lo + ⌊(hi − lo) · j / (k + 1)⌋` for j = 1 … k (exact, in integers; since the
  /// values are integers, `x > t_j` is the same test as against the unrounded point).
  case uniform
  /// At training quantiles: with the feature's n training values sorted ascending as v,
  /// `t_j = v[⌊j · n / (k + 1)⌋]` for j = 1 … k (0-based index).
  case quantile
}

/// Binarises each feature into `k` bits with `k` thresholds fitted on training samples:
/// bit `j` of feature `f` is 1 exactly when the value is greater than threshold `j`.
///
/// Thresholds are non-decreasing in `j`, so a feature's bits form a thermometer code (all
/// ones up to some point). Feature `f`'s bits are output columns `f · k ..< (f + 1) · k`.
/// With `k = 1` this is plain threshold binarisation (e.g. MNIST pixels > 127 with uniform
/// placement). Repeated thresholds are kept, so every feature always has exactly `k` bits.
public struct ThermometerEncoder: Equatable, Sendable {
  /// Thresholds per feature (k).
  public let thresholdsPerFeature: Int
  /// How the thresholds were placed.
  public let placement: ThresholdPlacement
  /// Threshold `j` of feature `f` is `thresholds[f * k + j]`, in the feature's integer units.
  public let thresholds: [Int32]

  /// Fits `count` thresholds per feature on the rows of `training` (at least one row).
  public init(fittedOn training: IntMatrix, thresholdsPerFeature count: Int,
    placement: ThresholdPlacement) throws
  {
    guard (1...InputEncoding.maxThresholds).contains(count) else {
      throw DatasetError.invalidParameter(
        "thresholds per feature must be 1...\(InputEncoding.maxThresholds) (got \(count))")
    }
    guard training.rows > 0 else {
      throw DatasetError.invalidParameter("cannot fit thresholds on zero training samples")
    }
    thresholdsPerFeature = count
    self.placement = placement
    let ranges = ColumnRanges(training)
    switch placement {
    case .uniform:
      var t: [Int32] = []
      t.reserveCapacity(training.columns * count)
      for f in 0..<training.columns {
        let lo = Int64(ranges.low[f])
        let span = Int64(ranges.high[f]) - lo
        for j in 1...count { t.append(Int32(lo + span * Int64(j) / Int64(count + 1))) }
      }
      thresholds = t
    case .quantile:
      let ranks = (1...count).map { $0 * training.rows / (count + 1) }
      thresholds = ColumnOrderStatistics.values(of: training, ranges: ranges, atRanks: ranks)
    }
  }

  /// Number of features the encoder was fitted on.
  public var featureCount: Int { thresholds.count / thresholdsPerFeature }

  /// Output bits per sample.
  public var inputBitCount: Int { thresholds.count }

  /// The bits of each row of `inputs` (same feature count as the training matrix).
  public func encode(_ inputs: IntMatrix) -> BitMatrix {
    precondition(inputs.columns == featureCount, "feature count differs from the fitted one")
    let k = thresholdsPerFeature
    let features = featureCount
    let wordsPerRow = (features * k + 63) / 64
    var words = [UInt64](repeating: 0, count: inputs.rows * wordsPerRow)
    words.withUnsafeMutableBufferPointer { words in
      inputs.values.withUnsafeBufferPointer { values in
        thresholds.withUnsafeBufferPointer { t in
          for r in 0..<inputs.rows {
            let row = values.baseAddress! + r * features
            let outRow = words.baseAddress! + r * wordsPerRow
            var word: UInt64 = 0
            var bit = 0
            var wordIndex = 0
            for f in 0..<features {
              let x = row[f]
              for j in 0..<k {
                if x > t[f * k + j] { word |= 1 &<< UInt64(bit) }
                bit &+= 1
                if bit == 64 {
                  outRow[wordIndex] = word
                  wordIndex &+= 1
                  word = 0
                  bit = 0
                }
              }
            }
            if bit > 0 { outRow[wordIndex] = word }
          }
        }
      }
    }
    return BitMatrix(rows: inputs.rows, columns: features * k, words: words)
  }
}
