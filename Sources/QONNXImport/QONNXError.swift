/// Why a QONNX file cannot become a ``BinarizedNets/BinarizedNet``; each case prints one line
/// naming the node and its op where there is one.
public enum QONNXError: Error, Equatable, CustomStringConvertible {
  /// The bytes are not an ONNX `ModelProto` with a graph.
  case notONNX(String)
  /// The graph as a whole does not fit (no input, no output, a dangling name, …).
  case graph(String)
  /// A node cannot be converted: its name, its op and why.
  case node(name: String, op: String, String)

  /// The one-line message.
  public var description: String {
    switch self {
    case .notONNX(let message): return "not an ONNX model: \(message)"
    case .graph(let message): return "graph: \(message)"
    case .node(let name, let op, let message): return "node '\(name)' (op \(op)): \(message)"
    }
  }
}
