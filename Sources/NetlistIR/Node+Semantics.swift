/// The executable meaning of every op: what one combinational node computes from its operand
/// values. The reference interpreter, constant folding and the bit-level lowering's tests all
/// use this one definition.
extension Node {
  /// The value of this combinational node given its operand values (in operand order).
  ///
  /// - Precondition: the node is not an `input` or a `register` (those are sources whose
  ///   value comes from outside or from the previous clock cycle), and `x` holds one value
  ///   of the right width per operand.
  public func evaluate(_ x: [BitVector]) -> BitVector {
    let w = width
    switch op {
    case .input, .register:
      preconditionFailure("sources have no combinational value")
    case .output, .buf:
      return x[0]
    case .constant(let c):
      return c
    case .gate(let g):
      return BitVector(width: 1, truncating: g(x[0][bit: 0], x[1][bit: 0]) ? 1 : 0 as UInt64)
    case .not:
      return ~x[0]
    case .and:
      return BitVector.bitwise(x[0], x[1], &)
    case .or:
      return BitVector.bitwise(x[0], x[1], |)
    case .xor:
      return BitVector.bitwise(x[0], x[1], ^)
    case .add(let s):
      return BitVector.sum(x[0], x[1], width: w, s)
    case .sub(let s):
      return BitVector.sum(x[0], x[1], width: w, s, subtract: true)
    case .mul(let s):
      return BitVector.product(x[0], x[1], width: w, s)
    case .compare(let kind, let s):
      let holds = kind.holds(BitVector.compare(x[0], x[1], s))
      return BitVector(width: 1, truncating: holds ? 1 : 0 as UInt64)
    case .mux:
      return x[0][bit: 0] ? x[2] : x[1]
    case .shiftLeft(let n):
      return x[0].shiftedLeft(by: n)
    case .shiftRight(let n, let s):
      return x[0].shiftedRight(by: n, s)
    case .concat:
      return BitVector.concatenate(x)
    case .slice(let low):
      return x[0].slice(low: low, count: w)
    case .extend(let s):
      return x[0].resized(to: w, s)
    case .popcount:
      return BitVector(width: w, truncating: UInt64(x.reduce(0) { $0 + $1.popcount }))
    case .round(let n, let mode, let s):
      return x[0].roundedShift(by: n, mode: mode, s, width: w, random: x.count > 1 ? x[1] : nil)
    case .resize(let mode, let s):
      return x[0].resized(to: w, overflow: mode, s)
    case .rom(let table):
      let a = x[0].words
      let inRange = a.dropFirst().allSatisfy { $0 == 0 } && a[0] < UInt64(table.count)
      return inRange ? table[Int(a[0])] : BitVector(zeroWidth: w)
    }
  }
}
