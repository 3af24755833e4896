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
  /// Instruction groups in execution order.
  var runs: [KernelRun]
  /// The instructions in execution order, `kernel.wordCount` words each: the slots read,
  /// then the slots written, as byte offsets of 64-byte slots (`64 · slot`), so the hot loop
  /// needs no index arithmetic in 512-sample passes.
  var operands: [UInt32]
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
  /// Instructions left after folding constants, inverters, buffers, single-input gates,
  /// duplicate gates and gates that reach no output, and after fusing adder cells (a fused
  /// adder counts as one instruction).
  public var instructions: Int
  /// Fused full adders among the instructions: one instruction reads the three operands and
  /// writes the sum (`a ⊕ b ⊕ c`) and the carry (a majority of the possibly complemented
  /// operands), in place of the gates that computed them.
  public var fullAdders: Int
  /// Fused half adders among the instructions: one instruction reads two operands and writes
  /// their XOR and an AND of the possibly complemented operands.
  public var halfAdders: Int
  /// Logic depth in instructions.
  public var levels: Int
  /// Signal slots one pass needs after reusing dead slots (including the zero slot).
  public var slots: Int
  /// Groups of consecutive instructions sharing one operation.
  public var kernelRuns: Int

  /// A one-line summary such as `65918 gates → 31290 instructions (11482 full adders, 1950
  /// half adders), 52 levels, 9012 slots, 380 runs`.
  public var description: String {
    "\(netlistGates) gates → \(instructions) instructions (\(fullAdders) full adders, "
      + "\(halfAdders) half adders), \(levels) levels, \(slots) slots, \(kernelRuns) runs"
  }
}

extension GateProgram {
  /// The number of instructions whose kernel satisfies `predicate`.
  func count(where predicate: (GateKernel) -> Bool) -> Int {
    runs.reduce(0) { $0 + (predicate($1.kernel) ? $1.count : 0) }
  }
}
