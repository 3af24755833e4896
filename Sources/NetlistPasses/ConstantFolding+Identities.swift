import NetlistIR

// The algebraic identities of `ConstantFolding` (listed in its documentation).

extension NetlistRewriter {
  /// The value of a node that is a constant.
  func constantValue(_ id: NodeID) -> BitVector? {
    if case .constant(let v) = self[id].op { return v }
    return nil
  }

  /// Applies the identity that matches `id`, if any (not all operands are constants).
  mutating func applyIdentity(to id: NodeID) {
    let node = self[id]
    let x = operands(of: id)
    let c = x.map { constantValue($0) }
    let w = node.width
    let zero = BitVector(zeroWidth: w)
    let ones = BitVector.ones(width: w)
    switch node.op {
    case .input, .output, .constant, .register, .gate, .not, .buf, .rom:
      return
    case .and:
      if let (v, other) = Self.oneConstant(x, c) {
        if v == zero { makeConstant(id, zero) } else if v == ones { replace(id, with: other) }
      } else if x[0] == x[1] {
        replace(id, with: x[0])
      }
    case .or:
      if let (v, other) = Self.oneConstant(x, c) {
        if v == zero { replace(id, with: other) } else if v == ones { makeConstant(id, ones) }
      } else if x[0] == x[1] {
        replace(id, with: x[0])
      }
    case .xor:
      if let (v, other) = Self.oneConstant(x, c) {
        if v == zero { replace(id, with: other) } else if v == ones { rewrite(id, .not, [other]) }
      } else if x[0] == x[1] {
        makeConstant(id, zero)
      }
    case .add(let s):
      if let (v, other) = Self.oneConstant(x, c), v.isZero { extend(id, other, s) }
    case .sub(let s):
      if let v = c[1], v.isZero {
        extend(id, x[0], s)
      } else if x[0] == x[1] {
        makeConstant(id, zero)
      }
    case .mul(let s):
      guard let (v, other) = Self.oneConstant(x, c) else { return }
      let factor = v.resized(to: w, s)
      if factor.isZero {
        makeConstant(id, zero)
      } else if factor.popcount == 1 {
        let k = (0..<w).first { factor[bit: $0] }!
        let operand =
          self[other].width == w
          ? other : insert(Node(op: .extend(s), operands: [other], width: w), before: id)
        if k == 0 { replace(id, with: operand) } else { rewrite(id, .shiftLeft(k), [operand]) }
      }
    case .compare(let kind, let s):
      foldCompare(id, kind, s, x, c)
    case .mux:
      if let select = c[0] {
        replace(id, with: select[bit: 0] ? x[2] : x[1])
      } else if x[1] == x[2] {
        replace(id, with: x[1])
      } else if w == 1, let f = c[1], let t = c[2] {
        if !f[bit: 0] && t[bit: 0] { replace(id, with: x[0]) }
        if f[bit: 0] && !t[bit: 0] { rewrite(id, .not, [x[0]]) }
      }
    case .shiftLeft(let n):
      if n == 0 { replace(id, with: x[0]) } else if n >= w { makeConstant(id, zero) }
    case .shiftRight(let n, let s):
      if n == 0 {
        replace(id, with: x[0])
      } else if n >= w && s == .unsigned {
        makeConstant(id, zero)
      }
    case .concat:
      if x.count == 1 { replace(id, with: x[0]) }
    case .slice(let low):
      foldSlice(id, low, w, x[0])
    case .extend(let outer):
      if self[x[0]].width == w {
        replace(id, with: x[0])
      } else if case .extend(let inner) = self[x[0]].op {
        foldExtendOfExtend(id, outer: outer, inner: inner, middle: x[0])
      }
    case .popcount:
      let kept = x.filter { constantValue($0)?.isZero != true }
      if kept.count < x.count && !kept.isEmpty { rewrite(id, .popcount, kept) }
    case .round(let n, _, let s):
      if n == 0 { extend(id, x[0], s) }
    case .resize(let mode, let s):
      let source = self[x[0]].width
      if w > source || mode == .wrap {
        extend(id, x[0], s)
      } else if w == source && !(mode == .satSym && s == .signed) {
        replace(id, with: x[0])
      }
    }
  }

  /// The constant and the other operand when exactly one of two operands is a constant.
  private static func oneConstant(_ x: [NodeID], _ c: [BitVector?]) -> (BitVector, NodeID)? {
    switch (c[0], c[1]) {
    case (let v?, nil): return (v, x[1])
    case (nil, let v?): return (v, x[0])
    default: return nil
    }
  }

  /// Makes `id` read `x` extended by `s` to its width (or replaces it by `x` when equal).
  private mutating func extend(_ id: NodeID, _ x: NodeID, _ s: Signedness) {
    if self[x].width == self[id].width {
      replace(id, with: x)
    } else if self[id].op != .extend(s) {
      rewrite(id, .extend(s), [x])
    }
  }

  /// `ext(ext(y))` reads `y` once: when the outer node is no wider than the inner one (a
  /// truncation or a single extension of `y`), or when the inner node widens `y` and both
  /// extend alike (an unsigned widening leaves a zero sign bit, so any outer extension of
  /// it is unsigned).
  private mutating func foldExtendOfExtend(
    _ id: NodeID, outer: Signedness, inner: Signedness, middle: NodeID
  ) {
    let y = operands(of: middle)[0]
    let w = self[id].width
    let sourceWidth = self[y].width
    let middleWidth = self[middle].width
    // A truncating inner node keeps only its low bits: then only a narrower outer node
    // can read y directly.
    let widens = middleWidth > sourceWidth
    let readsYOnce =
      w <= middleWidth || (widens && (outer == inner || inner == .unsigned))
    guard readsYOnce else { return }
    if sourceWidth == w { replace(id, with: y) } else { rewrite(id, .extend(inner), [y]) }
  }

  /// Comparisons of a value with itself or with the least or greatest value of its format.
  private mutating func foldCompare(
    _ id: NodeID, _ kind: CompareKind, _ s: Signedness, _ x: [NodeID], _ c: [BitVector?]
  ) {
    if x[0] == x[1] {
      makeConstant(id, Self.bit(kind.holds(0)))
      return
    }
    // Put the constant on the right: c k x  ⇔  x k' c.
    let (k, bound): (CompareKind, BitVector)
    switch (c[0], c[1]) {
    case (nil, let v?): (k, bound) = (kind, v)
    case (let v?, nil): (k, bound) = (kind.mirrored, v)
    default: return
    }
    let width = self[x[0]].width
    if bound == BitVector.minimum(width: width, s) {
      if k == .lt { makeConstant(id, Self.bit(false)) }
      if k == .ge { makeConstant(id, Self.bit(true)) }
    } else if bound == BitVector.maximum(width: width, s) {
      if k == .gt { makeConstant(id, Self.bit(false)) }
      if k == .le { makeConstant(id, Self.bit(true)) }
    }
  }

  /// A slice of everything, of a slice, or of one part of a concat.
  private mutating func foldSlice(_ id: NodeID, _ low: Int, _ width: Int, _ source: NodeID) {
    let sourceNode = self[source]
    if low == 0 && width == sourceNode.width {
      replace(id, with: source)
      return
    }
    if case .slice(let inner) = sourceNode.op {
      rewrite(id, .slice(low + inner), operands(of: source))
    } else if sourceNode.op == .concat {
      var offset = 0
      for part in operands(of: source).reversed() {
        let partWidth = self[part].width
        if low >= offset && low + width <= offset + partWidth {
          if low == offset && width == partWidth {
            replace(id, with: part)
          } else {
            rewrite(id, .slice(low - offset), [part])
          }
          return
        }
        offset += partWidth
      }
    }
  }

  private static func bit(_ value: Bool) -> BitVector {
    BitVector(width: 1, truncating: value ? 1 : 0 as UInt64)
  }
}

extension CompareKind {
  /// The relation with operands exchanged: `a k b ⇔ b k.mirrored a`.
  var mirrored: CompareKind {
    switch self {
    case .eq, .ne: return self
    case .lt: return .gt
    case .gt: return .lt
    case .le: return .ge
    case .ge: return .le
    }
  }
}
