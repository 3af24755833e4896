/// Removes a border of pixels from every image of an IDX images file: `border` pixels off
/// each of the four sides, so an `h × w` image becomes `(h − 2·border) × (w − 2·border)`.
///
/// difflogic's "mnist20x20" is MNIST with `border = 4` (28 × 28 → 20 × 20). The kept pixels
/// stay in row-major order and keep the names of their original coordinates
/// (`pixel_4_4` is the first kept pixel for `border = 4`), so a cropped column still says
/// where in the image it came from.
enum ImageBorderCrop {
  /// The cropped images of `array` (records × rows × columns) and their column descriptions.
  /// `path` names the file in errors.
  static func crop(_ array: IDXReader.Array, border: Int, path: String) throws -> (
    matrix: IntMatrix, features: [FeatureColumn]
  ) {
    guard border >= 0 else {
      throw DatasetError.invalidParameter("crop border must be at least 0 (got \(border))")
    }
    guard array.dimensions.count == 3 else {
      let shape = array.dimensions.dropFirst().map(String.init).joined(separator: "x")
      throw DatasetError.invalidParameter(
        "\(path): cropping a border needs 2-D images (rows x columns), found shape \(shape)")
    }
    let (height, width) = (array.dimensions[1], array.dimensions[2])
    // Written without 2·border, which overflows for borders near Int.max.
    guard border <= (min(height, width) - 1) / 2 else {
      throw DatasetError.invalidParameter(
        "\(path): cannot crop \(border) pixels from each side of \(height)x\(width) images")
    }
    let keptHeight = height - 2 * border
    let keptWidth = width - 2 * border
    var kept: [Int] = []
    kept.reserveCapacity(keptHeight * keptWidth)
    for row in border..<border + keptHeight {
      for column in border..<border + keptWidth { kept.append(row * width + column) }
    }
    var features: [FeatureColumn] = []
    for row in border..<border + keptHeight {
      for column in border..<border + keptWidth {
        features.append(
          FeatureColumn(name: "pixel_\(row)_\(column)", kind: .numeric(decimalPlaces: 0)))
      }
    }
    return (array.records.selecting(columns: kept), features)
  }
}
