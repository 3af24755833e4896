import BitCore
import CLogicKernels

/// Inputs that are already bits: packed sample-major rows (one bit per input) or
/// ``BitPlanes``, skipping the transposition of one byte per bit that
/// ``FieldEvaluator/evaluate(bytes:count:out:stride:last:path:threads:)`` starts with.
extension FieldEvaluator {
  /// Evaluates `count` packed rows of `rowBytes` bytes each (at least ⌈inputs / 8⌉): input
  /// `i` of sample `s` is bit `i % 8` (least significant first) of `packed[s · rowBytes + i / 8]`,
  /// the layout of NumPy's `np.packbits(x, axis=1, bitorder="little")`; padding bits are
  /// ignored. Writes the fields as ``evaluate(bytes:count:out:stride:last:path:threads:)``
  /// does, with the same result for every path and thread count.
  public func evaluate(
    packed: UnsafePointer<UInt8>, rowBytes: Int, count: Int, out: UnsafeMutablePointer<Int32>,
    stride: Int, last: UnsafeMutablePointer<Int>? = nil, path: LogicKernelPath = .best,
    threads: Int = 1
  ) {
    let inputs = evaluator.inputBitCount
    precondition(
      rowBytes >= (inputs + 7) / 8, "a packed row of \(inputs) bits has \(rowBytes) bytes")
    let source = TileSource(packed: packed, rowBytes: rowBytes)
    run(count: count, out: out, stride: stride, last: last, path: path, threads: threads) {
      program, tile, samples, planes, slots, out, last in
      clk_evaluate_tile_packed(
        path.rawValue, program, source.packed + 512 * tile * source.rowBytes, source.rowBytes,
        samples, planes, slots, out, stride, last)
    }
  }

  /// Evaluates the samples of `planes` (one plane per input, already in the kernels' tile
  /// layout, so nothing is transposed), writing the fields as
  /// ``evaluate(bytes:count:out:stride:last:path:threads:)`` does for the same samples.
  public func evaluate(
    planes: BitPlanes, out: UnsafeMutablePointer<Int32>, stride: Int,
    last: UnsafeMutablePointer<Int>? = nil, path: LogicKernelPath = .best, threads: Int = 1
  ) {
    precondition(planes.bitCount == evaluator.inputBitCount, "the planes are not the inputs")
    let tileWords = planes.wordsPerTile
    planes.words.withUnsafeBufferPointer { words in
      let source = PlaneSource(words: words.baseAddress)
      run(
        count: planes.sampleCount, out: out, stride: stride, last: last, path: path,
        threads: threads
      ) { program, tile, samples, scratch, slots, out, last in
        // Without inputs nothing is read: the scratch planes stand in for the empty words.
        let tilePlanes = source.words.map { $0 + tile * tileWords } ?? UnsafePointer(scratch)
        clk_evaluate_tile_planes(
          path.rawValue, program, tilePlanes, samples, slots, out, stride, last)
      }
    }
  }

  /// Runs `tileBody(program, tile, samples, planes, slots, out, last)` for every tile of 512
  /// samples, with scratch planes and slots per thread and `out`, `last` moved to the tile.
  private func run(
    count: Int, out: UnsafeMutablePointer<Int32>, stride: Int, last: UnsafeMutablePointer<Int>?,
    path: LogicKernelPath, threads: Int,
    tileBody:
      @Sendable (
        UnsafePointer<clk_program>, Int, Int, UnsafeMutablePointer<UInt64>,
        UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int64>?
      ) -> Void
  ) {
    precondition(path.isAvailable, "the \(path) kernels do not run on this CPU")
    let tiles = (count + 511) / 512
    let parts = max(1, min(threads, tiles))
    let planeBytes = max(evaluator.inputBitCount, 1) * 64
    let slotBytes = evaluator.code.slotCount * 64
    let io = TileOutput(out: out, last: last)
    withProgram { program in
      let shared = ProgramPointer(program)
      ParallelFor.run(parts, threads: parts) { part in
        let planes = UnsafeMutableRawPointer.allocate(byteCount: planeBytes, alignment: 64)
        let slots = UnsafeMutableRawPointer.allocate(byteCount: slotBytes, alignment: 64)
        defer {
          planes.deallocate()
          slots.deallocate()
        }
        for tile in (tiles * part / parts)..<(tiles * (part + 1) / parts) {
          let first = 512 * tile
          tileBody(
            shared.pointer, tile, min(512, count - first),
            planes.assumingMemoryBound(to: UInt64.self),
            slots.assumingMemoryBound(to: UInt8.self), io.out + first * stride,
            io.last.map { UnsafeMutableRawPointer($0 + first).assumingMemoryBound(to: Int64.self) })
        }
      }
    }
  }
}

/// Packed rows, shared by the threads (read only).
private struct TileSource: @unchecked Sendable {
  var packed: UnsafePointer<UInt8>
  var rowBytes: Int
}

/// Bit planes' words, shared by the threads (read only); `nil` when there are none.
private struct PlaneSource: @unchecked Sendable {
  var words: UnsafePointer<UInt64>?
}

/// Where the tiles' fields go, shared by the threads (each writes its own tiles).
private struct TileOutput: @unchecked Sendable {
  var out: UnsafeMutablePointer<Int32>
  var last: UnsafeMutablePointer<Int>?
}
