import Designs
import Foundation
import ModelFamilies
import Testing
import _TestSupport

@testable import QONNXImport

/// Bad files never trap: each is one line naming what is wrong (the node and its op where
/// there is one).
@Suite struct MalformedONNXTests {
  static func fixture() throws -> Onnx_ModelProto {
    try Onnx_ModelProto(serializedBytes: QONNXFixtures.onnx("ternary", "torchscript"))
  }

  static func message(_ model: Onnx_ModelProto) throws -> String? {
    let data: Data = try model.serializedData()
    do throws(QONNXError) {
      _ = try QONNXModel(onnx: data)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func truncatedBytesGiveOneLineErrors() throws {
    let data = try QONNXFixtures.onnx("ternary", "torchscript")
    for length in stride(from: 0, to: data.count, by: 211) {
      do throws(QONNXError) {
        _ = try QONNXModel(onnx: data.prefix(length))
        Issue.record("\(length) bytes loaded")
      } catch {
        #expect(!error.description.contains("\n"), "\(length) bytes: \(error)")
      }
    }
  }

  @Test func mutatedBytesNeverTrap() throws {
    let data = [UInt8](try QONNXFixtures.onnx("ternary", "torchscript"))
    var rng = SeededRandom(seed: 7)
    for _ in 0..<100 {
      var bytes = data
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
      }
      do throws(QONNXError) {
        _ = try QONNXModel(onnx: Data(bytes))
      } catch {
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test func anUnknownOpIsNamedWithItsNode() throws {
    var model = try Self.fixture()
    let k = model.graph.node.firstIndex { $0.opType == "BatchNormalization" }!
    model.graph.node[k].opType = "Softmax"
    let name = model.graph.node[k].name
    #expect(try Self.message(model) == "node '\(name)' (op Softmax): unsupported op")
  }

  @Test func anUnsupportedAttributeIsNamed() throws {
    var model = try Self.fixture()
    let k = model.graph.node.firstIndex { $0.opType == "MatMul" }!
    var attribute = Onnx_AttributeProto()
    attribute.name = "precision"
    attribute.type = .int
    attribute.i = 3
    model.graph.node[k].attribute.append(attribute)
    let name = model.graph.node[k].name
    #expect(
      try Self.message(model) == "node '\(name)' (op MatMul): unsupported attribute 'precision'")
  }

  @Test func aMissingInitializerIsNamed() throws {
    var model = try Self.fixture()
    let node = model.graph.node.first { $0.opType == "BatchNormalization" }!
    let variance = node.input[4]
    model.graph.initializer.removeAll { $0.name == variance }
    model.graph.input.removeAll { $0.name == variance }
    #expect(
      try Self.message(model)
        == "node '\(node.name)' (op BatchNormalization): input '\(variance)' is not defined "
        + "(a missing initializer?)")
    // Listed as an input but not stored: a second non-constant input.
    var listed = try Self.fixture()
    listed.graph.initializer.removeAll { $0.name == variance }
    #expect(try Self.message(listed) == "graph: expected one non-constant input, found 2")
  }

  @Test func unquantizedWeightsAreRefused() throws {
    var model = try Self.fixture()
    // Feed the Gemm the float weights instead of their Quant.
    let k = model.graph.node.firstIndex { $0.opType == "Gemm" }!
    let quant = model.graph.node.first { $0.output.first == model.graph.node[k].input[1] }!
    model.graph.node[k].input[1] = quant.input[0]
    #expect(
      try Self.message(model)
        == "node '\(model.graph.node[k].name)' (op Gemm): the weights must be quantized by "
        + "Quant/BipolarQuant, not a constant")
  }

  @Test func notONNXIsRecognisedAsSuch() {
    #expect(!QONNXModel.recognizes(Data("netlist \"x\"\n".utf8)))
    #expect(!QONNXModel.recognizes(Data("{\"format\": \"bittrue-bnn\"}".utf8)))
    #expect(!QONNXModel.recognizes(Data()))
  }
}
