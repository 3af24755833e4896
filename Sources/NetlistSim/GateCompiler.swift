import NetlistIR

/// Compiles a verified gate-level netlist into a ``GateProgram``.
///
/// 1. Every node bit becomes a *literal*: a constant, or a value (an input bit, a register or
///    an instruction) that may be complemented. `not`, `buf`, slices, concatenations, gates
///    with a constant or repeated operand and gates that ignore an operand produce no
///    instruction; complements are absorbed by the gates that read them.
/// 2. Every remaining gate is one of four kernels (``GateKernel``) on two distinct values,
///    possibly complemented; identical instructions are merged.
/// 3. Adder cells are fused (see ``fusedInstructions(roots:)``): a sum and a carry computed
///    from the same two or three values become one instruction with two results.
/// 4. Instructions no output or register reads are dropped; the rest are ordered by
///    (level, kernel), so one pass runs a few long loops without a per-gate branch.
/// 5. Slots are assigned by a linear scan: a slot is reused as soon as its last reader has
///    run, which keeps one pass's working set near two levels' worth of signals.
struct GateCompiler {
  /// A signal during compilation: a constant (`value == -1`, `inverted` gives its bit) or a
  /// value, complemented when `inverted`.
  struct Literal: Hashable {
    var value: Int32
    var inverted: Bool

    static let zero = Literal(value: -1, inverted: false)
    static let one = Literal(value: -1, inverted: true)

    var isConstant: Bool { value < 0 }
    var complemented: Literal { Literal(value: value, inverted: !inverted) }
  }

  /// What produces a value.
  enum Definition {
    case input(bit: Int)
    case register(index: Int)
    case instruction(GateKernel, Int32, Int32)
  }

  /// One instruction before scheduling: its kernel, the values it reads and the values it
  /// defines (one, or a sum and a carry).
  struct Instruction {
    var kernel: GateKernel
    var operands: [Int32]
    var results: [Int32]
  }

  struct InstructionKey: Hashable {
    var kernel: GateKernel
    var a: Int32
    var b: Int32
  }

  private(set) var definitions: [Definition] = []
  private(set) var instructionIDs: [InstructionKey: Int32] = [:]

  /// Compiles `netlist`, which must be verified and gate-level.
  static func compile(_ netlist: Netlist) -> GateProgram {
    var compiler = GateCompiler()
    let bits = compiler.literals(of: netlist)
    let outputRoots = netlist.outputs.flatMap { bits[$0.int] }
    let registerRoots = netlist.registers.map { bits[netlist[$0].operands[0].int][0] }
    let instructions = compiler.fusedInstructions(roots: outputRoots + registerRoots)
    return compiler.schedule(
      instructions, outputs: outputRoots, registerNext: registerRoots,
      registerReset: netlist.registers.map { netlist[$0].op.resetBit })
  }

  // MARK: - Literals

  /// The literals of every node's bits, least significant first.
  private mutating func literals(of netlist: Netlist) -> [[Literal]] {
    var bits = [[Literal]](repeating: [], count: netlist.nodes.count)
    var inputOffset = [Int](repeating: 0, count: netlist.nodes.count)
    var offset = 0
    for id in netlist.inputs {
      inputOffset[id.int] = offset
      offset += netlist[id].width
    }
    var registerIndex = [Int](repeating: 0, count: netlist.nodes.count)
    for (i, id) in netlist.registers.enumerated() { registerIndex[id.int] = i }

    for id in netlist.topologicalOrder()! {
      let node = netlist[id]
      let operandBits = node.operands.map { bits[$0.int] }
      switch node.op {
      case .input:
        bits[id.int] = (0..<node.width).map { define(.input(bit: inputOffset[id.int] + $0)) }
      case .register:
        bits[id.int] = [define(.register(index: registerIndex[id.int]))]
      case .constant(let c):
        bits[id.int] = (0..<node.width).map { c[bit: $0] ? Literal.one : Literal.zero }
      case .slice(let low):
        bits[id.int] = Array(operandBits[0][low..<(low + node.width)])
      case .not:
        bits[id.int] = operandBits[0].map(\.complemented)
      case .buf, .output:
        bits[id.int] = operandBits[0]
      case .concat:
        bits[id.int] = operandBits.reversed().flatMap { $0 }
      case .gate(let g):
        bits[id.int] = [gate(g, operandBits[0][0], operandBits[1][0])]
      case .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .shiftLeft, .shiftRight, .extend,
        .popcount, .round, .resize, .rom:
        preconditionFailure("node \(id) is not gate-level")
      }
    }
    return bits
  }

  private mutating func define(_ definition: Definition) -> Literal {
    definitions.append(definition)
    return Literal(value: Int32(definitions.count - 1), inverted: false)
  }

  /// The literal of `g(a, b)`, adding an instruction only when the result depends on both
  /// operands.
  private mutating func gate(_ g: GateFunction, _ a: Literal, _ b: Literal) -> Literal {
    // f(x, y): the gate as a function of the values under a and b (a constant's value is 0).
    func f(_ x: Bool, _ y: Bool) -> Bool { g(x != a.inverted, y != b.inverted) }
    if a.isConstant && b.isConstant { return f(false, false) ? .one : .zero }
    if a.isConstant { return Self.unary(b.value) { f(false, $0) } }
    if b.isConstant || a.value == b.value {
      return Self.unary(a.value) { f($0, b.isConstant ? false : $0) }
    }
    let t00 = f(false, false)
    let t01 = f(false, true)
    let t10 = f(true, false)
    let t11 = f(true, true)
    if t00 == t01 && t10 == t11 { return Self.unary(a.value) { f($0, false) } }
    if t00 == t10 && t01 == t11 { return Self.unary(b.value) { f(false, $0) } }
    let ones = [t00, t01, t10, t11].filter { $0 }.count
    if ones == 2 { return instruction(.xor, a.value, b.value, inverted: t00) }
    // One row differs from the other three: an AND of literals, complemented when the odd
    // row is the only zero.
    let odd = ones == 1
    let inverted = !odd
    if t11 == odd { return instruction(.and, a.value, b.value, inverted: inverted) }
    if t10 == odd { return instruction(.andNot, a.value, b.value, inverted: inverted) }
    if t01 == odd { return instruction(.andNot, b.value, a.value, inverted: inverted) }
    return instruction(.nor, a.value, b.value, inverted: inverted)
  }

  /// The literal of `h(value)` for a one-input function `h`.
  private static func unary(_ value: Int32, _ h: (Bool) -> Bool) -> Literal {
    let h0 = h(false)
    let h1 = h(true)
    if h0 == h1 { return h0 ? .one : .zero }
    return Literal(value: value, inverted: h0)
  }

  private mutating func instruction(
    _ kernel: GateKernel, _ a: Int32, _ b: Int32, inverted: Bool
  ) -> Literal {
    let symmetric = kernel != .andNot
    let key = InstructionKey(
      kernel: kernel, a: symmetric ? min(a, b) : a, b: symmetric ? max(a, b) : b)
    if let id = instructionIDs[key] { return Literal(value: id, inverted: inverted) }
    let literal = define(.instruction(kernel, key.a, key.b))
    instructionIDs[key] = literal.value
    return Literal(value: literal.value, inverted: inverted)
  }

  // MARK: - Scheduling

  /// Drops unread instructions, orders the rest by (level, kernel) and assigns slots.
  /// `instructions` are in an order where every operand is defined before it is read.
  private func schedule(
    _ instructions: [Instruction], outputs: [Literal], registerNext: [Literal],
    registerReset: [Bool]
  ) -> GateProgram {
    let count = definitions.count
    let roots = outputs + registerNext
    var live = [Bool](repeating: false, count: count)
    for root in roots where !root.isConstant { live[Int(root.value)] = true }
    var running = [Bool](repeating: false, count: instructions.count)
    for (i, instruction) in instructions.enumerated().reversed()
    where instruction.results.contains(where: { live[Int($0)] }) {
      running[i] = true
      for operand in instruction.operands { live[Int(operand)] = true }
    }

    var level = [Int](repeating: 0, count: count)
    var readers = [Int](repeating: 0, count: count)
    var levels: [[Int]] = []
    for (i, instruction) in instructions.enumerated() where running[i] {
      let depth = 1 + instruction.operands.map { level[Int($0)] }.max()!
      for result in instruction.results { level[Int(result)] = depth }
      if depth > levels.count { levels.append([]) }
      levels[depth - 1].append(i)
      for operand in instruction.operands { readers[Int(operand)] += 1 }
    }
    for root in roots where !root.isConstant { readers[Int(root.value)] = Int.max }

    var allocator = SlotAllocator()
    var slot = [Int](repeating: 0, count: count)
    var inputLoads: [SlotLoad] = []
    var registerLoads: [SlotLoad] = []
    for v in 0..<count where live[v] {
      switch definitions[v] {
      case .input(let bit):
        slot[v] = allocator.take()
        inputLoads.append(SlotLoad(plane: bit, slot: slot[v]))
      case .register(let index):
        slot[v] = allocator.take()
        registerLoads.append(SlotLoad(plane: index, slot: slot[v]))
      case .instruction:
        break
      }
    }

    // Level by level (operands are in earlier levels, so their slots are known): group by
    // kernel, and within a kernel read the operand slots in ascending order, which the
    // hardware prefetcher can follow.
    var operands: [UInt32] = []
    var runs: [KernelRun] = []
    for members in levels {
      var batch = members.map { i in
        let instruction = instructions[i]
        var read = instruction.operands.map { Int($0) }
        if instruction.kernel.firstOperandsCommute && slot[read[1]] < slot[read[0]] {
          read.swapAt(0, 1)
        }
        let key = (slot[read[0]], slot[read[1]], read.count > 2 ? slot[read[2]] : 0)
        return (kernel: instruction.kernel, key: key, operands: read, results: instruction.results)
      }
      batch.sort { x, y in
        x.kernel != y.kernel ? x.kernel.rawValue < y.kernel.rawValue : x.key < y.key
      }
      for (kernel, _, read, results) in batch {
        for operand in read {
          operands.append(UInt32(slot[operand] << 6))
          readers[operand] -= 1
          if readers[operand] == 0 { allocator.release(slot[operand]) }
        }
        // Every result gets its own slot; a result nothing reads (one half of a fused
        // adder) frees it again once all results have one.
        for result in results {
          slot[Int(result)] = allocator.take()
          operands.append(UInt32(slot[Int(result)] << 6))
        }
        for result in results where readers[Int(result)] == 0 {
          allocator.release(slot[Int(result)])
        }
        if runs.last?.kernel == kernel {
          runs[runs.count - 1].count += 1
        } else {
          runs.append(KernelRun(kernel: kernel, count: 1))
        }
      }
    }

    func read(_ literal: Literal) -> SlotRead {
      SlotRead(
        slot: literal.isConstant ? 0 : slot[Int(literal.value)],
        mask: literal.inverted ? ~0 : 0)
    }
    return GateProgram(
      slotCount: allocator.count, inputLoads: inputLoads, registerLoads: registerLoads,
      runs: runs, operands: operands, outputs: outputs.map(read),
      registerNext: registerNext.map(read), registerReset: registerReset,
      levelCount: levels.count)
  }
}

/// Hands out signal slots, most recently released first (those are still in cache). Slot 0
/// is the zero slot and is never handed out.
private struct SlotAllocator {
  private(set) var count = 1
  private var free: [Int] = []

  mutating func take() -> Int {
    if let slot = free.popLast() { return slot }
    count += 1
    return count - 1
  }

  mutating func release(_ slot: Int) { free.append(slot) }
}

extension Op {
  /// A one-bit register's reset bit (false for any other op).
  fileprivate var resetBit: Bool {
    if case .register(let reset) = self { return reset[bit: 0] }
    return false
  }
}
