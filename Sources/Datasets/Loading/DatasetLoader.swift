import Foundation

/// What to load: a named data set under a data directory, or a file path.
public struct DatasetRequest: Equatable, Sendable {
  /// A ``NamedDataset`` name (`digits`, `monks-2`, …) or the path of a CSV or IDX file.
  public var source: String
  /// The folder holding the named data sets (the layout of the shared data folder).
  public var dataDirectory: String
  /// The seed of the 80/20 split of data sets without an official split.
  public var splitSeed: UInt64
  /// Keep only the first `limit` training samples (after the split); nil keeps all.
  public var limit: Int?

  /// A request; see the properties.
  public init(source: String, dataDirectory: String, splitSeed: UInt64 = 0, limit: Int? = nil) {
    self.source = source
    self.dataDirectory = dataDirectory
    self.splitSeed = splitSeed
    self.limit = limit
  }
}

/// Loads data sets: finds the files, reads them, splits and limits the samples.
///
/// - A name from ``NamedDataset`` is looked up under the data directory; each file may also
///   be stored gzipped with a `.gz` suffix. MNIST and MONK's keep their official train / test
///   files; the others get the ``SeededSplit``.
/// - Any other source must be an existing file: a CSV file, or an IDX *images* file whose
///   labels file is found by replacing `images` with `labels` and `idx3` with `idx1` in its
///   name (so `train-images-idx3-ubyte.gz` pairs with `train-labels-idx1-ubyte.gz`). A file
///   is always split with ``SeededSplit``.
/// - `limit` keeps the first samples of the training set; the test set is never cut.
public enum DatasetLoader {
  /// Loads the requested data set.
  public static func load(_ request: DatasetRequest) throws -> Dataset {
    if let limit = request.limit, limit < 1 {
      throw DatasetError.invalidParameter("limit must be at least 1 (got \(limit))")
    }
    let name: String
    let parts: (features: [FeatureColumn], samples: [LabeledSamples], classCount: Int)
    let files: [String]
    if let named = NamedDataset(rawValue: request.source) {
      name = named.rawValue
      let train = try named.trainFiles.map { try locate($0, of: named, in: request.dataDirectory) }
      let test = try named.testFiles.map { try locate($0, of: named, in: request.dataDirectory) }
      files = train + test
      if named.isIDX {
        let trainSet = try readIDX(images: train[0], labels: train[1], classCount: named.classCount)
        let testSet = try readIDX(images: test[0], labels: test[1], classCount: named.classCount)
        guard trainSet.features == testSet.features else {
          throw DatasetError.mismatchedFiles(
            first: train[0], second: test[0], reason: "the images have different shapes")
        }
        parts = (trainSet.features, [trainSet.samples, testSet.samples], named.classCount)
      } else {
        let table = try CSVReader.read(train + test, classCount: named.classCount)
        parts = (table.features, table.parts, table.classCount)
      }
    } else if FileManager.default.fileExists(atPath: request.source) {
      name = (request.source as NSString).lastPathComponent
      let bytes = try FileBytes.read(request.source)
      if bytes.count >= 2 && bytes[0] == 0 && bytes[1] == 0 {
        let labels = try labelsFile(forImages: request.source)
        files = [request.source, labels]
        let set = try readIDX(
          images: request.source, imageBytes: bytes, labels: labels, classCount: nil)
        parts = (set.features, [set.samples], set.samples.labels.max().map { $0 + 1 } ?? 1)
      } else {
        files = [request.source]
        let table = try CSVReader.parse([(request.source, bytes)], classCount: nil)
        parts = (table.features, table.parts, table.classCount)
      }
    } else {
      throw DatasetError.unknownDataset(request.source)
    }

    let train: LabeledSamples
    let test: LabeledSamples
    let split: Dataset.Split
    if parts.samples.count == 2 {
      (train, test, split) = (parts.samples[0], parts.samples[1], .official)
    } else {
      let all = parts.samples[0]
      guard all.count >= 2 else {
        throw DatasetError.invalidParameter(
          "\(name) has \(all.count) row: too few for an 80/20 split")
      }
      let indices = SeededSplit.indices(count: all.count, seed: request.splitSeed)
      (train, test, split) = (
        all.selecting(indices.train), all.selecting(indices.test), .seeded(seed: request.splitSeed)
      )
    }
    return Dataset(
      name: name, files: files, features: parts.features, classCount: parts.classCount,
      split: split, train: request.limit.map { train.prefix($0) } ?? train, test: test,
      trainCountBeforeLimit: train.count)
  }

  /// The path of a named data set's file, stored plain or with `.gz`.
  private static func locate(_ relative: String, of named: NamedDataset, in directory: String)
    throws -> String
  {
    let path = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    for candidate in [path, path + ".gz"] where FileManager.default.fileExists(atPath: candidate) {
      return candidate
    }
    throw DatasetError.missingDataset(name: named.rawValue, path: path + "[.gz]")
  }

  /// The labels file of an IDX images file (see ``DatasetLoader``).
  private static func labelsFile(forImages images: String) throws -> String {
    let directory = (images as NSString).deletingLastPathComponent
    let file = (images as NSString).lastPathComponent
    let labels = file.replacingOccurrences(of: "images", with: "labels")
      .replacingOccurrences(of: "idx3", with: "idx1")
    let base = labels.hasSuffix(".gz") ? String(labels.dropLast(3)) : labels
    let candidates = [base, base + ".gz"].map {
      directory.isEmpty ? $0 : (directory as NSString).appendingPathComponent($0)
    }
    guard labels != file, let found = candidates.first(where: FileManager.default.fileExists)
    else {
      throw DatasetError.invalidParameter(
        "\(images): no labels file found for these IDX images (looked for "
          + "\(labels == file ? "a name with 'images' and 'idx3'" : candidates.joined(separator: " and ")))"
      )
    }
    return found
  }

  /// Reads an IDX images file and its labels file into samples.
  private static func readIDX(
    images: String, imageBytes: [UInt8]? = nil, labels: String, classCount: Int?
  ) throws -> (features: [FeatureColumn], samples: LabeledSamples) {
    let imageArray = try IDXReader.parse(imageBytes ?? FileBytes.read(images), source: images)
    let labelArray = try IDXReader.read(labels)
    guard imageArray.dimensions.count >= 2 else {
      throw DatasetError.malformedIDX(
        path: images, reason: "an images file needs at least 2 dimensions, found 1")
    }
    guard labelArray.dimensions.count == 1 else {
      throw DatasetError.malformedIDX(
        path: labels, reason: "a labels file has 1 dimension, found \(labelArray.dimensions.count)")
    }
    guard imageArray.recordCount == labelArray.recordCount else {
      throw DatasetError.mismatchedFiles(
        first: images, second: labels,
        reason: "\(imageArray.recordCount) images but \(labelArray.recordCount) labels")
    }
    let maxLabel = (classCount ?? CSVReader.maxLabel + 1) - 1
    var labelValues: [Int] = []
    labelValues.reserveCapacity(labelArray.recordCount)
    for (record, label) in labelArray.values.enumerated() {
      guard label >= 0 && label <= maxLabel else {
        throw DatasetError.badRecord(
          path: labels, record: record, reason: "label \(label) is out of range 0...\(maxLabel)")
      }
      labelValues.append(Int(label))
    }
    let shape = Array(imageArray.dimensions.dropFirst())
    let features = (0..<imageArray.recordSize).map { index -> FeatureColumn in
      var rest = index
      var coordinates: [Int] = []
      for size in shape.reversed() {
        coordinates.append(rest % size)
        rest /= size
      }
      let name = "pixel_" + coordinates.reversed().map(String.init).joined(separator: "_")
      return FeatureColumn(name: name, kind: .numeric(decimalPlaces: 0))
    }
    let matrix = IntMatrix(
      rows: imageArray.recordCount, columns: imageArray.recordSize, values: imageArray.values)
    return (features, LabeledSamples(inputs: matrix, labels: labelValues))
  }
}
