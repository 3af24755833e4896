import NetlistSim

/// Inputs that are already bits: one bit per input instead of one byte, so the native
/// kernels skip the byte test and start from a bit transpose (packed rows) or from nothing
/// at all (``NetlistSim/BitPlanes``).
extension LogicNetInference {
  /// The bytes of one packed row, `⌈inputs / 8⌉`.
  public var packedRowBytes: Int { (evaluator.inputBitCount + 7) / 8 }

  /// Per-class scores and predicted class of `count` samples given as packed rows of
  /// ``packedRowBytes`` bytes: input `i` of sample `s` is bit `i % 8` (least significant
  /// first) of `packedBits[s · packedRowBytes + i / 8]`, the layout of NumPy's
  /// `np.packbits(x, axis=1, bitorder="little")`; padding bits are ignored. The same result
  /// as ``evaluate(bits:count:threads:path:)`` for the same bits, on every path.
  public func evaluate(
    packedBits: [UInt8], count: Int, threads: Int = 1, path: LogicKernelPath = .best
  ) -> (scores: [Int32], predicted: [Int]) {
    let rowBytes = packedRowBytes
    precondition(
      packedBits.count == count * rowBytes,
      "\(packedBits.count) bytes is not \(count) packed rows of \(rowBytes)")
    return collect(count: count) { out, last in
      packedBits.withUnsafeBufferPointer { packed in
        // Rows of no bytes are never read: any address will do.
        let input = packed.baseAddress ?? UnsafeRawPointer(out).assumingMemoryBound(to: UInt8.self)
        fieldEvaluator.evaluate(
          packed: input, rowBytes: rowBytes, count: count, out: out, stride: classes, last: last,
          path: path, threads: threads)
      }
    }
  }

  /// Per-class scores and predicted class of the samples of `planes` (one plane per input),
  /// read by the kernels as they are stored: no transposition at all.
  public func evaluate(
    planes: BitPlanes, threads: Int = 1, path: LogicKernelPath = .best
  ) -> (scores: [Int32], predicted: [Int]) {
    collect(count: planes.sampleCount) { out, last in
      fieldEvaluator.evaluate(
        planes: planes, out: out, stride: classes, last: last, path: path, threads: threads)
    }
  }

  /// Scores and classes of `count` samples, all written by `fill(scores, classes)`.
  private func collect(
    count: Int,
    _ fill: (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int>) -> Void
  ) -> (scores: [Int32], predicted: [Int]) {
    var predicted: [Int] = []
    let scores = [Int32](unsafeUninitializedCapacity: count * classes) { scores, filled in
      predicted = [Int](unsafeUninitializedCapacity: count) { predicted, done in
        if let out = scores.baseAddress, let last = predicted.baseAddress { fill(out, last) }
        done = count
      }
      filled = count * classes
    }
    return (scores, predicted)
  }
}
