import BitCore

/// The bit-packed runtime of a ``BinarizedNet``: ±1 activations and weights packed 64 per
/// word (bit 1 ↦ +1), one XNOR, AND and hardware popcount per word:
/// `dot = 2·popcount(xnor(x, w⁺) ∧ m) − popcount(m)`, where `w⁺` has the +1 weights and `m`
/// the non-zero ones (all of them in a binary layer). A first layer with integer inputs is
/// an integer dot product. Many samples per call, on one core or several
/// (``run(_:samples:threads:)``).
///
/// Samples go through the net in blocks of ``block``: each block's activations are stored
/// word-major (word `w` of every sample of the block side by side), so the kernels
/// (``PackedKernel``: AVX-512 VPOPCNTDQ where the CPU has it) count 8 samples per
/// instruction and reuse every loaded word for several neurons. Each worker allocates its
/// buffers once; nothing is allocated per sample.
public struct PackedBinarizedNet: Sendable {
  /// The net.
  public let net: BinarizedNet
  /// Per layer with ±1 inputs (nil for an integer first layer): the packed `w⁺` and `m`
  /// rows and the activations on mismatch counts.
  let packed: [PackedLayer?]
  /// The integer first layer's weights transposed (`[i·outputs + o]`), for a net with
  /// integer inputs.
  let integerWeights: [Int]?
  /// The same as 32-bit integers, when every partial sum of the layer fits in 32 bits (the
  /// C kernel's case).
  let integerWeights32: [Int32]?
  /// The kernel the blocks run on.
  let kernel: PackedKernel
  /// The convolutional front, if any: it turns each sample into the dense part's input bits.
  let front: PackedFeatureFront?

  /// The runtime of a (valid) net, on the fastest kernel of this CPU.
  public init(_ net: BinarizedNet) { self.init(net, kernel: .best) }

  /// The runtime of a (valid) net on `kernel` (which this CPU must run).
  package init(_ net: BinarizedNet, kernel: PackedKernel) {
    precondition(kernel.isAvailable, "the CPU does not run the \(kernel) kernel")
    self.net = net
    self.kernel = kernel
    front = PackedFeatureFront(net)
    packed = net.layers.enumerated().map { l, layer in
      l == 0 && net.integerFirstDenseLayer ? nil : PackedLayer(layer)
    }
    if net.integerFirstDenseLayer {
      let first = net.layers[0]
      var transposed = [Int](repeating: 0, count: first.weights.count)
      for o in 0..<first.outputs {
        for (i, w) in first.row(o).enumerated() { transposed[i * first.outputs + o] = Int(w) }
      }
      integerWeights = transposed
      let fits = net.dotBound(layer: 0) <= Int(Int32.max)
      integerWeights32 = fits ? transposed.map { Int32($0) } : nil
    } else {
      integerWeights = nil
      integerWeights32 = nil
    }
  }

  /// The scores (`samples × classes`, sample-major) and predicted classes of `samples`
  /// samples, `values[s·inputs + i]` being input `i` of sample `s` (0/1 for a bit net, in
  /// the input format's range for an integer net).
  public func run(_ values: [Int], samples: Int) -> (scores: [Int], predicted: [Int]) {
    run(values, samples: samples, threads: 1)
  }

  /// ``run(_:samples:)`` for a bit net whose samples are already packed: one row per
  /// sample, one column per input (`bits.columns == net.inputs`), on up to `threads` cores.
  public func run(bits: BitMatrix, threads: Int = 1) -> (scores: [Int], predicted: [Int]) {
    precondition(net.input == .bits, "packed samples need a net with bit inputs")
    precondition(bits.columns == net.inputs, "one column per input")
    if front != nil {
      let values = (0..<bits.rows * bits.columns).map {
        bits[$0 / bits.columns, $0 % bits.columns] ? 1 : 0
      }
      return run(values, samples: bits.rows, threads: threads)
    }
    return bits.words.withUnsafeBufferPointer { words in
      runBlocks(
        .packed(words, wordsPerRow: (bits.columns + 63) / 64), samples: bits.rows,
        threads: threads)
    }
  }
}
