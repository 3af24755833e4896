/// A ``GateProgram`` copied into manually allocated buffers, so a pass reaches every table
/// through a plain pointer. Immutable after `init`, so it may be shared between threads.
final class GateCode: @unchecked Sendable {
  let slotCount: Int
  let inputLoads: UnsafeMutableBufferPointer<SlotLoad>
  let registerLoads: UnsafeMutableBufferPointer<SlotLoad>
  let runs: UnsafeMutableBufferPointer<KernelRun>
  let operands: UnsafeMutableBufferPointer<UInt32>
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

/// Where one evaluation reads and writes its bit planes, each in the tiled layout of
/// ``BitPlanes`` (`…Tile` is the number of words in one tile). `state` (register values, one
/// plane per register) is read at the start of a pass and replaced by the next state at its
/// end.
struct PassIO: @unchecked Sendable {
  var inputs: UnsafePointer<UInt64>?
  var outputs: UnsafeMutablePointer<UInt64>?
  var state: UnsafeMutablePointer<UInt64>?
  var inputTile: Int
  var outputTile: Int
  var stateTile: Int

  /// Where plane 0 of word `word` is; plane `b` is `8·b` words further.
  @inline(__always)
  static func base<P: Strideable<Int>>(_ pointer: P, tile: Int, word: Int) -> P {
    pointer.advanced(by: (word >> 3) &* tile &+ (word & 7))
  }
}

extension GateCode {
  /// Evaluates words `words` of every plane: passes of `passWords` words (8, 4, 2 or 1), then
  /// narrower passes for what is left.
  func evaluate(words: Range<Int>, passWords: Int, _ io: PassIO) {
    var word = words.lowerBound
    let end = words.upperBound
    if passWords >= 8 && end - word >= 8 {
      withSlots(SIMD8<UInt64>.self) { slots in
        while end - word >= 8 {
          pass(slots, word: word, io)
          word += 8
        }
      }
    }
    if passWords >= 4 && end - word >= 4 {
      withSlots(SIMD4<UInt64>.self) { slots in
        while end - word >= 4 {
          pass(slots, word: word, io)
          word += 4
        }
      }
    }
    if passWords >= 2 && end - word >= 2 {
      withSlots(SIMD2<UInt64>.self) { slots in
        while end - word >= 2 {
          pass(slots, word: word, io)
          word += 2
        }
      }
    }
    if end - word >= 1 {
      withSlots(UInt64.self) { slots in
        while end - word >= 1 {
          pass(slots, word: word, io)
          word += 1
        }
      }
    }
  }

  /// Scratch slots for one pass, aligned to a cache line so no slot straddles two.
  private func withSlots<L: LaneWord>(_: L.Type, _ body: (UnsafeMutablePointer<L>) -> Void) {
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: slotCount * MemoryLayout<L>.stride, alignment: 64)
    defer { raw.deallocate() }
    body(raw.bindMemory(to: L.self, capacity: slotCount))
  }

  /// One pass over the `L.wordCount` words starting at `word` of every plane.
  func pass<L: LaneWord>(_ slots: UnsafeMutablePointer<L>, word: Int, _ io: PassIO) {
    slots[0] = L(repeating: 0)
    if let inputs = io.inputs {
      let base = PassIO.base(inputs, tile: io.inputTile, word: word)
      for load in inputLoads {
        slots[load.slot] = UnsafeRawPointer(base + load.plane &<< 3).loadUnaligned(as: L.self)
      }
    }
    if let state = io.state {
      let base = PassIO.base(UnsafePointer(state), tile: io.stateTile, word: word)
      for load in registerLoads {
        slots[load.slot] = UnsafeRawPointer(base + load.plane &<< 3).loadUnaligned(as: L.self)
      }
    }
    var words = UnsafePointer(operands.baseAddress!)
    for run in runs {
      switch run.kernel {
      case .and: Self.single(words, run.count, slots) { GateKernel.and.single($0, $1) }
      case .andNot: Self.single(words, run.count, slots) { GateKernel.andNot.single($0, $1) }
      case .nor: Self.single(words, run.count, slots) { GateKernel.nor.single($0, $1) }
      case .xor: Self.single(words, run.count, slots) { GateKernel.xor.single($0, $1) }
      case .halfAdderAnd:
        Self.half(words, run.count, slots) { GateKernel.halfAdderAnd.pair($0, $1, $1) }
      case .halfAdderAndNot:
        Self.half(words, run.count, slots) { GateKernel.halfAdderAndNot.pair($0, $1, $1) }
      case .halfAdderNor:
        Self.half(words, run.count, slots) { GateKernel.halfAdderNor.pair($0, $1, $1) }
      case .fullAdder:
        Self.full(words, run.count, slots) { GateKernel.fullAdder.pair($0, $1, $2) }
      case .fullAdderNotC:
        Self.full(words, run.count, slots) { GateKernel.fullAdderNotC.pair($0, $1, $2) }
      case .fullAdderNotAB:
        Self.full(words, run.count, slots) { GateKernel.fullAdderNotAB.pair($0, $1, $2) }
      case .fullAdderNotABC:
        Self.full(words, run.count, slots) { GateKernel.fullAdderNotABC.pair($0, $1, $2) }
      }
      words += run.count &* run.kernel.wordCount
    }
    if let planes = io.outputs {
      let base = PassIO.base(planes, tile: io.outputTile, word: word)
      for (bit, read) in outputs.enumerated() {
        UnsafeMutableRawPointer(base + bit &<< 3)
          .storeBytes(of: slots[read.slot] ^ L(repeating: read.mask), as: L.self)
      }
    }
    if let state = io.state {
      let base = PassIO.base(state, tile: io.stateTile, word: word)
      for (register, read) in registerNext.enumerated() {
        UnsafeMutableRawPointer(base + register &<< 3)
          .storeBytes(of: slots[read.slot] ^ L(repeating: read.mask), as: L.self)
      }
    }
  }

  // The hot loops: one kernel over `count` consecutive instructions, whose words are slot
  // offsets for 512-sample lanes (shifted right by `L.offsetShift` for narrower ones).

  /// Two operands, one result.
  @inline(__always)
  private static func single<L: LaneWord>(
    _ words: UnsafePointer<UInt32>, _ count: Int, _ slots: UnsafeMutablePointer<L>,
    _ kernel: (L, L) -> L
  ) {
    let base = UnsafeMutableRawPointer(slots)
    let shift = L.offsetShift
    for i in 0..<count {
      let o = words + 3 &* i
      let a = base.load(fromByteOffset: Int(o[0] &>> shift), as: L.self)
      let b = base.load(fromByteOffset: Int(o[1] &>> shift), as: L.self)
      base.storeBytes(of: kernel(a, b), toByteOffset: Int(o[2] &>> shift), as: L.self)
    }
  }

  /// Two operands, two results (a half adder).
  @inline(__always)
  private static func half<L: LaneWord>(
    _ words: UnsafePointer<UInt32>, _ count: Int, _ slots: UnsafeMutablePointer<L>,
    _ kernel: (L, L) -> (L, L)
  ) {
    let base = UnsafeMutableRawPointer(slots)
    let shift = L.offsetShift
    for i in 0..<count {
      let o = words + 4 &* i
      let a = base.load(fromByteOffset: Int(o[0] &>> shift), as: L.self)
      let b = base.load(fromByteOffset: Int(o[1] &>> shift), as: L.self)
      let (s, k) = kernel(a, b)
      base.storeBytes(of: s, toByteOffset: Int(o[2] &>> shift), as: L.self)
      base.storeBytes(of: k, toByteOffset: Int(o[3] &>> shift), as: L.self)
    }
  }

  /// Three operands, two results (a full adder).
  @inline(__always)
  private static func full<L: LaneWord>(
    _ words: UnsafePointer<UInt32>, _ count: Int, _ slots: UnsafeMutablePointer<L>,
    _ kernel: (L, L, L) -> (L, L)
  ) {
    let base = UnsafeMutableRawPointer(slots)
    let shift = L.offsetShift
    for i in 0..<count {
      let o = words + 5 &* i
      let a = base.load(fromByteOffset: Int(o[0] &>> shift), as: L.self)
      let b = base.load(fromByteOffset: Int(o[1] &>> shift), as: L.self)
      let c = base.load(fromByteOffset: Int(o[2] &>> shift), as: L.self)
      let (s, k) = kernel(a, b, c)
      base.storeBytes(of: s, toByteOffset: Int(o[3] &>> shift), as: L.self)
      base.storeBytes(of: k, toByteOffset: Int(o[4] &>> shift), as: L.self)
    }
  }
}
