import Datasets
import FixedPoint

/// The facts `bittrue data info` prints, as text or JSON.
struct DataInfoReport: Encodable {
  struct Features: Encodable {
    var total: Int
    var numeric: Int
    var oneHot: Int
    var categoricalColumns: Int
  }

  struct Split: Encodable {
    /// `official` or `seeded`.
    var kind: String
    /// The split seed (seeded splits only).
    var seed: UInt64?
    /// The test share of a seeded split: `ceil(rows / 5)` rows.
    var testShare: String?
  }

  struct Part: Encodable {
    var samples: Int
    /// Training samples before `--limit` (training only).
    var samplesBeforeLimit: Int?
    var classCounts: [Int]
  }

  struct Encoding: Encodable {
    /// `raw`, `thermometer` or `fixed`.
    var kind: String
    var thresholdsPerFeature: Int?
    var thresholdPlacement: String?
    var fixedPoint: FixedPointFacts?
    var inputBits: Int
  }

  /// The fixed-point encoding: its parameters and what rounding and overflow did to each split.
  struct FixedPointFacts: Encodable {
    var format: String
    var rounding: String
    var overflow: String
    /// `none` or `power-of-two`.
    var featureScale: String
    /// Per feature `e`: features were divided by `2^e` (power-of-two scaling only).
    var scaleExponents: [Int]?
    var train: QuantizationEvents
    var test: QuantizationEvents

    init(_ encoder: FixedPointEncoder, _ d: Dataset) {
      let scaling = encoder.scaling
      format = scaling.format.description
      rounding = scaling.rounding.rawValue
      overflow = scaling.overflow.rawValue
      featureScale = scaling.featureScale.rawValue
      scaleExponents = scaling.featureScale == .none ? nil : encoder.scaleExponents
      train = QuantizationEvents()
      test = QuantizationEvents()
      _ = encoder.encode(d.train.inputs, events: &train)
      _ = encoder.encode(d.test.inputs, events: &test)
    }
  }

  var dataset: String
  var files: [String]
  var rows: Int
  var features: Features
  var classes: Int
  var split: Split
  var train: Part
  var test: Part
  var encoding: Encoding

  init(dataset d: Dataset, encoding: InputEncoding, encoder: FittedEncoder) {
    self.dataset = d.name
    files = d.files
    rows = d.rowCount
    let oneHot = d.features.filter {
      if case .oneHot = $0.kind { return true } else { return false }
    }
    let categorical = Set(
      oneHot.compactMap { f -> String? in
        if case .oneHot(let column, _) = f.kind { return column } else { return nil }
      })
    features = Features(
      total: d.features.count, numeric: d.features.count - oneHot.count, oneHot: oneHot.count,
      categoricalColumns: categorical.count)
    classes = d.classCount
    switch d.split {
    case .official: split = Split(kind: "official")
    case .seeded(let seed): split = Split(kind: "seeded", seed: seed, testShare: "1/5")
    }
    train = Part(
      samples: d.train.count, samplesBeforeLimit: d.trainCountBeforeLimit,
      classCounts: d.train.classCounts(classCount: d.classCount))
    test = Part(samples: d.test.count, classCounts: d.test.classCounts(classCount: d.classCount))
    switch encoding {
    case .raw:
      self.encoding = Encoding(kind: "raw", inputBits: encoder.inputBitCount)
    case .thermometer(let k, let placement):
      self.encoding = Encoding(
        kind: "thermometer", thresholdsPerFeature: k, thresholdPlacement: placement.rawValue,
        inputBits: encoder.inputBitCount)
    case .fixedPoint:
      guard case .fixedPoint(let fitted) = encoder else {
        preconditionFailure("a fixed-point encoding fits a fixed-point encoder")
      }
      self.encoding = Encoding(
        kind: "fixed", fixedPoint: FixedPointFacts(fitted, d), inputBits: encoder.inputBitCount)
    }
  }

  /// The text form: one `key: value` line per fact.
  var text: String {
    var lines: [String] = []
    lines.append("dataset: \(dataset)")
    lines.append("files: \(files.joined(separator: " "))")
    lines.append("rows: \(rows)")
    var featureLine = "features: \(features.total)"
    if features.oneHot > 0 {
      featureLine +=
        " (\(features.numeric) numeric, \(features.oneHot) one-hot from "
        + "\(features.categoricalColumns) categorical columns)"
    }
    lines.append(featureLine)
    lines.append("classes: \(classes)")
    if let seed = split.seed {
      lines.append("split: seeded 80/20 (split seed \(seed))")
    } else {
      lines.append("split: official train/test files")
    }
    var trainLine = "train samples: \(train.samples)"
    if let before = train.samplesBeforeLimit, before != train.samples {
      trainLine += " (first \(train.samples) of \(before))"
    }
    lines.append(trainLine)
    lines.append("test samples: \(test.samples)")
    lines.append("train class counts: " + DataInfoReport.counts(train.classCounts))
    lines.append("test class counts: " + DataInfoReport.counts(test.classCounts))
    if let k = encoding.thresholdsPerFeature, let placement = encoding.thresholdPlacement {
      lines.append(
        "encoding: thermometer, \(k) \(placement) threshold\(k == 1 ? "" : "s") per feature")
    } else if let fixed = encoding.fixedPoint {
      var line = "encoding: fixed-point \(fixed.format), \(fixed.rounding), \(fixed.overflow)"
      if let exponents = fixed.scaleExponents, let low = exponents.min(), let high = exponents.max()
      {
        line += ", features divided by powers of two (2^\(low) … 2^\(high))"
      }
      lines.append(line)
    } else {
      lines.append("encoding: raw integers")
    }
    lines.append("input bits: \(encoding.inputBits)")
    if let fixed = encoding.fixedPoint {
      lines.append("train quantization: \(fixed.train)")
      lines.append("test quantization: \(fixed.test)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `0:143 1:146 …`.
  static func counts(_ counts: [Int]) -> String {
    counts.enumerated().map { "\($0.offset):\($0.element)" }.joined(separator: " ")
  }
}
