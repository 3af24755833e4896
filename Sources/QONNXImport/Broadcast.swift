/// numpy's broadcasting of a small tensor (a scale, a bias) to a larger shape.
enum Broadcast {
  /// `values` of shape `dims` broadcast to `target` (row-major), or `nil` when the shapes
  /// do not broadcast: aligned from the last axis, each side of `dims` is 1 or equal.
  static func values(_ values: [Float], dims: [Int], to target: [Int]) -> [Float]? {
    guard dims.count <= target.count else { return nil }
    let padded = Array(repeating: 1, count: target.count - dims.count) + dims
    for (d, t) in zip(padded, target) where d != 1 && d != t { return nil }
    guard let count = Tensor.count(of: target), values.count == (Tensor.count(of: dims) ?? -1)
    else { return nil }
    // Source strides, 0 on broadcast axes.
    var strides = Array(repeating: 0, count: target.count)
    var step = 1
    for axis in (0..<target.count).reversed() {
      strides[axis] = padded[axis] == 1 ? 0 : step
      step *= padded[axis]
    }
    return (0..<count).map { index in
      var rest = index
      var source = 0
      for axis in (0..<target.count).reversed() {
        source += (rest % target[axis]) * strides[axis]
        rest /= target[axis]
      }
      return values[source]
    }
  }
}
