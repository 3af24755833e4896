import BinarizedNets
import Foundation
import SwiftProtobuf

/// A QONNX model (what Brevitas's `export_qonnx` writes) converted to a
/// ``BinarizedNets/BinarizedNet`` exactly, with the quantizer that turns the graph's float
/// input into the net's integer inputs (docs/binarized.md, "QONNX import").
public struct QONNXModel: Sendable {
  /// How the graph's float input becomes the net's inputs.
  public enum Input: Hashable, Sendable {
    /// A `Quant` node: the net's inputs are its integer codes.
    case quantized(Quantizer)
    /// A `BipolarQuant` node: the net's input bit is `x ≥ 0`.
    case bipolar
  }

  /// The net.
  public let net: BinarizedNet
  /// The input quantizer.
  public let input: Input

  /// The model in the bytes of an ONNX file; every problem is one line naming the node and
  /// its op.
  public init(onnx data: Data) throws(QONNXError) {
    let model: Onnx_ModelProto
    do {
      model = try Onnx_ModelProto(serializedBytes: data)
    } catch {
      throw .notONNX("the protobuf does not parse (\(error))")
    }
    guard model.hasGraph, !model.graph.node.isEmpty else { throw .notONNX("no graph") }
    var converter = try GraphConverter(model.graph)
    (net, input) = try converter.convert()
  }

  /// The net's inputs for one sample of the graph's float input (finite values, one per
  /// input, in the graph's row-major order).
  public func encode(_ x: [Float]) -> [Int] {
    switch input {
    case .quantized(let q): return x.map(q.code)
    case .bipolar: return x.map { $0 >= 0 ? 1 : 0 }
    }
  }

  /// Whether `data` looks like an ONNX model: not JSON or text, and it parses as a
  /// `ModelProto` that has a graph with at least one node.
  public static func recognizes(_ data: Data) -> Bool {
    guard let model = try? Onnx_ModelProto(serializedBytes: data) else { return false }
    return model.hasGraph && !model.graph.node.isEmpty
  }
}
