import BinarizedNets
import Designs
import Foundation
import ModelFamilies
import Testing

@testable import QONNXImport

/// The hardware commands' registry reads an ONNX file as a binarized net.
@Suite struct ModelFamilyONNXTests {
  @Test func theRegistryLoadsAnONNXFile() throws {
    let data = try QONNXFixtures.onnx("ternary", "torchscript")
    let design = try ModelFamilies.registry.load(data, name: "ternary")
    let model = try #require(design.model as? BinarizedNetDesign)
    #expect(model.net == (try QONNXModel(onnx: data)).net)
    #expect(design.original.name == "ternary")
  }

  @Test func anImportErrorNamesTheNode() throws {
    var model = try Onnx_ModelProto(
      serializedBytes: QONNXFixtures.onnx("ternary", "torchscript"))
    let k = model.graph.node.firstIndex { $0.opType == "BatchNormalization" }!
    model.graph.node[k].opType = "LayerNormalization"
    let data: Data = try model.serializedData()
    do throws(DesignError) {
      _ = try ModelFamilies.registry.load(data, name: "ternary")
      Issue.record("loaded")
    } catch {
      #expect(
        error.description
          == "node '\(model.graph.node[k].name)' (op LayerNormalization): unsupported op")
    }
  }

  @Test func jsonAndNetlistTextAreNotONNX() {
    let family = BinarizedNetFamily()
    #expect(!family.recognizes(DesignFile(Data("{\"format\": \"difflogic-net\"}".utf8))))
    #expect(family.recognizes(DesignFile(Data("{\"format\": \"bittrue-bnn\"}".utf8))))
    #expect(!family.recognizes(DesignFile(Data("netlist \"x\"\n".utf8))))
  }
}
