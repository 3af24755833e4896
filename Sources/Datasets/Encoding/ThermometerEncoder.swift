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

/// Binarises each feature into bits with thresholds fitted on training samples: bit `j` of a
/// feature is 1 exactly when its value is greater than the feature's threshold `j`.
///
/// A numeric feature gets `k` thresholds, non-decreasing in `j`, so its bits form a
/// thermometer code (all ones up to some point); repeated thresholds are kept, so it always
/// has exactly `k` bits. A one-hot feature (already 0/1) gets one bit, itself (threshold 0),
/// whatever `k` is. Features' bits follow each other in feature order (see
/// ``bitRange(ofFeature:)``). With `k = 1` this is plain threshold binarisation (e.g. MNIST
/// pixels > 127 with uniform placement).
public struct ThermometerEncoder: Equatable, Sendable {
  /// Thresholds per numeric feature (k).
  public let thresholdsPerFeature: Int
  /// How the thresholds were placed.
  public let placement: ThresholdPlacement
  /// Every feature's thresholds, feature after feature, in the features' integer units.
  public let thresholds: [Int32]
  /// Where each feature's bits (and thresholds) start; one more entry gives the end.
  package let offsets: [Int]

  /// Fits thresholds on the rows of `training` (at least one row). `features` describes the
  /// columns (one-hot ones get a single bit); without it every column is numeric.
  public init(
    fittedOn training: IntMatrix, features: [FeatureColumn]? = nil,
    thresholdsPerFeature count: Int, placement: ThresholdPlacement
  ) throws {
    guard (1...InputEncoding.maxThresholds).contains(count) else {
      throw DatasetError.invalidParameter(
        "thresholds per feature must be 1...\(InputEncoding.maxThresholds) (got \(count))")
    }
    guard training.rows > 0 else {
      throw DatasetError.invalidParameter("cannot fit thresholds on zero training samples")
    }
    precondition(
      features == nil || features!.count == training.columns, "one description per column")
    thresholdsPerFeature = count
    self.placement = placement
    let isOneHot = (0..<training.columns).map { f -> Bool in
      guard let features, case .oneHot = features[f].kind else { return false }
      return true
    }
    var offsets = [0]
    for f in 0..<training.columns { offsets.append(offsets[f] + (isOneHot[f] ? 1 : count)) }
    self.offsets = offsets
    let ranges = ColumnRanges(training)
    let quantiles: [Int32]
    switch placement {
    case .uniform:
      quantiles = []
    case .quantile:
      let ranks = (1...count).map { $0 * training.rows / (count + 1) }
      quantiles = ColumnOrderStatistics.values(of: training, ranges: ranges, atRanks: ranks)
    }
    var t: [Int32] = []
    t.reserveCapacity(offsets[training.columns])
    for f in 0..<training.columns {
      if isOneHot[f] {
        t.append(0)
        continue
      }
      switch placement {
      case .uniform:
        let lo = Int64(ranges.low[f])
        let span = Int64(ranges.high[f]) - lo
        for j in 1...count { t.append(Int32(lo + span * Int64(j) / Int64(count + 1))) }
      case .quantile:
        t += quantiles[f * count..<(f + 1) * count]
      }
    }
    thresholds = t
  }

  /// Number of features the encoder was fitted on.
  public var featureCount: Int { offsets.count - 1 }

  /// Output bits per sample.
  public var inputBitCount: Int { thresholds.count }

  /// The output columns (and threshold indices) of feature `f`.
  public func bitRange(ofFeature f: Int) -> Range<Int> { offsets[f]..<offsets[f + 1] }

  /// The bits of each row of `inputs` (same feature count as the training matrix).
  public func encode(_ inputs: IntMatrix) -> BitMatrix {
    precondition(inputs.columns == featureCount, "feature count differs from the fitted one")
    let features = featureCount
    let columns = inputBitCount
    let wordsPerRow = (columns + 63) / 64
    var words = [UInt64](repeating: 0, count: inputs.rows * wordsPerRow)
    words.withUnsafeMutableBufferPointer { words in
      thresholds.withUnsafeBufferPointer { t in
        offsets.withUnsafeBufferPointer { offsets in
          inputs.forEachRow { r, row in
            let outRow = words.baseAddress! + r * wordsPerRow
            var word: UInt64 = 0
            var bit = 0
            var wordIndex = 0
            for f in 0..<features {
              let x = row[f]
              for i in offsets[f]..<offsets[f + 1] {
                let set: UInt64 = x > t[i] ? 1 : 0  // branch-free: the outcome is data
                word |= set &<< UInt64(bit)
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
    return BitMatrix(rows: inputs.rows, columns: columns, words: words)
  }
}
