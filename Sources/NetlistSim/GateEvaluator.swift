import BitCore
import NetlistIR

/// The bit-parallel gate evaluator (`gates64`): evaluates a gate-level netlist for 64 samples
/// per machine word, 512 per pass.
///
/// `init` compiles the netlist once (see ``summary``): constants, inverters, buffers and
/// gates that ignore an input are folded into the signals that read them, unread gates are
/// dropped, and what is left becomes four kinds of bitwise instruction (and, and-not, nor,
/// xor), except that full and half adder cells (the popcounts and adders a bit-blaster
/// builds) become one instruction each with two results, matched by truth table so that
/// they compute exactly what their gates do. The instructions are grouped by (level, kind)
/// over a small array of signal slots that are reused once their last reader has run. An evaluation then runs one pass per tile of 512 samples
/// (`SIMD8<UInt64>` lanes; see ``passWords``) and 256-, 128- and 64-sample passes for the
/// rest, with no per-gate dispatch or allocation.
///
/// For AVX2/AVX-512 code, build with `-Xswiftc -target-cpu -Xswiftc native`: the default
/// build targets generic x86-64 (SSE2), and the passes are about 1.4× faster on AVX-512.
///
/// Two interfaces:
/// - the packed one for inference: ``evaluate(_:threads:)`` maps input bit planes (one plane
///   per input bit, ports in order, least significant bit first) to output bit planes (same
///   order); ``BitPlanes`` converts to and from sample-major rows and reads multi-bit fields;
/// - ``Evaluator/run(_:)`` for differential tests and cosimulation.
///
/// Registers: in the packed interface every sample lane is an independent stream;
/// ``step(_:state:threads:)`` advances all of them by one clock and ``evaluate(_:threads:)``
/// is the first cycle after reset. ``run(_:)`` treats its vectors as the consecutive cycles of
/// one stream, as the ``Evaluator`` protocol says (one 64-bit pass per cycle; combinational
/// netlists evaluate all vectors at once instead).
public struct GateEvaluator: Evaluator, Sendable {
  /// The netlist being evaluated.
  public let netlist: Netlist
  /// What the compiled program looks like.
  public let summary: GateProgramSummary
  let code: GateCode
  private let registerReset: [Bool]
  private let inputPorts: [Range<Int>]
  private let outputPorts: [Range<Int>]
  /// Words per plane one pass evaluates: 8 (512 samples in `SIMD8<UInt64>` lanes, the
  /// default and the fastest measured), 4, 2 or 1; other values round down to one of these.
  /// Narrower passes need less scratch memory (`64 · passWords` bytes per slot).
  public var passWords = 8

  /// `gates64`.
  public var sourceName: String { "gates64" }

  /// Compiles a verified gate-level netlist (see ``NetlistIR/Netlist/isGateLevel``).
  ///
  /// Throws ``SimulationError/invalidNetlist(_:)`` when verification fails and
  /// ``SimulationError/unsupported(_:)`` naming the first node that is not gate-level.
  public init(_ netlist: Netlist) throws(SimulationError) {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error.description)
    }
    if let id = netlist.firstNonGateLevelNode {
      let node = netlist[id]
      throw .unsupported(
        "gates64 evaluates gate-level netlists only: node \(id) (\(node.op.mnemonic), "
          + "\(node.width) bits) is not; lower it with BitBlast first")
    }
    let program = GateCompiler.compile(netlist)
    self.netlist = netlist
    self.code = GateCode(program)
    self.registerReset = program.registerReset
    self.inputPorts = Self.bitRanges(netlist.inputs.map { netlist[$0].width })
    self.outputPorts = Self.bitRanges(netlist.outputs.map { netlist[$0].width })
    self.summary = GateProgramSummary(
      netlistGates: netlist.nodes.filter(\.op.isGateLevelLogic).count,
      instructions: program.runs.reduce(0) { $0 + $1.count },
      fullAdders: program.count { $0.resultCount == 2 && $0.operandCount == 3 },
      halfAdders: program.count { $0.resultCount == 2 && $0.operandCount == 2 },
      levels: program.levelCount, slots: program.slotCount, kernelRuns: program.runs.count)
  }

  /// Input bits per sample: all input ports, in port order.
  public var inputBitCount: Int { inputPorts.last?.upperBound ?? 0 }
  /// Output bits per sample: all output ports, in port order.
  public var outputBitCount: Int { outputPorts.last?.upperBound ?? 0 }
  /// The number of registers (bits of state per stream).
  public var registerCount: Int { registerReset.count }

  /// The input planes that hold input port `port` (its bit 0 first).
  public func inputBits(ofPort port: Int) -> Range<Int> { inputPorts[port] }

  /// The output planes that hold output port `port` (its bit 0 first).
  public func outputBits(ofPort port: Int) -> Range<Int> { outputPorts[port] }

  /// Evaluates every sample of `inputs` (one plane per input bit) with the registers at
  /// their reset values, and returns one plane per output bit.
  ///
  /// With `threads > 1` the 512-sample tiles are split into that many contiguous parts
  /// evaluated concurrently; the result does not depend on `threads`.
  public func evaluate(_ inputs: BitPlanes, threads: Int = 1) -> BitPlanes {
    var outputs = BitPlanes(bitCount: outputBitCount, sampleCount: inputs.sampleCount)
    evaluate(inputs, into: &outputs, threads: threads)
    return outputs
  }

  /// ``evaluate(_:threads:)`` into existing planes (``outputBitCount`` planes of
  /// `inputs.sampleCount` samples), so repeated calls allocate nothing.
  public func evaluate(_ inputs: BitPlanes, into outputs: inout BitPlanes, threads: Int = 1) {
    var state = resetState(streams: inputs.sampleCount)
    step(inputs, state: &state, into: &outputs, threads: threads)
  }

  /// The register state of `streams` independent streams just after reset: one plane per
  /// register (``NetlistIR/Netlist/registers`` order), one lane per stream.
  public func resetState(streams: Int) -> BitPlanes {
    var state = BitPlanes(bitCount: registerCount, sampleCount: streams)
    for (r, bit) in registerReset.enumerated() where bit {
      for w in 0..<state.wordsPerPlane { state.words[state.index(bit: r, word: w)] = ~0 }
    }
    state.clearPadding()
    return state
  }

  /// Clocks every stream once: computes the outputs from `inputs` and the current `state`,
  /// then replaces `state` with the registers' next values. Sample lane `j` of `inputs`,
  /// `state` and the result belong to stream `j`.
  public func step(_ inputs: BitPlanes, state: inout BitPlanes, threads: Int = 1) -> BitPlanes {
    var outputs = BitPlanes(bitCount: outputBitCount, sampleCount: inputs.sampleCount)
    step(inputs, state: &state, into: &outputs, threads: threads)
    return outputs
  }

  /// ``step(_:state:threads:)`` into existing planes (``outputBitCount`` planes of
  /// `inputs.sampleCount` samples).
  public func step(
    _ inputs: BitPlanes, state: inout BitPlanes, into outputs: inout BitPlanes, threads: Int = 1
  ) {
    precondition(
      inputs.bitCount == inputBitCount,
      "\(inputs.bitCount) input planes, the netlist has \(inputBitCount) input bits")
    precondition(
      state.bitCount == registerCount && state.sampleCount == inputs.sampleCount,
      "the state must hold \(registerCount) planes of \(inputs.sampleCount) streams")
    precondition(
      outputs.bitCount == outputBitCount && outputs.sampleCount == inputs.sampleCount,
      "the outputs must hold \(outputBitCount) planes of \(inputs.sampleCount) samples")
    let stride = inputs.wordsPerPlane
    let (inputTile, outputTile, stateTile) =
      (inputs.wordsPerTile, outputs.wordsPerTile, state.wordsPerTile)
    let code = self.code
    let passWords = self.passWords
    inputs.words.withUnsafeBufferPointer { input in
      outputs.words.withUnsafeMutableBufferPointer { output in
        state.words.withUnsafeMutableBufferPointer { state in
          let io = PassIO(
            inputs: input.baseAddress, outputs: output.baseAddress, state: state.baseAddress,
            inputTile: inputTile, outputTile: outputTile, stateTile: stateTile)
          let tiles = (stride + 7) / 8
          let parts = max(1, min(threads, tiles))
          ParallelFor.run(parts, threads: parts) { part in
            let low = tiles * part / parts * 8
            let high = min(stride, tiles * (part + 1) / parts * 8)
            code.evaluate(words: low..<high, passWords: passWords, io)
          }
        }
      }
    }
    outputs.clearPadding()
    state.clearPadding()
  }

  /// Runs one clock cycle per vector from reset (see ``Evaluator``).
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try Self.validate(vectors, for: netlist)
    if registerCount == 0 {
      return outputVectors(evaluate(inputPlanes(vectors)))
    }
    var state = resetState(streams: 1)
    return vectors.map { vector in outputVectors(step(inputPlanes([vector]), state: &state))[0] }
  }

  /// The vectors as input planes, one sample per vector.
  private func inputPlanes(_ vectors: [[BitVector]]) -> BitPlanes {
    let rowLength = (inputBitCount + 63) >> 6
    var rows = [UInt64](repeating: 0, count: vectors.count * rowLength)
    for (s, vector) in vectors.enumerated() {
      for (port, value) in vector.enumerated() {
        let offset = inputPorts[port].lowerBound
        for (k, word) in value.words.enumerated() where word != 0 {
          let bit = offset + 64 * k
          let index = s * rowLength + bit >> 6
          let shift = UInt64(bit & 63)
          rows[index] |= word << shift
          if shift != 0 && bit >> 6 + 1 < rowLength { rows[index + 1] |= word >> (64 - shift) }
        }
      }
    }
    return BitPlanes(rowWords: rows, bitCount: inputBitCount, sampleCount: vectors.count)
  }

  /// Each sample's output values, one bit vector per output port.
  private func outputVectors(_ planes: BitPlanes) -> [[BitVector]] {
    let ports = outputPorts.map { planes.vectors(bits: $0) }
    return (0..<planes.sampleCount).map { s in ports.map { $0[s] } }
  }

  private static func bitRanges(_ widths: [Int]) -> [Range<Int>] {
    var start = 0
    return widths.map { width in
      defer { start += width }
      return start..<(start + width)
    }
  }
}
