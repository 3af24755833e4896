/// A ``GateProgram`` copied into manually allocated buffers, so a pass reaches every table
/// through a plain pointer. Immutable after `init`, so it may be shared between threads.
final class GateCode: @unchecked Sendable {
  let slotCount: Int
  let inputLoads: UnsafeMutableBufferPointer<SlotLoad>
  let registerLoads: UnsafeMutableBufferPointer<SlotLoad>
  let runs: UnsafeMutableBufferPointer<KernelRun>
  let operands: UnsafeMutableBufferPointer<GateOperands>
  let outputs: UnsafeMutableBufferPointer<SlotRead>
  let registerNext: UnsafeMutableBufferPointer<SlotRead>

  init(_ program: GateProgram) {
    slotCount = program.slotCount
    inputLoads = Self.copy(program.inputLoads)
    registerLoads = Self.copy(program.registerLoads)
    runs = Self.copy(program.runs)
    operands = Self.copy(program.operands)
    outputs = Self.copy(program.outputs)
    registerNext = Self.copy(program.registerNext)
  }

  deinit {
    inputLoads.deallocate()
    registerLoads.deallocate()
    runs.deallocate()
    operands.deallocate()
    outputs.deallocate()
    registerNext.deallocate()
  }

  private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
    _ = buffer.initialize(from: array)
    return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
  }
}

/// Where one evaluation reads and writes its bit planes: each plane holds `stride` words,
/// planes follow one another. `state` (register values, one plane per register) is read at
/// the start of a pass and replaced by the next state at its end.
struct PassIO: @unchecked Sendable {
  var inputs: UnsafePointer<UInt64>?
  var outputs: UnsafeMutablePointer<UInt64>?
  var state: UnsafeMutablePointer<UInt64>?
  var stride: Int
}

extension GateCode {
  /// Evaluates words `words` of every plane: 512-sample passes, then 256-, 128- and 64-sample
  /// passes for what is left.
  func evaluate(words: Range<Int>, _ io: PassIO) {
    var word = words.lowerBound
    let end = words.upperBound
    if end - word >= 8 {
      let slots = UnsafeMutablePointer<SIMD8<UInt64>>.allocate(capacity: slotCount)
      defer { slots.deallocate() }
      while end - word >= 8 {
        pass(slots, word: word, io)
        word += 8
      }
    }
    if end - word >= 4 {
      let slots = UnsafeMutablePointer<SIMD4<UInt64>>.allocate(capacity: slotCount)
      defer { slots.deallocate() }
      pass(slots, word: word, io)
      word += 4
    }
    if end - word >= 2 {
      let slots = UnsafeMutablePointer<SIMD2<UInt64>>.allocate(capacity: slotCount)
      defer { slots.deallocate() }
      pass(slots, word: word, io)
      word += 2
    }
    if end - word >= 1 {
      let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
      defer { slots.deallocate() }
      pass(slots, word: word, io)
    }
  }

  /// One pass over the `L.wordCount` words starting at `word` of every plane.
  func pass<L: LaneWord>(_ slots: UnsafeMutablePointer<L>, word: Int, _ io: PassIO) {
    slots[0] = L(repeating: 0)
    if let inputs = io.inputs {
      for load in inputLoads {
        slots[load.slot] = UnsafeRawPointer(inputs + (load.plane &* io.stride &+ word))
          .loadUnaligned(as: L.self)
      }
    }
    if let state = io.state {
      for load in registerLoads {
        slots[load.slot] = UnsafeRawPointer(state + (load.plane &* io.stride &+ word))
          .loadUnaligned(as: L.self)
      }
    }
    var instruction = UnsafePointer(operands.baseAddress!)
    for run in runs {
      switch run.kernel {
      case .and: Self.apply(instruction, run.count, slots) { $0 & $1 }
      case .andNot: Self.apply(instruction, run.count, slots) { $0 & ~$1 }
      case .nor: Self.apply(instruction, run.count, slots) { ~($0 | $1) }
      case .xor: Self.apply(instruction, run.count, slots) { $0 ^ $1 }
      }
      instruction += run.count
    }
    if let planes = io.outputs {
      for (bit, read) in outputs.enumerated() {
        UnsafeMutableRawPointer(planes + (bit &* io.stride &+ word))
          .storeBytes(of: slots[read.slot] ^ L(repeating: read.mask), as: L.self)
      }
    }
    if let state = io.state {
      for (register, read) in registerNext.enumerated() {
        UnsafeMutableRawPointer(state + (register &* io.stride &+ word))
          .storeBytes(of: slots[read.slot] ^ L(repeating: read.mask), as: L.self)
      }
    }
  }

  /// The hot loop: one kernel over `count` consecutive instructions.
  @inline(__always)
  private static func apply<L: LaneWord>(
    _ instructions: UnsafePointer<GateOperands>, _ count: Int, _ slots: UnsafeMutablePointer<L>,
    _ kernel: (L, L) -> L
  ) {
    for i in 0..<count {
      let o = instructions[i]
      slots[Int(o.d)] = kernel(slots[Int(o.a)], slots[Int(o.b)])
    }
  }
}
