/// Reads the shared CSV format: a header row, feature columns, and a last column `label`
/// holding the class as a non-negative integer.
///
/// Cells are separated by commas (no quoting); spaces and tabs around a cell, a `\r` before
/// the line break and a UTF-8 byte-order mark are ignored; the last line may lack its line
/// break. Blank lines are errors (except after the last line break).
///
/// **Column types.** A numeric cell is an exact decimal (see ``FeatureColumn/Kind``). A column
/// is *categorical* when none of its non-missing cells is a number — Adult's `workclass`,
/// `education`, … — and *numeric* otherwise; a column that mixes the two is an error at the
/// first cell of the minority kind, so a typo in a numeric column is reported, never turned
/// into a category. `?` marks a missing cell; it is allowed in categorical columns only.
///
/// **One-hot encoding.** A categorical column becomes one 0/1 feature column per category,
/// named `column=category`. The categories are the distinct non-missing cell texts of that
/// column over *every* file read together (train and test), sorted by their UTF-8 bytes, so
/// the input layout belongs to the data set, not to a split or a seed. A missing cell is 0
/// in every column of its block.
///
/// Several files read together (a training and a test file) must have identical headers;
/// each yields its own ``LabeledSamples`` over the same feature columns.
package enum CSVReader {
  /// The largest label accepted when no class count is given.
  package static let maxLabel = 65535

  /// Reads CSV files (gzipped or not) together; `classCount`, when given, bounds the labels.
  package static func read(_ paths: [String], classCount: Int?) throws -> LabeledTable {
    try parse(paths.map { (source: $0, bytes: try FileBytes.read($0)) }, classCount: classCount)
  }

  /// Parses CSV texts together; each `source` names its text in error messages.
  package static func parse(_ files: [(source: String, bytes: [UInt8])], classCount: Int?)
    throws -> LabeledTable
  {
    precondition(!files.isEmpty, "no files")
    var stats: [ColumnStats] = []
    var scanned: [ScannedFile] = []
    for (index, file) in files.enumerated() {
      let scan = try file.bytes.withUnsafeBufferPointer {
        try ScannedFile(
          text: $0, source: file.source, fileIndex: index, stats: &stats,
          classCount: classCount)
      }
      if let first = scanned.first, first.header != scan.header {
        throw DatasetError.mismatchedFiles(
          first: first.source, second: scan.source, reason: "the CSV headers differ")
      }
      scanned.append(scan)
    }
    let header = scanned[0].header
    var features: [FeatureColumn] = []
    var categoryRank: [[Int]] = []
    for (c, column) in stats.enumerated() {
      let name = header[c]
      let kind = try column.resolveKind(name: name, sources: files.map(\.source))
      switch kind {
      case .numeric:
        features.append(FeatureColumn(name: name, kind: .numeric(decimalPlaces: column.places)))
        categoryRank.append([])
      case .categorical:
        let order = column.categories.indices.sorted {
          column.categories[$0].utf8.lexicographicallyPrecedes(column.categories[$1].utf8)
        }
        var rank = [Int](repeating: 0, count: order.count)
        for (r, id) in order.enumerated() { rank[id] = r }
        categoryRank.append(rank)
        for id in order {
          let category = column.categories[id]
          features.append(
            FeatureColumn(
              name: "\(name)=\(category)", kind: .oneHot(column: name, category: category)))
        }
      }
    }
    let parts = try scanned.map {
      try $0.samples(
        stats: stats, categoryRank: categoryRank, header: header,
        featureCount: features.count)
    }
    let classes = classCount ?? (scanned.flatMap(\.labels).max() ?? 0) + 1
    return LabeledTable(features: features, parts: parts, classCount: classes)
  }
}
