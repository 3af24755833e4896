/// A per-class affine after the last layer — batch norm, bias or scale folded to
/// `score_c = scale[c]·dot_c + offset[c]` — that can change the argmax, so it is computed
/// exactly: every finite float32 is a dyadic rational, so the scores are compared in fixed
/// point with no rounding.
public struct OutputAffine: Hashable, Sendable {
  /// The factor of each class's dot product.
  public let scale: [Float]
  /// The term added to each class's scaled dot product.
  public let offset: [Float]

  /// An affine of finite float32 parameters, one scale and one offset per class.
  public init(scale: [Float], offset: [Float]) throws(BinarizedNetError) {
    guard scale.count == offset.count else {
      throw .file("field 'output.offset': \(offset.count) entries, expected \(scale.count)")
    }
    if let bad = scale.firstIndex(where: { !$0.isFinite }) {
      throw .file("field 'output.scale[\(bad)]': not a finite number")
    }
    if let bad = offset.firstIndex(where: { !$0.isFinite }) {
      throw .file("field 'output.offset[\(bad)]': not a finite number")
    }
    self.scale = scale
    self.offset = offset
  }
}
