import Datasets
import Testing

/// `cropBorder`: which pixels survive, their names, and the errors for data without images.
@Suite struct ImageBorderCropTests {
  /// `name-images-idx3-ubyte` with `images` records of `height × width` pixels, pixel
  /// (r, c) of image i = 100·i + 10·r + c, and its labels file (label i % 3).
  static func writeImages(
    _ dir: TempFolder, _ name: String, images: Int, height: Int, width: Int
  ) throws -> String {
    var pixels: [UInt8] = []
    for i in 0..<images {
      for r in 0..<height {
        for c in 0..<width { pixels.append(UInt8(100 * i + 10 * r + c)) }
      }
    }
    let path = try dir.write(
      "\(name)-images-idx3-ubyte",
      bytes: IDXReaderTests.idx(type: 0x08, [images, height, width], pixels))
    try dir.write(
      "\(name)-labels-idx1-ubyte",
      bytes: IDXReaderTests.idx(type: 0x08, [images], (0..<images).map { UInt8($0 % 3) }))
    return path
  }

  /// Every kept pixel, checked against its coordinates, for every border that fits.
  @Test func keepsTheInnerPixelsInRowMajorOrder() throws {
    let dir = TempFolder()
    let (height, width) = (5, 6)
    let images = try ImageBorderCropTests.writeImages(
      dir, "toy", images: 2, height: height, width: width)
    let labels = dir.path("toy-labels-idx1-ubyte")
    for border in 0...2 {
      let table = try IDXPair.read(
        images: images, labels: labels, classCount: nil, cropBorder: border)
      let rows = Array(border..<height - border)
      let columns = Array(border..<width - border)
      #expect(
        table.features.map(\.name)
          == rows.flatMap { r in columns.map { c in "pixel_\(r)_\(c)" } })
      let samples = table.parts[0]
      #expect(samples.labels == [0, 1])
      for i in 0..<2 {
        let expected = rows.flatMap { r in columns.map { c in Int32(100 * i + 10 * r + c) } }
        #expect(Array(samples.inputs.row(i)) == expected, "border \(border), image \(i)")
      }
    }
  }

  @Test func theLoaderCropsTrainAndTestOfNamedMNIST() throws {
    let dir = TempFolder()
    _ = try ImageBorderCropTests.writeImages(dir, "mnist/train", images: 3, height: 4, width: 4)
    _ = try ImageBorderCropTests.writeImages(dir, "mnist/t10k", images: 2, height: 4, width: 4)
    let data = try DatasetLoader.load(
      DatasetRequest(source: "mnist", dataDirectory: dir.url.path, cropBorder: 1))
    #expect(data.features.map(\.name) == ["pixel_1_1", "pixel_1_2", "pixel_2_1", "pixel_2_2"])
    #expect(data.train.count == 3 && data.test.count == 2)
    #expect(Array(data.train.inputs.row(2)) == [211, 212, 221, 222])
    #expect(Array(data.test.inputs.row(1)) == [111, 112, 121, 122])
  }

  @Test func errorsNameTheProblem() throws {
    let dir = TempFolder()
    let images = try ImageBorderCropTests.writeImages(dir, "t", images: 1, height: 4, width: 6)
    let csv = try dir.write("d.csv", "x,label\n1,0\n2,1\n3,0\n")
    let flat = try dir.write(
      "f-images-idx3-ubyte", bytes: IDXReaderTests.idx(type: 0x08, [1, 4], [1, 2, 3, 4]))
    try dir.write("f-labels-idx1-ubyte", bytes: IDXReaderTests.idx(type: 0x08, [1], [0]))
    func failure(_ source: String, _ border: Int, directory: String = ".") -> String? {
      errorMessage {
        _ = try DatasetLoader.load(
          DatasetRequest(source: source, dataDirectory: directory, cropBorder: border))
      }
    }
    #expect(failure(images, 2) == "\(images): cannot crop 2 pixels from each side of 4x6 images")
    #expect(failure(images, -1) == "crop border must be at least 0 (got -1)")
    // 2·border would overflow: a typed error, not a trap.
    for border in [1 << 62, Int.max] {
      #expect(
        failure(images, border)
          == "\(images): cannot crop \(border) pixels from each side of 4x6 images")
    }
    #expect(failure(csv, 1) == "crop border applies to IDX image data sets; d.csv is CSV data")
    #expect(
      failure(flat, 1)
        == "\(flat): cropping a border needs 2-D images (rows x columns), found shape 4")
    try dir.write("iris/iris.csv", "a,label\n1,0\n2,1\n")
    #expect(
      failure("iris", 1, directory: dir.url.path)
        == "crop border applies to IDX image data sets; iris is CSV data")
    #expect(try DatasetLoader.load(DatasetRequest(source: csv, dataDirectory: ".")).rowCount == 3)
  }
}
