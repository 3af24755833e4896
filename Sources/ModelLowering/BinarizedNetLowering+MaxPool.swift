import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// Max-pool of ±1 bits (`C × H × W` order in and out): the maximum of ±1 values stored as
  /// bits (1 ↦ +1) is the OR of the window, a balanced tree of 2-input ORs.
  static func maxPool(
    _ pool: MaxPoolLayer, _ shape: ImageShape, _ bits: [NodeID], in n: inout Netlist
  ) -> [NodeID] {
    let out = pool.outputShape(shape)
    let plane = shape.height * shape.width
    var result: [NodeID] = []
    for c in 0..<out.channels {
      for y in 0..<out.height {
        for x in 0..<out.width {
          var level = pool.window(y: y, x: x, width: shape.width).map { bits[c * plane + $0] }
          while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { i in
              i + 1 < level.count ? n.bitwise(.or, level[i], level[i + 1]) : level[i]
            }
          }
          result.append(level[0])
        }
      }
    }
    return result
  }
}
