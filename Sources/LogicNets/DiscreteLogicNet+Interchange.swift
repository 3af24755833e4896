import Foundation

/// The interchange format shared with difflogic users (written by
/// `tools/export_difflogic.py`):
///
/// ```json
/// {"format": "difflogic-net", "version": 1, "inputs": N,
///  "layers": [{"gates": [g0, g1, …], "a": [a0, …], "b": [b0, …]}, …],
///  "group_sum": {"k": K, "tau": T}}
/// ```
///
/// `gates[i]`, `a[i]`, `b[i]` describe neuron `i` of a layer: its gate id 0–15 and the
/// indices of its two inputs in the previous layer's outputs (the network inputs for layer
/// 0). The last layer's width must be a multiple of `k`; class `c` owns the contiguous block
/// `c·n/k ..< (c+1)·n/k`. `tau` is a positive number. Unknown extra fields are ignored.
extension DiscreteLogicNet {
  /// The value of `"format"`.
  package static let interchangeFormat = "difflogic-net"
  /// The supported `"version"`.
  package static let interchangeVersion = 1
  /// The most inputs a net file may declare. Every other size in a file is backed by its own
  /// bytes (one array entry per neuron), but `inputs` alone would size allocations in every
  /// reader: 2²⁰ is far above any data set's encoded width (MNIST at 255 thresholds: 2·10⁵).
  package static let maxInputs = LogicNetConfig.maximumInputs

  /// Reads and validates an interchange document; the first problem is thrown as one
  /// ``LogicNetsError`` naming the field (and layer / neuron).
  public init(interchangeJSON data: Data) throws(LogicNetsError) {
    let root = try JSONValue.parse(data)
    let format = try root.field("format", at: "").string(at: "format")
    guard format == Self.interchangeFormat else {
      throw .invalidField(
        path: "format",
        detail: "expected \"\(Self.interchangeFormat)\", got \"\(format.quotedForMessage)\"")
    }
    let version = try root.field("version", at: "").integer(at: "version", in: 0...Int.max)
    guard version == Self.interchangeVersion else {
      throw .invalidField(
        path: "version",
        detail: "unsupported version \(version), expected \(Self.interchangeVersion)")
    }
    let inputs = try root.field("inputs", at: "").integer(at: "inputs", in: 1...Self.maxInputs)
    let layerValues = try root.field("layers", at: "").array(at: "layers")
    guard !layerValues.isEmpty else {
      throw .invalidField(path: "layers", detail: "must not be empty")
    }
    var layers: [Layer] = []
    var width = inputs
    for (l, value) in layerValues.enumerated() {
      let layer = try Self.readLayer(value, index: l, width: width)
      layers.append(layer)
      width = layer.count
    }
    let groupSum = try root.field("group_sum", at: "")
    let k = try groupSum.field("k", at: "group_sum").integer(
      at: "group_sum.k", in: 1...Int(Int32.max))
    let tauValue = try groupSum.field("tau", at: "group_sum").number(at: "group_sum.tau")
    let tau = Float(tauValue)
    guard tau.isFinite, tau > 0 else {
      throw .invalidField(path: "group_sum.tau", detail: "must be a finite positive number")
    }
    guard width % k == 0 else { throw .groupSumNotDivisible(neurons: width, classes: k) }
    self.init(inputs: inputs, layers: layers, classes: k, tau: tau)
  }

  private static func readLayer(_ value: JSONValue, index l: Int, width: Int)
    throws(LogicNetsError) -> Layer
  {
    let path = "layers[\(l)]"
    func notInteger(_ field: String) -> (Int) -> LogicNetsError {
      { j in .invalidField(path: "\(path).\(field)[\(j)]", detail: "expected an integer") }
    }
    let gates = try value.field("gates", at: path).integers(
      at: "\(path).gates", orThrow: notInteger("gates"))
    let a = try value.field("a", at: path).integers(at: "\(path).a", orThrow: notInteger("a"))
    let b = try value.field("b", at: path).integers(at: "\(path).b", orThrow: notInteger("b"))
    guard !gates.isEmpty else {
      throw .invalidField(path: "\(path).gates", detail: "must not be empty")
    }
    for (field, values) in [("a", a), ("b", b)] where values.count != gates.count {
      throw .lengthMismatch(layer: l, field: field, expected: gates.count, actual: values.count)
    }
    for j in 0..<gates.count {
      guard (0...15).contains(gates[j]) else {
        throw .gateOutOfRange(layer: l, neuron: j, value: gates[j])
      }
      for (field, index) in [("a", a[j]), ("b", b[j])] where !(0..<width).contains(index) {
        throw .indexOutOfRange(layer: l, neuron: j, field: field, value: index, limit: width)
      }
    }
    return Layer(
      gates: gates.map { GateFunction(table: UInt8($0)) }, a: a.map(Int32.init),
      b: b.map(Int32.init))
  }

  /// The network as an interchange document (one line per layer).
  public func interchangeJSON() -> String {
    func list<T: BinaryInteger>(_ values: [T]) -> String {
      "[" + values.map { String($0) }.joined(separator: ",") + "]"
    }
    var out = "{\"format\":\"\(Self.interchangeFormat)\",\"version\":\(Self.interchangeVersion),"
    out += "\"inputs\":\(inputs),\n\"layers\":[\n"
    out += layers.map { layer in
      "{\"gates\":\(list(layer.gates.map(\.table))),\"a\":\(list(layer.a)),\"b\":\(list(layer.b))}"
    }.joined(separator: ",\n")
    out += "\n],\n\"group_sum\":{\"k\":\(classes),\"tau\":\(tau)}}\n"
    return out
  }
}
