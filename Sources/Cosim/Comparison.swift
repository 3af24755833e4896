import NetlistIR

/// The outputs one way of computing produced for a list of input vectors.
public struct ResultSource: Sendable {
  /// The source's name: `interp`, `opt`, `gates64`, `verilator`, `iverilog`, …
  public var name: String
  /// One output vector per input vector.
  public var outputs: [[BitVector]]

  /// A named result.
  public init(name: String, outputs: [[BitVector]]) {
    self.name = name
    self.outputs = outputs
  }
}

/// The bit-for-bit comparison of several result sources on the same inputs (XLS-style):
/// which sources agree with which, and the first vector on which they do not.
public struct Comparison: Sendable {
  /// The first input vector on which some sources differ.
  public struct Mismatch: Sendable {
    /// Its index.
    public var index: Int
    /// The input values.
    public var inputs: [BitVector]
    /// Each source's outputs for it, in source order.
    public var outputs: [(source: String, values: [BitVector])]
  }

  /// Source names in the order given.
  public var sources: [String]
  /// Sources grouped by identical results over all vectors; one group when all agree.
  public var groups: [[String]]
  /// The first disagreement, `nil` when all agree.
  public var firstMismatch: Mismatch?
  /// Number of vectors compared.
  public var vectorCount: Int

  /// Whether every source produced exactly the same outputs.
  public var agree: Bool { firstMismatch == nil }

  /// Compares `sources` (each with one output vector per input in `inputs`).
  public init(_ sources: [ResultSource], inputs: [[BitVector]]) {
    precondition(sources.allSatisfy { $0.outputs.count == inputs.count }, "result counts differ")
    self.sources = sources.map(\.name)
    vectorCount = inputs.count
    var groups: [[Int]] = []
    for (i, source) in sources.enumerated() {
      if let g = groups.firstIndex(where: { sources[$0[0]].outputs == source.outputs }) {
        groups[g].append(i)
      } else {
        groups.append([i])
      }
    }
    self.groups = groups.map { $0.map { sources[$0].name } }
    firstMismatch = nil
    guard groups.count > 1 else { return }
    for t in inputs.indices {
      let first = sources[0].outputs[t]
      if sources.dropFirst().allSatisfy({ $0.outputs[t] == first }) { continue }
      firstMismatch = Mismatch(
        index: t, inputs: inputs[t], outputs: sources.map { ($0.name, $0.outputs[t]) })
      break
    }
  }

  /// A readable verdict: the agreeing groups and, on mismatch, the first differing vector
  /// in hex with port names.
  public func report(inputNames: [String], outputNames: [String]) -> String {
    let groupText = groups.map { "{" + $0.joined(separator: ", ") + "}" }.joined(separator: " vs ")
    guard let m = firstMismatch else {
      return "agree: \(sources.joined(separator: ", ")) on \(vectorCount) vectors"
    }
    var out = "MISMATCH: \(groupText)\n"
    out += "first mismatching vector #\(m.index):\n"
    for (name, value) in zip(inputNames, m.inputs) { out += "  in  \(name) = \(value)\n" }
    for (source, values) in m.outputs {
      let shown = zip(outputNames, values).map { "\($0.0)=\($0.1)" }.joined(separator: " ")
      out += "  out [\(source)] \(shown)\n"
    }
    return out
  }
}
