import Datasets
import Testing

/// IDX parsing and the IDX side of the loader, on files built in the test.
@Suite struct IDXReaderTests {
  /// An IDX file: magic for `type` and the dimensions, then `payload` as given.
  static func idx(type: UInt8, _ dimensions: [Int], _ payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
    for d in dimensions {
      bytes += [
        UInt8(d >> 24 & 0xFF), UInt8(d >> 16 & 0xFF), UInt8(d >> 8 & 0xFF), UInt8(d & 0xFF),
      ]
    }
    return bytes + payload
  }

  @Test func readsEveryIntegerElementType() throws {
    let u8 = try IDXReader.parse(
      IDXReaderTests.idx(type: 0x08, [2, 2], [0, 255, 7, 128]), source: "u8")
    #expect(u8.dimensions == [2, 2])
    #expect(u8.values == [0, 255, 7, 128])
    let s8 = try IDXReader.parse(
      IDXReaderTests.idx(type: 0x09, [3], [0x80, 0xFF, 5]), source: "s8")
    #expect(s8.values == [-128, -1, 5])
    let s16 = try IDXReader.parse(
      IDXReaderTests.idx(type: 0x0B, [2], [0x80, 0x00, 0x01, 0x02]), source: "s16")
    #expect(s16.values == [-32768, 258])
    let s32 = try IDXReader.parse(
      IDXReaderTests.idx(type: 0x0C, [2], [0xFF, 0xFF, 0xFF, 0xFE, 0x01, 0x02, 0x03, 0x04]),
      source: "s32")
    #expect(s32.values == [-2, 0x0102_0304])
    #expect(s32.recordCount == 2 && s32.recordSize == 1)
  }

  @Test func malformedFilesAreNamed() {
    func failure(_ bytes: [UInt8]) -> String? {
      errorMessage { _ = try IDXReader.parse(bytes, source: "x.idx") }
    }
    #expect(
      failure([0, 0, 8]) == "x.idx: bad IDX file: 3 bytes, too short for the 4-byte magic number")
    #expect(
      failure([0x1F, 0x8B, 8, 0, 0, 0])
        == "x.idx: bad IDX file: bad magic number 0x1f8b0800 (expected 0x0000TTDD: type 08/09/0B/0C, dims ≥ 1)"
    )
    #expect(
      failure(IDXReaderTests.idx(type: 0x07, [1], [0]))
        == "x.idx: bad IDX file: bad magic number 0x00000701 (expected 0x0000TTDD: type 08/09/0B/0C, dims ≥ 1)"
    )
    #expect(
      failure(IDXReaderTests.idx(type: 0x0D, [1], [0, 0, 0, 0]))
        == "x.idx: bad IDX file: magic 0x00000d01: floating-point elements are not supported")
    #expect(
      failure([0, 0, 8, 3, 0, 0, 0, 1, 0, 0])
        == "x.idx: bad IDX file: header announces 3 dimensions but the file ends after 10 bytes")
    #expect(
      failure(IDXReaderTests.idx(type: 0x08, [3, 2, 2], [UInt8](repeating: 1, count: 9)))
        == "x.idx: bad IDX file: data ends inside record 2 (dimensions 3x2x2 need 12 data bytes, found 9)"
    )
    #expect(
      failure(IDXReaderTests.idx(type: 0x0C, [2], [UInt8](repeating: 1, count: 10)))
        == "x.idx: bad IDX file: 2 bytes of trailing data after the last record")
    #expect(
      failure(IDXReaderTests.idx(type: 0x0C, [0, 1 << 31, 1 << 31, 1 << 31], []))
        == "x.idx: bad IDX file: dimensions 0x2147483648x2147483648x2147483648 are too large")
    #expect(
      failure(IDXReaderTests.idx(type: 0x08, [1 << 31, 1 << 31, 1 << 31], [1]))
        == "x.idx: bad IDX file: data ends inside record 0 (dimensions "
        + "2147483648x2147483648x2147483648 need more than 2^63 data bytes, found 1)")
  }

  /// A folder with `name-images-idx3-ubyte` and `name-labels-idx1-ubyte`.
  static func writePair(
    _ dir: TempFolder, _ prefix: String, images: Int, labels: [UInt8], gzipImages: Bool = false
  ) throws -> String {
    let pixels = (0..<images * 6).map { UInt8($0 % 251) }
    let imageFile = idx(type: 0x08, [images, 2, 3], pixels)
    let imagePath: String
    if gzipImages {
      imagePath = try dir.write(
        "\(prefix)-images-idx3-ubyte.gz", bytes: GzipCompressor.gzip(imageFile))
    } else {
      imagePath = try dir.write("\(prefix)-images-idx3-ubyte", bytes: imageFile)
    }
    try dir.write("\(prefix)-labels-idx1-ubyte", bytes: idx(type: 0x08, [labels.count], labels))
    return imagePath
  }

  @Test func directImagesPathFindsItsLabelsAndSplits() throws {
    let dir = TempFolder()
    let images = try IDXReaderTests.writePair(
      dir, "toy", images: 10, labels: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1], gzipImages: true)
    let data = try DatasetLoader.load(DatasetRequest(source: images, dataDirectory: "/nowhere"))
    #expect(data.name == "toy-images-idx3-ubyte.gz")
    #expect(data.files == [images, dir.path("toy-labels-idx1-ubyte")])
    #expect(
      data.features.map(\.name) == [
        "pixel_0_0", "pixel_0_1", "pixel_0_2", "pixel_1_0", "pixel_1_1", "pixel_1_2",
      ])
    #expect(data.classCount == 4)
    #expect(data.split == .seeded(seed: 0))
    #expect(data.train.count == 8 && data.test.count == 2)
    for samples in [data.train, data.test] {
      for r in 0..<samples.count {
        // Image i has pixels 6i … 6i+5 and label i % 4.
        let first = Int(samples.inputs[r, 0])
        #expect(first % 6 == 0)
        #expect(samples.labels[r] == (first / 6) % 4)
        #expect(Array(samples.inputs.row(r)) == (0..<6).map { Int32(first + $0) })
      }
    }
  }

  @Test func pairingErrorsAreNamed() throws {
    let dir = TempFolder()
    let images = try IDXReaderTests.writePair(dir, "a", images: 3, labels: [0, 1])
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: images, dataDirectory: "."))
      }
        == "\(images) and \(dir.path("a-labels-idx1-ubyte")): 3 images but 2 labels")
    let lonely = try dir.write(
      "b-images-idx3-ubyte", bytes: IDXReaderTests.idx(type: 8, [1, 1, 1], [0]))
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: lonely, dataDirectory: "."))
      }
        == "\(lonely): no labels file found for these IDX images (looked for "
        + "\(dir.path("b-labels-idx1-ubyte")) and \(dir.path("b-labels-idx1-ubyte.gz")))")
  }

  @Test func aLabelsFileIsNotAnImagesFile() throws {
    let dir = TempFolder()
    let labels = try dir.write(
      "c-labels-idx1-ubyte", bytes: IDXReaderTests.idx(type: 8, [2], [0, 1]))
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: labels, dataDirectory: "."))
      } == "\(labels): not an IDX images file name (expected 'images' and 'idx3' in it)")
  }

  @Test func namedMNISTRejectsLabelsOutOfRange() throws {
    let dir = TempFolder()
    _ = try IDXReaderTests.writePair(dir, "mnist/train", images: 3, labels: [9, 10, 0])
    _ = try IDXReaderTests.writePair(dir, "mnist/t10k", images: 1, labels: [0])
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: "mnist", dataDirectory: dir.url.path))
      }
        == "\(dir.path("mnist/train-labels-idx1-ubyte")): record 1: label 10 is out of range 0...9")
  }

  /// Unsigned-byte images stay one byte per pixel (MNIST: 47 MB, not 188 MB); cropping and
  /// splitting keep the byte storage, and the values read the same as 32-bit integers.
  @Test func unsignedBytesAreStoredAsBytes() throws {
    let u8 = try IDXReader.parse(
      IDXReaderTests.idx(type: 0x08, [2, 1, 3], [0, 255, 7, 128, 1, 2]), source: "u8")
    #expect(u8.records.bytesPerElement == 1)
    #expect(u8.records == IntMatrix(rows: 2, columns: 3, values: [0, 255, 7, 128, 1, 2]))
    let s8 = try IDXReader.parse(IDXReaderTests.idx(type: 0x09, [1], [0xFF]), source: "s8")
    #expect(s8.records.bytesPerElement == 4 && s8.values == [-1])
    let dir = TempFolder()
    let images = try IDXReaderTests.writePair(dir, "b", images: 10, labels: Array(0..<10))
    let data = try DatasetLoader.load(DatasetRequest(source: images, dataDirectory: "."))
    #expect(data.train.inputs.bytesPerElement == 1 && data.test.inputs.bytesPerElement == 1)
  }

  /// A header whose dimensions need more bytes than the file holds fails before anything is
  /// allocated for them, even when the product overflows.
  @Test func headerDimensionsMustMatchTheBytesPresent() {
    let claims = IDXReaderTests.idx(
      type: 0x08, [100_000, 100, 100], [UInt8](repeating: 0, count: 64))
    #expect(
      errorMessage { _ = try IDXReader.parse(claims, source: "m") }
        == "m: bad IDX file: data ends inside record 0 (dimensions 100000x100x100 need "
        + "1000000000 data bytes, found 64)")
    let huge = IDXReaderTests.idx(type: 0x0C, [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], [])
    #expect(
      errorMessage { _ = try IDXReader.parse(huge, source: "m") }
        == "m: bad IDX file: dimensions 4294967295x4294967295x4294967295 are too large")
  }

  /// A file that is binary but has a bad magic number is reported as bad IDX in one line,
  /// never read as CSV text (whose messages would echo the raw bytes).
  @Test func aBadMagicNumberIsOneLineNeverCSV() throws {
    let dir = TempFolder()
    let bad = try dir.write("data.bin", bytes: [1, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0x0A, 0])
    #expect(
      errorMessage { _ = try DatasetLoader.load(DatasetRequest(source: bad, dataDirectory: ".")) }
        == "\(bad): bad IDX file: bad magic number 0x01000803 "
        + "(expected 0x0000TTDD: type 08/09/0B/0C, dims ≥ 1)")
    let named = try dir.write("x-images-idx3-ubyte", bytes: Array("abcd\n".utf8))
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: named, dataDirectory: "."))
      }?.hasPrefix("\(named): bad IDX file: bad magic number 0x61626364") == true)
    let csv = try dir.write("my_idx_data.csv", "a,label\n1,0\n2,1\n")
    #expect(try DatasetLoader.load(DatasetRequest(source: csv, dataDirectory: ".")).rowCount == 2)
    let text = try dir.write("t.csv", bytes: Array("a,label\n1\u{1}\r\n,0\n2,0\n".utf8))
    #expect(
      errorMessage { _ = try DatasetLoader.load(DatasetRequest(source: text, dataDirectory: ".")) }
        == "\(text):2: expected 2 cells, found 1")
    let nul = try dir.write("n.csv", bytes: Array("a,label\n1\u{0}x,0\n2,0\n".utf8))
    #expect(
      errorMessage { _ = try DatasetLoader.load(DatasetRequest(source: nul, dataDirectory: ".")) }
        == "\(nul):2: column 'a': '1\\u{0}x' is not a number")
  }
}
