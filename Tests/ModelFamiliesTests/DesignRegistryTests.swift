import Designs
import Foundation
import Inference
import LogicNets
import ModelFamilies
import ModelLowering
import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

/// The registry picks a design's family by content; logic nets implement the contract.
@Suite struct DesignRegistryTests {
  private func load(_ text: String, name: String = "tiny") throws(DesignError) -> HardwareDesign {
    try ModelFamilies.registry.load(Data(text.utf8), name: name)
  }

  @Test func interchangeFileIsALogicNetDesign() throws {
    let design = try load(Fixtures.tinyLogicNet)
    let net = try DiscreteLogicNet(interchangeJSON: Data(Fixtures.tinyLogicNet.utf8))
    let model = try #require(design.model as? LogicNetDesign)
    #expect(model.net == net)
    #expect(model.noun == "net" && model.sampleBits == 3)
    #expect(design.original == LogicNetLowering.lower(net, name: "tiny"))
    #expect(model.modelEvaluator().sourceName == "model")
    let forms = try design.forms()
    let inference = try LogicNetInference(net, name: "tiny")
    #expect(forms.optimized.removal == inference.statistics)
    #expect(forms.optimized.removal.modelGates == net.gateCount)
    #expect(forms.optimized.netlist == inference.optimized)
    #expect(forms.gateLevel.netlist == inference.gateLevel)
    // A model is emitted optimised; the gate-level and pipelined forms need no `forms`.
    #expect(try design.form(gateLevel: false, pipeline: nil).netlist == inference.optimized)
    #expect(try design.form(gateLevel: true, pipeline: nil).netlist == inference.gateLevel)
    let pipelined = try design.form(gateLevel: false, pipeline: 1, using: forms)
    let expected = try Pipelining(every: 1).pipeline(inference.gateLevel)
    #expect(pipelined.netlist == expected.netlist)
    #expect(pipelined.latency == expected.latency && pipelined.latency > 0)
    #expect(pipelined.pipelineRegisters == expected.registersAdded)
  }

  @Test func trainedModelFileIsRecognisedByItsFormat() throws {
    let config = LogicNetConfig(inputs: 6, layerWidths: [8, 4], classes: 2, tau: 1, seed: 3)
    let model = try LogicNetModel(config: config)
    let design = try ModelFamilies.registry.load(model.fileData(), name: "m")
    let loaded = try #require(design.model as? LogicNetDesign)
    #expect(loaded.net == model.discretized())
    #expect(try LogicNetFamily.net(in: DesignFile(model.fileData())) == model.discretized())
  }

  @Test func aNetlistIsADesignWithNoModel() throws {
    let design = try load(Fixtures.clockedAdder, name: "ignored")
    #expect(design.model == nil)
    #expect(design.original.name == "adder")
    #expect(try design.form(gateLevel: false, pipeline: nil).netlist == design.original)
    let gates = try design.form(gateLevel: true, pipeline: nil).netlist
    #expect(gates == (try design.forms().gateLevel.netlist) && gates.isGateLevel)
    // The adder has a register: pipelining refuses it with the pass's message.
    #expect {
      try design.form(gateLevel: false, pipeline: 2)
    } throws: { error in
      guard case .pass(.unsupported(pass: "pipeline", _)) = error as? DesignError else {
        return false
      }
      return true
    }
  }

  @Test func unknownFilesFailWithOneLine() throws {
    let known = "(known formats: bittrue-logicnet, difflogic-net, bittrue-bnn)"
    let cases: [(String, String)] = [
      (#"{"format": "onnx"}"#, "unknown model format \"onnx\" \(known)"),
      (
        #"  {"layers": []}"#,
        "not a netlist or a model file: JSON without a \"format\" string \(known)"
      ),
      ("{ broken", "not a netlist or a model file: JSON without a \"format\" string \(known)"),
      ("netlist \"x\"\n%0 = input \"a\" : 4\n%1 = frob %0 : 4\n", "line 3: unknown op 'frob'"),
    ]
    for (text, message) in cases {
      do {
        _ = try load(text)
        Issue.record("\(text): loaded")
      } catch {
        #expect(error.description == message)
      }
    }
    let broken = #"{"format": "difflogic-net", "version": 1}"#
    var expected = ""
    do {
      _ = try DiscreteLogicNet(interchangeJSON: Data(broken.utf8))
    } catch {
      expected = error.description
    }
    #expect(!expected.isEmpty)
    #expect(throws: DesignError.model(expected)) { try load(broken) }
  }
}
