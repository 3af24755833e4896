import BinarizedNets
import NetlistIR

/// How one dense layer is folded: `pe` neurons computed in parallel, `simd` inputs per PE per
/// cycle (FINN's matrix-vector-activation unit). A neuron count or input count that the
/// folding does not divide is padded: the padding neurons are computed and dropped, the
/// padding inputs have zero weights.
public struct LayerFolding: Hashable, Sendable {
  /// Inputs of the layer (K).
  public let inputs: Int
  /// Neurons of the layer (N).
  public let outputs: Int
  /// Processing elements: neurons in parallel (1 … N).
  public let pe: Int
  /// Input bits per PE per cycle (1 … K).
  public let simd: Int

  /// A folding; `pe` and `simd` above the layer's size are reduced to it.
  public init(inputs: Int, outputs: Int, pe: Int, simd: Int) {
    self.inputs = inputs
    self.outputs = outputs
    self.pe = max(1, min(pe, outputs))
    self.simd = max(1, min(simd, inputs))
  }

  /// Neuron folds: ⌈N / PE⌉.
  public var neuronFolds: Int { (outputs + pe - 1) / pe }
  /// Synapse folds: ⌈K / SIMD⌉.
  public var synapseFolds: Int { (inputs + simd - 1) / simd }
  /// Cycles the layer computes per sample: one weight word per PE per cycle.
  public var computeCycles: Int { neuronFolds * synapseFolds }
  /// Weight ROM bits over all PEs: a sign and a non-zero bit per weight, padding included.
  public var weightBits: Int { pe * computeCycles * 2 * simd }
}

/// One folded dense layer as hardware: an input buffer rotated by SIMD bits a cycle, a
/// weight ROM per PE (address = neuron fold · synapse folds + synapse fold, entry = SIMD
/// sign bits and SIMD non-zero bits), an XNOR-AND-popcount and an accumulator per PE, a
/// threshold ROM and comparator per PE (or, in the last layer, the score 2P − N), and an
/// output register filled PE results per neuron fold; a controller counts synapse and neuron
/// folds. The caller decides when the layer accepts a sample (``FoldedNetLowering`` chains
/// the layers with a ready/full handshake): from an accept in cycle `t` the layer is busy in
/// cycles `t + 1 … t + NF·SF`, its results are in the output register from cycle
/// `t + NF·SF + 1` (and stay there through the cycle of the layer's next accept), and it may
/// accept again in that cycle.
enum FoldedLayerLowering {
  /// The layer's last compute cycle (high in cycle `t + NF·SF`) and its output register: N
  /// bits (hidden layers, neuron `n` at bit `n`) or N signed scores of `scoreWidth` bits
  /// (score `n` at bits `n·w ..< (n+1)·w`). `busy` is a 1-bit register (reset 0) the layer
  /// connects; `accept` must be low while `busy` is high.
  static func layer(
    _ layer: DenseLayer, _ folding: LayerFolding, scoreWidth: Int, accept: NodeID, busy: NodeID,
    source: NodeID, in n: inout Netlist
  ) -> (last: NodeID, result: NodeID) {
    let (nf, sf, pe, simd) = (
      folding.neuronFolds, folding.synapseFolds, folding.pe, folding.simd
    )
    let countWidth = Netlist.bitLength(sf * simd + 1)
    // Synapse-fold and neuron-fold counters and the weight address (one per busy cycle).
    let sfCount = counter(sf, enable: busy, clear: accept, in: &n)
    let sfLast = n.bitwise(.and, busy, equals(sfCount.value, sf - 1, in: &n))
    n.connectRegister(sfCount.value, to: sfCount.next(n.bitwise(.or, accept, sfLast), &n))
    let nfCount = counter(nf, enable: sfLast, clear: accept, in: &n)
    n.connectRegister(nfCount.value, to: nfCount.next(accept, &n))
    let last = n.bitwise(.and, sfLast, equals(nfCount.value, nf - 1, in: &n))
    let address = counter(nf * sf, enable: busy, clear: accept, in: &n)
    n.connectRegister(address.value, to: address.next(accept, &n))
    n.connectRegister(
      busy, to: n.bitwise(.or, accept, n.bitwise(.and, busy, n.not(last))))

    // The input buffer: loaded on accept, rotated right by SIMD bits every busy cycle.
    let bufferWidth = sf * simd
    let buffer = n.register(reset: BitVector(zeroWidth: bufferWidth), name: "in_buffer")
    let loaded = n.extend(source, to: bufferWidth, .unsigned)
    let rotated =
      sf == 1
      ? buffer
      : n.concat([
        n.slice(buffer, low: 0, count: simd), n.slice(buffer, low: simd, count: bufferWidth - simd),
      ])
    n.connectRegister(
      buffer,
      to: n.mux(
        accept, whenFalse: n.mux(busy, whenFalse: buffer, whenTrue: rotated), whenTrue: loaded))
    let word = n.slice(buffer, low: 0, count: simd)

    let clearAccumulator = n.bitwise(.or, accept, sfLast)
    var results: [NodeID] = []
    for p in 0..<pe {
      let entry = n.rom(weightTable(layer, folding, pe: p), address: address.value)
      let signs = n.slice(entry, low: 0, count: simd)
      let mask = n.slice(entry, low: simd, count: simd)
      let matches = n.bitwise(.and, n.not(n.bitwise(.xor, word, signs)), mask)
      let count = n.extend(n.popcount([matches]), to: countWidth, .unsigned)
      let total = n.register(
        reset: BitVector(zeroWidth: countWidth), enable: busy, clear: clearAccumulator,
        name: "acc"
      ) { n, acc in n.add(acc, count, .unsigned, width: countWidth) }
      let sum = n.add(total, count, .unsigned, width: countWidth)
      if let activations = layer.activations {
        let table = thresholdTable(layer, activations, folding, pe: p, width: countWidth)
        let threshold = n.rom(table, address: nfCount.value)
        let reached = n.compare(
          .ge, sum, n.slice(threshold, low: 0, count: countWidth), .unsigned)
        results.append(n.bitwise(.xor, reached, n.slice(threshold, low: countWidth, count: 1)))
      } else {
        let nonzero = n.rom(
          nonzeroTable(layer, folding, pe: p, width: scoreWidth), address: nfCount.value)
        let twice = n.shiftLeft(n.extend(sum, to: scoreWidth, .unsigned), by: 1)
        results.append(n.sub(twice, nonzero, .signed, width: scoreWidth))
      }
    }
    // The output register shifts right by one fold's results, the new ones on top.
    let field = n.width(results[0])
    let outWidth = nf * pe * field
    let output = n.register(
      reset: BitVector(zeroWidth: outWidth), enable: sfLast, clear: nil, name: "out_buffer"
    ) { n, out in
      let fresh = Array(results.reversed())
      return nf == 1
        ? n.concat(fresh)
        : n.concat(fresh + [n.slice(out, low: pe * field, count: outWidth - pe * field)])
    }
    return (last, output)
  }

  /// A counter register `0 ..< modulus` (wrapping is never reached: it is cleared first),
  /// whose data input is connected by `next(clear)`.
  private static func counter(
    _ modulus: Int, enable: NodeID, clear: NodeID, in n: inout Netlist
  ) -> (value: NodeID, next: (NodeID, inout Netlist) -> NodeID) {
    let width = Netlist.bitLength(max(modulus - 1, 1))
    let value = n.register(reset: BitVector(zeroWidth: width), name: "count")
    let next: (NodeID, inout Netlist) -> NodeID = { clear, n in
      let one = n.constant(1, width: width)
      let step = n.mux(
        enable, whenFalse: value, whenTrue: n.add(value, one, .unsigned, width: width))
      return n.mux(clear, whenFalse: step, whenTrue: n.constant(0, width: width))
    }
    return (value, next)
  }

  private static func equals(_ value: NodeID, _ constant: Int, in n: inout Netlist) -> NodeID {
    n.compare(.eq, value, n.constant(constant, width: n.width(value)), .unsigned)
  }

  /// PE `p`'s weight words: entry `f · SF + s` holds, for input `s·SIMD + j` of neuron
  /// `f·PE + p`, the sign (bit j: 1 for +1) and the non-zero flag (bit SIMD + j); padding
  /// is zero.
  static func weightTable(_ layer: DenseLayer, _ folding: LayerFolding, pe p: Int) -> [BitVector] {
    var table: [BitVector] = []
    table.reserveCapacity(folding.computeCycles)
    for f in 0..<folding.neuronFolds {
      let o = f * folding.pe + p
      for s in 0..<folding.synapseFolds {
        var entry = BitVector(zeroWidth: 2 * folding.simd)
        for j in 0..<folding.simd {
          let i = s * folding.simd + j
          guard o < layer.outputs, i < layer.inputs else { continue }
          let w = layer.weights[o * layer.inputs + i]
          if w != 0 {
            entry[bit: folding.simd + j] = true
            entry[bit: j] = w > 0
          }
        }
        table.append(entry)
      }
    }
    return table
  }

  /// PE `p`'s thresholds by neuron fold: `k` (low `width` bits) and an invert flag (top bit)
  /// with `fires ⇔ (P ≥ k) ⊕ invert`, P the matches among the `N` non-zero weights.
  static func thresholdTable(
    _ layer: DenseLayer, _ activations: [NeuronActivation], _ folding: LayerFolding, pe p: Int,
    width: Int
  ) -> [BitVector] {
    (0..<folding.neuronFolds).map { f in
      let o = f * folding.pe + p
      guard o < layer.outputs else { return BitVector(zeroWidth: width + 1) }
      let nonzero = layer.row(o).count(where: { $0 != 0 })
      let (k, invert): (Int, Bool)
      switch activations[o] {
      case .constant(let bit):
        (k, invert) = (0, !bit)
      case .atLeast(let t):
        (k, invert) = (BinarizedNetLowering.floorDiv(t + nonzero + 1, 2), false)
      case .atMost(let t):
        (k, invert) = (BinarizedNetLowering.floorDiv(t + nonzero, 2) + 1, true)
      }
      let clamped = min(max(k, 0), nonzero + 1)
      return BitVector(width: width + 1, truncating: clamped | (invert ? 1 << width : 0))
    }
  }

  /// PE `p`'s non-zero weight counts by neuron fold (the N of `score = 2P − N`).
  static func nonzeroTable(
    _ layer: DenseLayer, _ folding: LayerFolding, pe p: Int, width: Int
  ) -> [BitVector] {
    (0..<folding.neuronFolds).map { f in
      let o = f * folding.pe + p
      let nonzero = o < layer.outputs ? layer.row(o).count(where: { $0 != 0 }) : 0
      return BitVector(width: width, truncating: nonzero)
    }
  }
}
