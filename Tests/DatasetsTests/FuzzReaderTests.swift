import Foundation
import Testing
import _TestSupport

@testable import Datasets

/// Mutation fuzzing (the shared ``Fuzzer`` and ``FuzzHarness``) of every data reader a user
/// can feed: CSV (data sets and 0/1 samples), IDX raw and gzipped. Each input must parse into
/// a consistent result no larger than the input allows, or throw a ``DatasetError`` with a
/// one-line message; never trap or hang.
@Suite struct FuzzReaderTests {
  static func isTyped(_ error: any Error) -> Bool { error is DatasetError }

  /// The longest error message accepted: a message names the file, the line and the field,
  /// and shows an excerpt of a bad cell, never the whole input.
  static let messageLimit = 300

  /// Runs `count` mutations of `seeds` through `parse`, then `check`; expects no failures
  /// and both accepted and rejected inputs.
  static func fuzz<Output>(
    _ name: String, seeds: [[UInt8]], seed: UInt64, count: Int,
    parse: (Data) throws -> Output, check: (Output) -> String? = { _ in nil }
  ) {
    let report = FuzzHarness.run(
      name, seeds: seeds.map { Data($0) }, seed: seed, count: count,
      messageLimit: messageLimit, isTyped: isTyped, parse: parse, check: check)
    print(report)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.tried >= count / 2, "\(report)")
    #expect(report.accepted > 0 && report.rejected > 0, "\(report)")
  }

  static let csvSeeds = [
    "a,b,c,label\n1.5,red,-3,0\n2e3,?,4,1\n-0.25,blue,5,2\n",
    "x,y,label\r\n0.001,7,1\r\n12345678,8,0\r\n",
    "\u{FEFF}w,label\n1,0\n2,1\n3,0\n4,1",
  ].map { Array($0.utf8) }

  @Test func csvDataSets() {
    Self.fuzz(
      "csv", seeds: Self.csvSeeds, seed: 0xC5F_0001, count: 20000,
      parse: { input in
        (try CSVReader.parse([("f.csv", [UInt8](input))], classCount: nil), input.count)
      },
      check: { table, size in
        var cells = 0
        for part in table.parts {
          guard part.inputs.columns == table.features.count else { return "columns differ" }
          guard part.labels.allSatisfy({ $0 >= 0 && $0 < table.classCount }) else {
            return "a label outside 0..<\(table.classCount)"
          }
          cells += part.inputs.rows * part.inputs.columns
        }
        return cells <= size * size ? nil : "\(cells) cells from \(size) bytes"
      })
  }

  @Test func binarySampleCSV() {
    let seeds = ["a,b,c,label\n0,1,1,0\n1,1,0,2\n", "0,0,1\r\n1,1,1\r\n"].map { Array($0.utf8) }
    Self.fuzz(
      "binary-csv", seeds: seeds, seed: 0xB1C5_0002, count: 10000,
      parse: { input in
        (
          try BinarySampleCSV.parse(
            [UInt8](input), source: "s.csv", hasLabels: true, classCount: 3), input.count
        )
      },
      check: { samples, size in
        guard samples.bits.count <= size && samples.bits.allSatisfy({ $0 <= 1 }) else {
          return "\(samples.bits.count) bits from \(size) bytes, or a bit above 1"
        }
        guard let labels = samples.labels, labels.count == samples.count,
          labels.allSatisfy({ $0 >= 0 && $0 < 3 })
        else { return "labels missing, miscounted or outside 0..<3" }
        return nil
      })
  }

  /// IDX files of each element type: 3-D unsigned-byte images, 1-D labels, 16- and 32-bit.
  static let idxSeeds: [[UInt8]] = [
    IDXReaderTests.idx(type: 0x08, [2, 3, 4], (0..<24).map { UInt8($0 * 10) }),
    IDXReaderTests.idx(type: 0x08, [5], [0, 1, 2, 3, 9]),
    IDXReaderTests.idx(type: 0x09, [2, 2], [0xFF, 1, 0x80, 7]),
    IDXReaderTests.idx(type: 0x0B, [1, 3], [0x80, 0, 0, 1, 0xFF, 0xFF]),
    IDXReaderTests.idx(type: 0x0C, [2], [0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE]),
  ]

  /// Parses IDX bytes and crops 3-D images by `border`; what is wrong with the result, or
  /// `nil`.
  static func checkIDX(_ bytes: [UInt8], border: Int) throws -> String? {
    let array = try IDXReader.parse(bytes, source: "f.idx")
    // At most one element per input byte (each stored in at most 4 bytes).
    guard array.records.rows * array.records.columns <= bytes.count else {
      return "\(array.records.rows)×\(array.records.columns) elements from \(bytes.count) bytes"
    }
    guard array.values.count == array.dimensions.reduce(1, *) else {
      return "\(array.values.count) values for dimensions \(array.dimensions)"
    }
    if array.dimensions.count == 3 {
      let (matrix, features) = try ImageBorderCrop.crop(array, border: border, path: "f.idx")
      guard matrix.columns == features.count && matrix.rows == array.recordCount else {
        return "cropped to \(matrix.rows)×\(matrix.columns), \(features.count) names"
      }
    }
    return nil
  }

  /// Raw IDX, cropped by a border from a fixed list (huge ones too) in turn.
  @Test func idxRaw() {
    var i = 0
    let borders = [1, 2, 0, 1 << 62, Int.max, -1]
    Self.fuzz(
      "idx", seeds: Self.idxSeeds, seed: 0x1D8_0003, count: 20000,
      parse: { input in
        i += 1
        return try Self.checkIDX([UInt8](input), border: borders[i % borders.count])
      },
      check: { $0 })
  }

  /// Gzipped IDX: the compressed bytes are mutated, so zlib sees corrupt streams, and every
  /// output is bounded (64 KiB here) before the IDX reader sees it.
  @Test func idxGzip() {
    let seeds =
      Self.idxSeeds.map { GzipCompressor.gzip($0) }
      + [GzipCompressor.gzip(Self.idxSeeds[0], level: 0)]
    Self.fuzz(
      "idx-gzip", seeds: seeds, seed: 0x621D_0004, count: 10000,
      parse: { input in
        let bytes = try Gzip.decompress([UInt8](input), source: "f.gz", limit: 1 << 16)
        return try Self.checkIDX(bytes, border: 1)
      },
      check: { $0 })
  }
}
