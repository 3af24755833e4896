import Foundation

/// An IDX images file and its labels file read together into samples.
///
/// The images file has at least two dimensions (records, then the image shape), the labels
/// file exactly one, and both count the same records. Feature columns are named
/// `pixel_<i>_<j>…` by their coordinates in the image, row-major. Given only the images
/// file, the labels file is the one whose name has `images` replaced by `labels` and `idx3`
/// by `idx1`, stored plain or gzipped: `train-images-idx3-ubyte.gz` pairs with
/// `train-labels-idx1-ubyte` or `train-labels-idx1-ubyte.gz`.
package enum IDXPair {
  /// Reads the pair into one part; labels must be below `classCount` (else at most
  /// ``CSVReader/maxLabel``), and without `classCount` the classes are the largest label + 1.
  /// `imageBytes`, when given, are the images file's (decompressed) content. A positive
  /// `cropBorder` removes that many pixels from each side of every 2-D image (the kept pixels
  /// keep the names of their original coordinates: `pixel_4_4` is the first for 4).
  package static func read(
    images: String, imageBytes: [UInt8]? = nil, labels: String, classCount: Int?,
    cropBorder: Int = 0
  ) throws -> LabeledTable {
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
    let matrix: IntMatrix
    let features: [FeatureColumn]
    if cropBorder != 0 {
      (matrix, features) = try ImageBorderCrop.crop(imageArray, border: cropBorder, path: images)
    } else {
      matrix = imageArray.records
      features = pixelColumns(shape: Array(imageArray.dimensions.dropFirst()))
    }
    return LabeledTable(
      features: features, parts: [LabeledSamples(inputs: matrix, labels: labelValues)],
      classCount: classCount ?? (labelValues.max() ?? 0) + 1)
  }

  /// The labels file that belongs to an images file (see ``IDXPair``).
  package static func labelsFile(forImages images: String) throws -> String {
    // By hand: Foundation's `deletingLastPathComponent` traps on a one-character path ("x").
    let slash = images.lastIndex(of: "/")
    let directory = slash.map { $0 == images.startIndex ? "/" : String(images[..<$0]) } ?? ""
    let file = slash.map { String(images[images.index(after: $0)...]) } ?? images
    let labels = file.replacingOccurrences(of: "images", with: "labels")
      .replacingOccurrences(of: "idx3", with: "idx1")
    let base = labels.hasSuffix(".gz") ? String(labels.dropLast(3)) : labels
    let candidates = [base, base + ".gz"].map {
      directory.isEmpty ? $0 : (directory as NSString).appendingPathComponent($0)
    }
    guard labels != file else {
      throw DatasetError.invalidParameter(
        "\(images): not an IDX images file name (expected 'images' and 'idx3' in it)")
    }
    guard let found = candidates.first(where: FileManager.default.fileExists) else {
      throw DatasetError.invalidParameter(
        "\(images): no labels file found for these IDX images (looked for "
          + candidates.joined(separator: " and ") + ")")
    }
    return found
  }

  /// One numeric column per pixel, named by its coordinates in an image of `shape`.
  private static func pixelColumns(shape: [Int]) -> [FeatureColumn] {
    (0..<shape.reduce(1, *)).map { index in
      var rest = index
      var coordinates: [Int] = []
      for size in shape.reversed() {
        coordinates.append(rest % size)
        rest /= size
      }
      let name = "pixel_" + coordinates.reversed().map(String.init).joined(separator: "_")
      return FeatureColumn(name: name, kind: .numeric(decimalPlaces: 0))
    }
  }
}
