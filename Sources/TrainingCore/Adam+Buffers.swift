extension AdamOptimizer {
  /// Updates `w[k]`, `m[k]` and `v[k]` with gradient `g[k]` for every `k` (all four the same
  /// length): 16 elements at a time as one ``FloatRow``, the rest one by one, so the bits are
  /// those of ``update(_:m:v:gradient:scalars:)`` on each element alone. Not inlinable:
  /// compiled here, both uses of the generic update are specialized.
  package func update(
    _ w: UnsafeMutableBufferPointer<Float>, m: UnsafeMutableBufferPointer<Float>,
    v: UnsafeMutableBufferPointer<Float>, gradient g: UnsafeBufferPointer<Float>,
    scalars: (stepSize: Float, correction2: Float)
  ) {
    precondition(
      m.count == w.count && v.count == w.count && g.count == w.count, "rows of one length")
    guard let wp = w.baseAddress, let mp = m.baseAddress, let vp = v.baseAddress,
      let gp = g.baseAddress
    else { return }
    typealias Lanes = SIMD16<Float>
    var k = 0
    while k + Lanes.scalarCount <= w.count {
      var wr = UnsafeRawPointer(wp + k).loadUnaligned(as: Lanes.self)
      var mr = UnsafeRawPointer(mp + k).loadUnaligned(as: Lanes.self)
      var vr = UnsafeRawPointer(vp + k).loadUnaligned(as: Lanes.self)
      let gr = UnsafeRawPointer(gp + k).loadUnaligned(as: Lanes.self)
      update(&wr, m: &mr, v: &vr, gradient: gr, scalars: scalars)
      UnsafeMutableRawPointer(wp + k).storeBytes(of: wr, as: Lanes.self)
      UnsafeMutableRawPointer(mp + k).storeBytes(of: mr, as: Lanes.self)
      UnsafeMutableRawPointer(vp + k).storeBytes(of: vr, as: Lanes.self)
      k += Lanes.scalarCount
    }
    while k < w.count {
      update(&wp[k], m: &mp[k], v: &vp[k], gradient: gp[k], scalars: scalars)
      k += 1
    }
  }
}
