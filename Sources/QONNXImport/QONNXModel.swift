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

  /// The net's inputs for one sample of the graph's float input (one value per input, in
  /// the graph's row-major order), or `nil` when a value is NaN.
  public func encode(_ x: [Float]) -> [Int]? {
    var codes: [Int] = []
    codes.reserveCapacity(x.count)
    for value in x {
      switch input {
      case .quantized(let q):
        guard let code = q.code(value) else { return nil }
        codes.append(code)
      case .bipolar:
        guard !value.isNaN else { return nil }
        codes.append(value >= 0 ? 1 : 0)
      }
    }
    return codes
  }

  /// Whether `data` looks like an ONNX model: it parses as a `ModelProto` with a graph that
  /// has nodes, or it starts as every exporter writes one — field 1 (`ir_version`, a
  /// one-byte varint), then another `ModelProto` field — so that a damaged model still
  /// reaches the importer and gets its error, not a netlist parser's.
  public static func recognizes(_ data: Data) -> Bool {
    let head = [UInt8](data.prefix(3))
    // Keys of fields 2...8: producer_name, producer_version, domain, model_version,
    // doc_string, graph, opset_import.
    let secondKeys: Set<UInt8> = [0x12, 0x1A, 0x22, 0x28, 0x32, 0x3A, 0x42]
    if head.count == 3, head[0] == 0x08, (1...0x7F).contains(head[1]), secondKeys.contains(head[2])
    {
      return true
    }
    guard let model = try? Onnx_ModelProto(serializedBytes: data) else { return false }
    return model.hasGraph && !model.graph.node.isEmpty
  }
}
