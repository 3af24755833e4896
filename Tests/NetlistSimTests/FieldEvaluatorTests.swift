import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// The native tile kernels (`FieldEvaluator`, every ``LogicKernelPath`` this CPU runs, the
/// portable one always) against `gates64` in Swift, bit for bit, on random gate-level
/// netlists fed sample-major bytes.
@Suite struct FieldEvaluatorTests {
  /// Random bytes, half of them zero, the rest any non-zero value.
  static func bytes(_ count: Int, using rng: inout SeededRandom) -> [UInt8] {
    (0..<count).map { _ in
      let r = rng.next()
      return r & 1 == 0 ? 0 : UInt8(truncatingIfNeeded: 1 + (r >> 1) % 255)
    }
  }

  /// Every output port cut into fields of at most 31 bits.
  static func fields(of evaluator: GateEvaluator, ports: Int) -> [Range<Int>] {
    (0..<ports).flatMap { port -> [Range<Int>] in
      let bits = evaluator.outputBits(ofPort: port)
      return stride(from: bits.lowerBound, to: bits.upperBound, by: 31).map {
        $0..<min($0 + 31, bits.upperBound)
      }
    }
  }

  /// The first field value where `path` differs from gates64, described, or nil.
  static func mismatch(
    _ netlist: Netlist, samples: Int, path: LogicKernelPath, threads: Int,
    using rng: inout SeededRandom
  ) throws -> String? {
    let evaluator = try GateEvaluator(netlist)
    let inputs = evaluator.inputBitCount
    let bytes = Self.bytes(inputs * samples, using: &rng)
    let fields = Self.fields(of: evaluator, ports: netlist.outputs.count)
    let planes = evaluator.evaluate(
      BitPlanes(rowBytes: bytes, bitCount: inputs, sampleCount: samples))
    let expected = fields.map { planes.unsignedValues(bits: $0) }
    var out = [Int32](repeating: -1, count: samples * fields.count)
    bytes.withUnsafeBufferPointer { bytes in
      out.withUnsafeMutableBufferPointer { out in
        FieldEvaluator(evaluator, fields: fields).evaluate(
          bytes: bytes.baseAddress!, count: samples, out: out.baseAddress!,
          stride: fields.count, path: path, threads: threads)
      }
    }
    for s in 0..<samples {
      for f in fields.indices where UInt64(out[s * fields.count + f]) != expected[f][s] {
        return "\(path), \(inputs) inputs, sample \(s) of \(samples), field \(f): gates64 "
          + "\(expected[f][s]), kernels \(out[s * fields.count + f])"
      }
    }
    return nil
  }

  /// Sample counts around the 16-, 64- and 512-sample edges; input counts (drawn) around the
  /// 8-, 32- and 64-byte vectors of the transposition.
  @Test(arguments: [1, 15, 64, 65, 511, 512, 513, 1100])
  func layeredNetworksOnEveryPath(samples: Int) throws {
    #expect(LogicKernelPath.available.contains(.portable))
    for path in LogicKernelPath.available {
      var rng = SeededRandom(seed: UInt64(samples) * 31 + UInt64(path.rawValue))
      let inputs = 1 + Int(rng.next() % 200)
      let netlist = RandomNetlists.gateNetwork(
        inputs: inputs, layers: 1 + Int(rng.next() % 5), width: 1 + Int(rng.next() % 200),
        outputs: 1 + Int(rng.next() % 70), using: &rng)
      let found = try Self.mismatch(
        netlist, samples: samples, path: path, threads: 1 + samples % 3, using: &rng)
      #expect(found == nil, "\(found ?? "")")
    }
  }

  @Test(arguments: [10, 300, 2000])
  func mixedGateLevelNetlistsOnEveryPath(gates: Int) throws {
    for path in LogicKernelPath.available {
      for seed in UInt64(0)..<3 {
        var rng = SeededRandom(seed: 77 * UInt64(gates) + seed)
        let widths = (0..<(1 + Int(rng.next() % 5))).map { _ in 1 + Int(rng.next() % 70) }
        let netlist = RandomNetlists.gateLevel(
          inputWidths: widths, gates: gates, outputs: 1 + Int(rng.next() % 8), using: &rng)
        let found = try Self.mismatch(
          netlist, samples: 600 + Int(seed), path: path, threads: 2, using: &rng)
        #expect(found == nil, "\(found ?? "")")
      }
    }
  }

  /// Input counts around the transposition's 64-input vectors, its passes of four vectors and
  /// its half-width last vector, on whole tiles (each input plane transposed straight into
  /// its slot) and partial ones, at several thread counts (threads claiming runs of tiles).
  @Test(arguments: [31, 32, 33, 64, 97, 210, 256, 257, 300, 451])
  func wideInputsOnEveryPath(inputs: Int) throws {
    for path in LogicKernelPath.available {
      var rng = SeededRandom(seed: 1000 + 7 * UInt64(inputs) + UInt64(path.rawValue))
      let netlist = RandomNetlists.gateNetwork(
        inputs: inputs, layers: 2, width: inputs / 2 + 5, outputs: 33, using: &rng)
      for (samples, threads) in [(512, 1), (1613, 2), (2048, 3), (4700, 4)] {
        let found = try Self.mismatch(
          netlist, samples: samples, path: path, threads: threads, using: &rng)
        #expect(found == nil, "\(found ?? "")")
      }
    }
  }

  /// Fields of at most 16 bits, in the layouts the readers treat apart: two fields at stride 2
  /// beside the last (a two-class net's counts and class), three at stride 3, one alone.
  @Test(arguments: [
    [0..<9, 9..<18, 18..<19], [0..<16, 16..<20, 20..<31], [3..<4], [0..<2, 2..<18, 18..<30],
  ])
  func narrowFieldsOnEveryPath(fields: [Range<Int>]) throws {
    var rng = SeededRandom(seed: UInt64(fields.count * 100 + fields[0].count))
    let netlist = RandomNetlists.gateNetwork(
      inputs: 90, layers: 3, width: 120, outputs: 31, using: &rng)
    let evaluator = try GateEvaluator(netlist)
    let split = fields.count > 1 && fields[0].count == 9
    let stride = split ? fields.count - 1 : fields.count
    for samples in [512, 1043, 31] {
      let bytes = Self.bytes(90 * samples, using: &rng)
      let planes = evaluator.evaluate(
        BitPlanes(rowBytes: bytes, bitCount: 90, sampleCount: samples))
      for path in LogicKernelPath.available {
        var out = [Int32](repeating: -1, count: samples * stride)
        var last = [Int](repeating: -1, count: samples)
        bytes.withUnsafeBufferPointer { bytes in
          out.withUnsafeMutableBufferPointer { out in
            last.withUnsafeMutableBufferPointer { last in
              FieldEvaluator(evaluator, fields: fields).evaluate(
                bytes: bytes.baseAddress!, count: samples, out: out.baseAddress!,
                stride: stride, last: split ? last.baseAddress! : nil, path: path)
            }
          }
        }
        for f in 0..<stride {
          #expect(
            (0..<samples).map { UInt64(out[stride * $0 + f]) }
              == planes.unsignedValues(bits: fields[f]), "\(path), \(samples), field \(f)")
        }
        if split {
          #expect(
            last.map(UInt64.init) == planes.unsignedValues(bits: fields[stride]), "\(path)")
        }
      }
    }
  }

  /// The last field goes to its own array when asked.
  @Test func lastFieldSeparately() throws {
    var rng = SeededRandom(seed: 5)
    let netlist = RandomNetlists.gateNetwork(
      inputs: 70, layers: 3, width: 90, outputs: 40, using: &rng)
    let evaluator = try GateEvaluator(netlist)
    let fields = [0..<10, 10..<30, 30..<33]
    let bytes = Self.bytes(70 * 700, using: &rng)
    let planes = evaluator.evaluate(BitPlanes(rowBytes: bytes, bitCount: 70, sampleCount: 700))
    for path in LogicKernelPath.available {
      var out = [Int32](repeating: -1, count: 700 * 2)
      var last = [Int](repeating: -1, count: 700)
      bytes.withUnsafeBufferPointer { bytes in
        out.withUnsafeMutableBufferPointer { out in
          last.withUnsafeMutableBufferPointer { last in
            FieldEvaluator(evaluator, fields: fields).evaluate(
              bytes: bytes.baseAddress!, count: 700, out: out.baseAddress!, stride: 2,
              last: last.baseAddress!, path: path)
          }
        }
      }
      #expect(last.map(UInt64.init) == planes.unsignedValues(bits: 30..<33), "\(path)")
      #expect(
        (0..<700).map { UInt64(out[2 * $0 + 1]) } == planes.unsignedValues(bits: 10..<30),
        "\(path)")
    }
  }
}
