import BitTrue
import Foundation

/// The other memory layout, for the layout measurement only: activations stored
/// sample-major (one row of all neurons per sample); every neuron reads its two inputs from
/// the sample's row with scalar loads. Same math as the trainer: collapsed coefficients,
/// forward, GroupSum cross-entropy gradient, backward with per-neuron sums.
final class BatchMajorReference {
  let model: LogicNetModel
  let coefficients: [[SIMD4<Float>]]
  let widths: [Int]
  var activations: [[Float]]
  var sums: [[SIMD4<Float>]]

  init(model: LogicNetModel) {
    self.model = model
    widths = model.config.layerWidths
    coefficients = model.layers.map { layer in
      (0..<layer.outputs).map { j in
        let w = layer.logits[16 * j..<16 * j + 16]
        let top = w.max()!
        let e = w.map { expf($0 - top) }
        let total = e.reduce(0, +)
        var c = SIMD4<Float>()
        for g in 0..<16 {
          let k = GateFunction.coefficients[g]
          c += SIMD4(k.0, k.1, k.2, k.3) * (e[g] / total)
        }
        return c
      }
    }
    activations = widths.map { [Float](repeating: 0, count: $0) }
    sums = widths.map { [SIMD4<Float>](repeating: SIMD4(), count: $0) }
  }

  func pass(_ data: LogicDataset) {
    let n = data.inputs
    let k = model.config.classes
    let tau = model.config.tau
    var gradOut = [Float](repeating: 0, count: widths.max()!)
    var gradIn = [Float](repeating: 0, count: widths.max()!)
    for s in 0..<data.count {
      let input = Array(data.values[s * n..<(s + 1) * n])
      for (l, layer) in model.layers.enumerated() {
        let source = l == 0 ? input : activations[l - 1]
        for j in 0..<layer.outputs {
          let a = source[Int(layer.connections.a[j])]
          let b = source[Int(layer.connections.b[j])]
          let c = coefficients[l][j]
          activations[l][j] = c[0] + a * (c[1] + c[3] * b) + c[2] * b
        }
      }
      let last = activations[widths.count - 1]
      let group = last.count / k
      let z = (0..<k).map { c in last[c * group..<(c + 1) * group].reduce(0, +) / tau }
      let top = z.max()!
      let e = z.map { expf($0 - top) }
      let total = e.reduce(0, +)
      for c in 0..<k {
        let g = (e[c] / total - (c == Int(data.labels[s]) ? 1 : 0)) / tau
        for j in c * group..<(c + 1) * group { gradOut[j] = g }
      }
      for l in stride(from: widths.count - 1, through: 0, by: -1) {
        let layer = model.layers[l]
        let source = l == 0 ? input : activations[l - 1]
        if l > 0 { for i in 0..<widths[l - 1] { gradIn[i] = 0 } }
        for j in 0..<layer.outputs {
          let ia = Int(layer.connections.a[j])
          let ib = Int(layer.connections.b[j])
          let a = source[ia]
          let b = source[ib]
          let g = gradOut[j]
          let c = coefficients[l][j]
          sums[l][j] += SIMD4(g, g * a, g * b, g * a * b)
          if l > 0 {
            gradIn[ia] += g * (c[1] + c[3] * b)
            gradIn[ib] += g * (c[2] + c[3] * a)
          }
        }
        swap(&gradOut, &gradIn)
      }
    }
  }
}
