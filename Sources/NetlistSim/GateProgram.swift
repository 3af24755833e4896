/// The bitwise operations every two-input gate reduces to once negated operands and negated
/// results are absorbed into the signals that carry them (see ``GateCompiler``).
enum GateKernel: UInt8, CaseIterable, Sendable {
  /// `a & b`.
  case and
  /// `a & ~b`.
  case andNot
  /// `~(a | b)`.
  case nor
  /// `a ^ b`.
  case xor
}

/// The slots one instruction reads (`a`, `b`) and writes (`d`), as byte offsets of 64-byte
/// slots (`64 · slot`), so the hot loop needs no index arithmetic in 512-sample passes.
struct GateOperands: Sendable {
  var a: UInt32
  var b: UInt32
  var d: UInt32
}

/// `count` consecutive instructions that all apply `kernel`.
struct KernelRun: Sendable {
  var kernel: GateKernel
  var count: Int
}

/// Loads plane `plane` (an input bit, or a register's state) into `slot` at the start of a
/// pass.
struct SlotLoad: Sendable {
  var plane: Int
  var slot: Int
}

/// Reads `slot` at the end of a pass, complemented where `mask` is all ones. Constants read
/// the zero slot.
struct SlotRead: Sendable {
  var slot: Int
  var mask: UInt64
}

/// A gate-level netlist compiled for bit-parallel evaluation: straight-line instructions in
/// (level, kernel) order over a small array of reusable signal slots.
///
/// One pass evaluates every instruction once for a block of samples held in one
/// ``LaneWord`` per slot. Slot 0 always holds zero.
struct GateProgram: Sendable {
  /// Slots one pass needs (slot 0 included).
  var slotCount: Int
  /// Input bits that some instruction or output reads, with their slots.
  var inputLoads: [SlotLoad]
  /// Registers that some instruction or output reads, with their slots.
  var registerLoads: [SlotLoad]
  /// Instruction groups in execution order; their counts add up to `operands.count`.
  var runs: [KernelRun]
  /// The instructions' slots in execution order.
  var operands: [GateOperands]
  /// One read per output bit, in output-port order, least significant bit first.
  var outputs: [SlotRead]
  /// The next state of each register, in ``Netlist/registers`` order.
  var registerNext: [SlotRead]
  /// The reset value of each register.
  var registerReset: [Bool]
  /// The longest chain of instructions.
  var levelCount: Int
}

/// What the bit-parallel evaluator made of a netlist: how much work one pass does.
public struct GateProgramSummary: Hashable, Sendable, CustomStringConvertible {
  /// `gate`, `not` and `buf` nodes in the netlist.
  public var netlistGates: Int
  /// Bitwise instructions left after folding constants, inverters, buffers, single-input
  /// gates, duplicate gates and gates that reach no output.
  public var instructions: Int
  /// Logic depth in instructions.
  public var levels: Int
  /// Signal slots one pass needs after reusing dead slots (including the zero slot).
  public var slots: Int
  /// Groups of consecutive instructions sharing one operation.
  public var kernelRuns: Int

  /// A one-line summary such as `50000 gates → 37012 instructions, 6 levels, 16001 slots`.
  public var description: String {
    "\(netlistGates) gates → \(instructions) instructions, \(levels) levels, \(slots) slots, "
      + "\(kernelRuns) runs"
  }
}
