import BitCore
import CLogicKernels
import Synchronization

/// A combinational ``GateEvaluator``'s program run by the native tile kernels
/// (``LogicKernelPath``) straight from sample-major bytes to integer output fields: per tile
/// of 512 samples, the bytes are transposed into input planes, the program runs over 512-bit
/// slots, and each field (a run of output bits, such as a class count) is read out as one
/// integer per sample, with no bit planes in memory beyond one tile.
///
/// It computes exactly what ``GateEvaluator/evaluate(_:threads:)`` computes for the same
/// program, on every path.
public final class FieldEvaluator: @unchecked Sendable {
  /// The evaluator whose program runs.
  public let evaluator: GateEvaluator
  /// The output bits of each field, least significant first.
  public let fields: [Range<Int>]
  private let loadSlots: [UInt32]
  private let loadPlanes: [Int32]
  private let runKernels: [UInt8]
  private let runCounts: [Int32]
  private let fieldWidths: [Int32]
  private let readSlots: [UInt32]
  private let readInvert: [UInt8]
  /// Scratch space of finished workers, reused by later calls (no allocation and no fresh
  /// pages to fault in per call): at most one per worker that ever ran concurrently.
  private let idleScratch = Mutex<[TileScratch]>([])

  /// Prepares `evaluator` (which must have no registers) to read `fields` (output bit
  /// ranges of at most 31 bits each).
  public init(_ evaluator: GateEvaluator, fields: [Range<Int>]) {
    precondition(evaluator.registerCount == 0, "the native kernels run combinational netlists")
    precondition(
      fields.allSatisfy { $0.count <= 31 && $0.upperBound <= evaluator.outputBitCount },
      "fields are output bit ranges of at most 31 bits")
    let code = evaluator.code
    self.evaluator = evaluator
    self.fields = fields
    loadSlots = code.inputLoads.map { UInt32($0.slot << 6) }
    loadPlanes = code.inputLoads.map { Int32($0.plane) }
    runKernels = code.runs.map(\.kernel.rawValue)
    runCounts = code.runs.map { Int32($0.count) }
    fieldWidths = fields.map { Int32($0.count) }
    let reads = fields.flatMap { $0.map { code.outputs[$0] } }
    readSlots = reads.map { UInt32($0.slot << 6) }
    readInvert = reads.map { $0.mask == 0 ? 0 : 1 }
  }

  /// Evaluates `count` samples of sample-major bytes (`bytes[s · inputs + i]`, non-zero = 1):
  /// field `f` of sample `s` goes to `out[s · stride + f]`, except that the last field goes
  /// to `last[s]` when `last` is given. With `threads > 1` the threads claim runs of
  /// tiles (``claimSize(remaining:workers:)``) from a shared counter until none is left (a
  /// thread that starts late takes fewer), each with its own scratch space; every tile is computed the same way
  /// by whichever thread, so the result does not depend on `threads`.
  public func evaluate(
    bytes: UnsafePointer<UInt8>, count: Int, out: UnsafeMutablePointer<Int32>, stride: Int,
    last: UnsafeMutablePointer<Int>? = nil, path: LogicKernelPath = .best, threads: Int = 1
  ) {
    precondition(path.isAvailable, "the \(path) kernels do not run on this CPU")
    let inputs = evaluator.inputBitCount
    let tiles = (count + 511) / 512
    let workers = max(1, min(threads, tiles))
    let slotBytes = evaluator.code.slotCount * 64
    let io = FieldIO(bytes: bytes, out: out, last: last)
    let nextTile = Mutex(0)
    withProgram { program in
      let shared = ProgramPointer(program)
      ParallelFor.run(workers, threads: workers) { _ in
        let scratch =
          idleScratch.withLock { $0.popLast() }
          ?? TileScratch(planeBytes: max(inputs, 1) * 64, slotBytes: slotBytes)
        defer { idleScratch.withLock { $0.append(scratch) } }
        while true {
          let claim = nextTile.withLock { next in
            let size = Self.claimSize(remaining: tiles - next, workers: workers)
            defer { next += size }
            return next..<(next + size)
          }
          guard !claim.isEmpty else { return }
          let first = 512 * claim.lowerBound
          let end = min(count, 512 * claim.upperBound)
          clk_evaluate_tiles(
            path.rawValue, shared.pointer, io.bytes + first * inputs, end - first,
            scratch.planes.assumingMemoryBound(to: UInt64.self),
            scratch.slots.assumingMemoryBound(to: UInt8.self), io.out + first * stride, stride,
            io.last.map { UnsafeMutableRawPointer($0 + first).assumingMemoryBound(to: Int64.self) }
          )
        }
      }
    }
  }

  /// The tiles a thread claims when `remaining` are left: all of them for one worker (one
  /// call into the kernels), otherwise a share that shrinks as the work runs out (half of an
  /// even split of what is left, at least one tile), so that few claims are made and the
  /// threads finish together.
  static func claimSize(remaining: Int, workers: Int) -> Int {
    guard remaining > 0 else { return 0 }
    return workers == 1 ? remaining : max(1, remaining / (2 * workers))
  }

  deinit {
    idleScratch.withLock { all in
      for scratch in all {
        scratch.planes.deallocate()
        scratch.slots.deallocate()
      }
    }
  }

  /// The program as the C kernels take it, valid inside `body`.
  func withProgram(_ body: (UnsafePointer<clk_program>) -> Void) {
    let code = evaluator.code
    loadSlots.withUnsafeBufferPointer { loadSlots in
      loadPlanes.withUnsafeBufferPointer { loadPlanes in
        runKernels.withUnsafeBufferPointer { runKernels in
          runCounts.withUnsafeBufferPointer { runCounts in
            fieldWidths.withUnsafeBufferPointer { fieldWidths in
              readSlots.withUnsafeBufferPointer { readSlots in
                readInvert.withUnsafeBufferPointer { readInvert in
                  var program = clk_program(
                    load_slots: loadSlots.baseAddress, load_planes: loadPlanes.baseAddress,
                    loads: loadSlots.count, run_kernels: runKernels.baseAddress,
                    run_counts: runCounts.baseAddress, runs: runCounts.count,
                    operands: UnsafePointer(code.operands.baseAddress),
                    field_widths: fieldWidths.baseAddress, fields: fieldWidths.count,
                    read_slots: readSlots.baseAddress, read_invert: readInvert.baseAddress,
                    inputs: evaluator.inputBitCount)
                  withUnsafePointer(to: &program) { body($0) }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Where an evaluation reads and writes, shared by the threads (each writes its own tiles).
private struct FieldIO: @unchecked Sendable {
  var bytes: UnsafePointer<UInt8>
  var out: UnsafeMutablePointer<Int32>
  var last: UnsafeMutablePointer<Int>?
}

/// The program, read-only, shared by the threads.
struct ProgramPointer: @unchecked Sendable {
  var pointer: UnsafePointer<clk_program>
  init(_ pointer: UnsafePointer<clk_program>) { self.pointer = pointer }
}

/// One part's scratch space: a tile's input planes and the program's slots, 64-byte aligned.
private struct TileScratch: @unchecked Sendable {
  var planes: UnsafeMutableRawPointer
  var slots: UnsafeMutableRawPointer

  init(planeBytes: Int, slotBytes: Int) {
    planes = UnsafeMutableRawPointer.allocate(byteCount: planeBytes, alignment: 64)
    slots = UnsafeMutableRawPointer.allocate(byteCount: slotBytes, alignment: 64)
  }
}
