extension GateCompiler {
  /// The program's instructions in value order (every operand is defined before it is
  /// read), with adder cells fused into two-result instructions:
  ///
  /// - *full adders*: `s = (a ⊕ b) ⊕ c` and a carry `k` that is a majority of `a`, `b`, `c`,
  ///   any of them complemented, computed through a reader of `a ⊕ b` (as the bit-blaster
  ///   builds it: `k = (a ∧ b) ∨ ((a ⊕ b) ∧ c)`, in whatever kernels the complements left);
  /// - *half adders*, among what is left: `a ⊕ b` and an AND-type instruction (and, and-not,
  ///   nor) of the same two values.
  ///
  /// A pair is fused only when the truth tables of `s` and `k` over `a`, `b`, `c` (computed
  /// from their gates) equal the two results of a ``GateKernel`` under some order of the
  /// operands, evaluated by the same kernel code the passes run, so a fused instruction
  /// computes exactly the two values it replaces. The gates in between (`a ⊕ b`, `a ∧ b`, …)
  /// stay in the list; scheduling drops those that nothing else reads.
  func fusedInstructions(roots: [Literal]) -> [Instruction] {
    var fusion = AdderFusion(definitions: definitions, roots: roots)
    fusion.fuseFullAdders()
    fusion.fuseHalfAdders(instructionIDs)
    return fusion.instructions()
  }
}

/// The state of adder fusion: which values fused instructions define so far.
private struct AdderFusion {
  typealias Instruction = GateCompiler.Instruction

  let definitions: [GateCompiler.Definition]
  let roots: [GateCompiler.Literal]
  /// Per value: whether a fused instruction defines it.
  var claimed: [Bool]
  /// The fused instructions, each under the lower of its two result values.
  var fused: [Int32: Instruction] = [:]

  /// Truth-table columns of the (up to three) operands of a fused instruction.
  static let patterns: [UInt64] = [0xF0, 0xCC, 0xAA]
  static let orders: [Int: [[Int]]] = [
    2: [[0, 1], [1, 0]],
    3: [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]],
  ]

  init(definitions: [GateCompiler.Definition], roots: [GateCompiler.Literal]) {
    self.definitions = definitions
    self.roots = roots
    claimed = [Bool](repeating: false, count: definitions.count)
  }

  /// The instructions in value order, a fused one where its lower result was.
  func instructions() -> [Instruction] {
    var out: [Instruction] = []
    out.reserveCapacity(definitions.count)
    for v in definitions.indices {
      if let instruction = fused[Int32(v)] {
        out.append(instruction)
      } else if !claimed[v], case .instruction(let k, let a, let b) = definitions[v] {
        out.append(Instruction(kernel: k, operands: [a, b], results: [Int32(v)]))
      }
    }
    return out
  }

  /// Which values the roots need through ``instructions()``, and for each value the
  /// (single-result) instructions among those that read it.
  func liveness() -> (live: [Bool], readers: [[Int32]]) {
    var live = [Bool](repeating: false, count: definitions.count)
    var readers = [[Int32]](repeating: [], count: definitions.count)
    for root in roots where !root.isConstant { live[Int(root.value)] = true }
    for instruction in instructions().reversed()
    where instruction.results.contains(where: { live[Int($0)] }) {
      for operand in instruction.operands {
        live[Int(operand)] = true
        if instruction.results.count == 1 { readers[Int(operand)].append(instruction.results[0]) }
      }
    }
    return (live, readers)
  }

  /// Fuses `s = (a ⊕ b) ⊕ c` with a majority-type carry two instructions below `a ⊕ b`.
  mutating func fuseFullAdders() {
    let (live, readers) = liveness()
    for s in definitions.indices where live[s] && !claimed[s] {
      guard case .instruction(.xor, let x, let y) = definitions[s] else { continue }
      for (p, c) in [(x, y), (y, x)] {
        guard case .instruction(.xor, let a, let b) = definitions[Int(p)], c != a && c != b
        else { continue }
        let carries = readers[Int(p)].lazy.flatMap { readers[Int($0)] }
        if carries.contains(where: { k in
          k != s && !claimed[Int(k)] && fuse(Int32(s), k, over: [a, b, c])
        }) {
          break
        }
      }
    }
  }

  /// Fuses `a ⊕ b` with an AND-type instruction of the same values.
  mutating func fuseHalfAdders(_ instructionIDs: [GateCompiler.InstructionKey: Int32]) {
    let live = liveness().live
    for s in definitions.indices where live[s] && !claimed[s] {
      guard case .instruction(.xor, let a, let b) = definitions[s] else { continue }
      let keys = [
        GateCompiler.InstructionKey(kernel: .and, a: a, b: b),
        GateCompiler.InstructionKey(kernel: .nor, a: a, b: b),
        GateCompiler.InstructionKey(kernel: .andNot, a: a, b: b),
        GateCompiler.InstructionKey(kernel: .andNot, a: b, b: a),
      ]
      for key in keys {
        if let k = instructionIDs[key], live[Int(k)], !claimed[Int(k)],
          fuse(Int32(s), k, over: [a, b])
        {
          break
        }
      }
    }
  }

  /// Fuses `sum` and `carry` into one instruction over `leaves` if some kernel computes
  /// both of them from the leaves in some order.
  private mutating func fuse(_ sum: Int32, _ carry: Int32, over leaves: [Int32]) -> Bool {
    guard let sumTable = table(sum, leaves, depth: 3),
      let carryTable = table(carry, leaves, depth: 3)
    else { return false }
    for kernel in GateKernel.allCases
    where kernel.resultCount == 2 && kernel.operandCount == leaves.count {
      for order in Self.orders[leaves.count]! {
        let column = order.map { Self.patterns[$0] }
        let (s, k) = kernel.pair(column[0], column[1], column.count > 2 ? column[2] : 0)
        guard s & 0xFF == sumTable && k & 0xFF == carryTable else { continue }
        fused[min(sum, carry)] = Instruction(
          kernel: kernel, operands: order.map { leaves[$0] }, results: [sum, carry])
        claimed[Int(sum)] = true
        claimed[Int(carry)] = true
        return true
      }
    }
    return false
  }

  /// The truth table of `value` over `leaves` (columns ``patterns``), through at most
  /// `depth` levels of two-input instructions; nil if it depends on anything else.
  private func table(_ value: Int32, _ leaves: [Int32], depth: Int) -> UInt64? {
    if let i = leaves.firstIndex(of: value) { return Self.patterns[i] }
    guard depth > 0, case .instruction(let kernel, let a, let b) = definitions[Int(value)],
      let x = table(a, leaves, depth: depth - 1), let y = table(b, leaves, depth: depth - 1)
    else { return nil }
    return kernel.single(x, y) & 0xFF
  }
}
