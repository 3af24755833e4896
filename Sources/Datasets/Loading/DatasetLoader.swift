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
  /// Pixels removed from each side of every image (IDX image data sets only; 0 keeps the
  /// whole image; 4 turns MNIST into difflogic's 20 × 20 "mnist20x20").
  public var cropBorder: Int

  /// A request; see the properties.
  public init(
    source: String, dataDirectory: String, splitSeed: UInt64 = 0, limit: Int? = nil,
    cropBorder: Int = 0
  ) {
    self.source = source
    self.dataDirectory = dataDirectory
    self.splitSeed = splitSeed
    self.limit = limit
    self.cropBorder = cropBorder
  }
}

/// Loads data sets: finds the files, reads them, splits and limits the samples.
///
/// - A name from ``NamedDataset`` is looked up under the data directory; each file may also
///   be stored gzipped with a `.gz` suffix. MNIST and MONK's keep their official train / test
///   files; the others get the ``SeededSplit``.
/// - Any other source must be an existing file: a CSV file, or an IDX *images* file (see
///   ``IDXPair`` for how its labels file is found). A file is always split with
///   ``SeededSplit``.
/// - `limit` keeps the first samples of the training set; the test set is never cut.
/// - `cropBorder` removes a border from every image of an IDX image data set (MNIST or an
///   images file) and is an error for CSV data.
public enum DatasetLoader {
  /// Loads the requested data set.
  public static func load(_ request: DatasetRequest) throws -> Dataset {
    if let limit = request.limit, limit < 1 {
      throw DatasetError.invalidParameter("limit must be at least 1 (got \(limit))")
    }
    guard request.cropBorder >= 0 else {
      throw DatasetError.invalidParameter(
        "crop border must be at least 0 (got \(request.cropBorder))")
    }
    let (name, files, table) = try read(request)
    let train: LabeledSamples
    let test: LabeledSamples
    let split: Dataset.Split
    if table.parts.count == 2 {
      (train, test, split) = (table.parts[0], table.parts[1], .official)
    } else {
      let all = table.parts[0]
      guard all.count >= 2 else {
        throw DatasetError.invalidParameter(
          "\(name) has \(all.count) row\(all.count == 1 ? "" : "s"): too few for an 80/20 split")
      }
      let indices = SeededSplit.indices(count: all.count, seed: request.splitSeed)
      train = all.selecting(indices.train)
      test = all.selecting(indices.test)
      split = .seeded(seed: request.splitSeed)
    }
    return Dataset(
      name: name, files: files, features: table.features, classCount: table.classCount,
      split: split, train: request.limit.map { train.prefix($0) } ?? train, test: test,
      trainCountBeforeLimit: train.count)
  }

  /// Reads the files of a request: one table part per file set (training, then test).
  private static func read(_ request: DatasetRequest) throws
    -> (name: String, files: [String], table: LabeledTable)
  {
    if let named = NamedDataset(rawValue: request.source) {
      let train = try named.trainFiles.map { try locate($0, of: named, in: request.dataDirectory) }
      let test = try named.testFiles.map { try locate($0, of: named, in: request.dataDirectory) }
      guard named.isIDX else {
        try rejectCrop(request, name: named.rawValue)
        return (
          named.rawValue, train + test,
          try CSVReader.read(train + test, classCount: named.classCount)
        )
      }
      let trainSet = try IDXPair.read(
        images: train[0], labels: train[1], classCount: named.classCount,
        cropBorder: request.cropBorder)
      let testSet = try IDXPair.read(
        images: test[0], labels: test[1], classCount: named.classCount,
        cropBorder: request.cropBorder)
      guard trainSet.features == testSet.features else {
        throw DatasetError.mismatchedFiles(
          first: train[0], second: test[0], reason: "the images have different shapes")
      }
      let table = LabeledTable(
        features: trainSet.features, parts: trainSet.parts + testSet.parts,
        classCount: named.classCount)
      return (named.rawValue, train + test, table)
    }
    guard FileManager.default.fileExists(atPath: request.source) else {
      throw DatasetError.unknownDataset(request.source)
    }
    let name = (request.source as NSString).lastPathComponent
    let bytes = try FileBytes.read(request.source)
    if IDXReader.isIDXLike(bytes, name: name) {
      try IDXReader.checkMagic(bytes, source: request.source)
      let labels = try IDXPair.labelsFile(forImages: request.source)
      let table = try IDXPair.read(
        images: request.source, imageBytes: bytes, labels: labels, classCount: nil,
        cropBorder: request.cropBorder)
      return (name, [request.source, labels], table)
    }
    try rejectCrop(request, name: name)
    return (name, [request.source], try CSVReader.parse([(request.source, bytes)], classCount: nil))
  }

  /// Throws when the request crops a data set that has no images.
  private static func rejectCrop(_ request: DatasetRequest, name: String) throws {
    guard request.cropBorder == 0 else {
      throw DatasetError.invalidParameter(
        "crop border applies to IDX image data sets; \(name) is CSV data")
    }
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
}
