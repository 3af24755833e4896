import Testing

@testable import Datasets

/// Mutation fuzzing of every data reader a user can feed: CSV (data sets and 0/1 samples),
/// IDX raw and gzipped. Each input must parse into a consistent result no larger than the
/// input allows, or throw a ``DatasetError``; never trap or hang.
@Suite struct FuzzReaderTests {
  static func isTyped(_ error: any Error) -> Bool { error is DatasetError }

  static let csvSeeds = [
    "a,b,c,label\n1.5,red,-3,0\n2e3,?,4,1\n-0.25,blue,5,2\n",
    "x,y,label\r\n0.001,7,1\r\n12345678,8,0\r\n",
    "\u{FEFF}w,label\n1,0\n2,1\n3,0\n4,1",
  ].map { Array($0.utf8) }

  @Test func csvDataSets() {
    let report = FuzzMutator.run(
      "csv", seeds: FuzzReaderTests.csvSeeds, seed: 0xC5F_0001, count: 20000,
      isTyped: FuzzReaderTests.isTyped
    ) { input in
      let table = try CSVReader.parse([("f.csv", input)], classCount: nil)
      var cells = 0
      for part in table.parts {
        #expect(part.inputs.columns == table.features.count)
        #expect(part.labels.allSatisfy { $0 >= 0 && $0 < table.classCount })
        cells += part.inputs.rows * part.inputs.columns
      }
      #expect(cells <= input.count * input.count)
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func binarySampleCSV() {
    let seeds = ["a,b,c,label\n0,1,1,0\n1,1,0,2\n", "0,0,1\r\n1,1,1\r\n"].map { Array($0.utf8) }
    let report = FuzzMutator.run(
      "binary-csv", seeds: seeds, seed: 0xB1C5_0002, count: 10000, isTyped: FuzzReaderTests.isTyped
    ) { input in
      let samples = try BinarySampleCSV.parse(
        input, source: "s.csv", hasLabels: true, classCount: 3)
      #expect(samples.bits.count <= input.count && samples.bits.allSatisfy { $0 <= 1 })
      #expect(samples.labels?.allSatisfy { $0 >= 0 && $0 < 3 } == true)
      #expect(samples.labels?.count == samples.count)
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// IDX files of each element type: 3-D unsigned-byte images, 1-D labels, 16- and 32-bit.
  static let idxSeeds: [[UInt8]] = [
    IDXReaderTests.idx(type: 0x08, [2, 3, 4], (0..<24).map { UInt8($0 * 10) }),
    IDXReaderTests.idx(type: 0x08, [5], [0, 1, 2, 3, 9]),
    IDXReaderTests.idx(type: 0x09, [2, 2], [0xFF, 1, 0x80, 7]),
    IDXReaderTests.idx(type: 0x0B, [1, 3], [0x80, 0, 0, 1, 0xFF, 0xFF]),
    IDXReaderTests.idx(type: 0x0C, [2], [0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE]),
  ]

  /// Parses IDX bytes and crops 3-D images by a border from a fixed list (huge ones too).
  static func checkIDX(_ bytes: [UInt8], border: Int) throws {
    let array = try IDXReader.parse(bytes, source: "f.idx")
    // At most one element per input byte (each stored in at most 4 bytes).
    #expect(array.records.rows * array.records.columns <= bytes.count)
    #expect(array.values.count == array.dimensions.reduce(1, *))
    if array.dimensions.count == 3 {
      let (matrix, features) = try ImageBorderCrop.crop(array, border: border, path: "f.idx")
      #expect(matrix.columns == features.count && matrix.rows == array.recordCount)
    }
  }

  @Test func idxRaw() {
    var i = 0
    let borders = [1, 2, 0, 1 << 62, Int.max, -1]
    let report = FuzzMutator.run(
      "idx", seeds: FuzzReaderTests.idxSeeds, seed: 0x1D8_0003, count: 20000,
      isTyped: FuzzReaderTests.isTyped
    ) { input in
      i += 1
      try FuzzReaderTests.checkIDX(input, border: borders[i % borders.count])
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// Gzipped IDX: the compressed bytes are mutated, so zlib sees corrupt streams, and every
  /// output is bounded (64 KiB here) before the IDX reader sees it.
  @Test func idxGzip() {
    let seeds =
      FuzzReaderTests.idxSeeds.map { GzipCompressor.gzip($0) }
      + [GzipCompressor.gzip(FuzzReaderTests.idxSeeds[0], level: 0)]
    let report = FuzzMutator.run(
      "idx-gzip", seeds: seeds, seed: 0x621D_0004, count: 10000, isTyped: FuzzReaderTests.isTyped
    ) { input in
      let bytes = try Gzip.decompress(input, source: "f.gz", limit: 1 << 16)
      try FuzzReaderTests.checkIDX(bytes, border: 1)
    }
    #expect(report.accepted > 0 && report.rejected > 0)
  }
}
