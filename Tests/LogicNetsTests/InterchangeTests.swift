import Foundation
import Testing
import _TestSupport

@testable import LogicNets

@Suite struct InterchangeTests {
  private let valid = """
    {"format":"difflogic-net","version":1,"inputs":4,
     "layers":[{"gates":[1,6,14,3],"a":[0,1,2,3],"b":[1,2,3,0]},
               {"gates":[7,8],"a":[0,2],"b":[1,3]}],
     "group_sum":{"k":2,"tau":10}}
    """

  private func read(_ text: String) throws(LogicNetsError) -> DiscreteLogicNet {
    try DiscreteLogicNet(interchangeJSON: Data(text.utf8))
  }

  /// Replaces `old` by `new` in the valid document and returns the error message.
  private func message(_ old: String, _ new: String) -> String {
    let text = valid.replacingOccurrences(of: old, with: new)
    #expect(text != valid, "the edit must apply: \(old)")
    do {
      _ = try read(text)
      return "no error"
    } catch {
      return error.description
    }
  }

  @Test func readsAValidDocument() throws {
    let net = try read(valid)
    #expect(net.inputs == 4 && net.classes == 2 && net.tau == 10)
    #expect(net.layers[0].gates == [1, 6, 14, 3] && net.layers[1].b == [1, 3])
  }

  @Test func writesWhatItReads() throws {
    var rng = SeededRandom(seed: 0x1C_0001)
    let net = randomDiscreteNet(inputs: 9, widths: [20, 12], classes: 3, using: &rng)
    let again = try read(net.interchangeJSON())
    #expect(again == net)
  }

  @Test func tauKeepsItsExactFloatValue() throws {
    for tau: Float in [10, 0.1, 1.0 / 3.0, 123.456, 3e-5] {
      var net = try read(valid)
      net.tau = tau
      #expect(try read(net.interchangeJSON()).tau.bitPattern == tau.bitPattern, "tau \(tau)")
    }
  }

  @Test func errorsNameTheFieldLayerAndNeuron() {
    #expect(message("\"inputs\":4,", "") == "missing field 'inputs'")
    #expect(
      message("{\"gates\":[7,8],\"a\":[0,2],", "{\"a\":[0,2],") == "missing field 'layers[1].gates'"
    )
    #expect(message("\"tau\":10", "\"t\":10") == "missing field 'group_sum.tau'")
    #expect(
      message("[1,6,14,3]", "[1,6,16,3]") == "layer 0, neuron 2: 'gates' = 16 is not a gate id 0…15"
    )
    #expect(
      message("[1,6,14,3]", "[1,-6,14,3]")
        == "layer 0, neuron 1: 'gates' = -6 is not a gate id 0…15")
    #expect(
      message("\"b\":[1,3]", "\"b\":[1,4]")
        == "layer 1, neuron 1: 'b' = 4 is outside 0..<4")
    #expect(
      message("\"a\":[0,1,2,3]", "\"a\":[0,1,2,4]")
        == "layer 0, neuron 3: 'a' = 4 is outside 0..<4")
    #expect(
      message("\"a\":[0,2]", "\"a\":[0,2,1]") == "layer 1: 'a' has 3 entries, expected 2")
    #expect(
      message("\"b\":[1,2,3,0]", "\"b\":[1,2,3]") == "layer 0: 'b' has 3 entries, expected 4")
    #expect(message("[7,8]", "[7,8.5]") == "field 'layers[1].gates[1]': expected an integer")
    #expect(
      message("\"a\":[0,2]", "\"a\":[0,\"2\"]") == "field 'layers[1].a[1]': expected an integer")
    #expect(
      message("\"k\":2", "\"k\":3")
        == "group_sum: last layer has 2 neurons, not a multiple of k = 3")
    #expect(
      message("\"tau\":10", "\"tau\":0")
        == "field 'group_sum.tau': must be a finite positive number")
    #expect(
      message("difflogic-net", "torch-net")
        == "field 'format': expected \"difflogic-net\", got \"torch-net\"")
    #expect(
      message("\"version\":1", "\"version\":2")
        == "field 'version': unsupported version 2, expected 1")
    #expect(message("\"layers\":[", "\"layers\":[[],") == "field 'layers[0]': expected an object")
    #expect(message("\"inputs\":4", "\"inputs\":\"4\"") == "field 'inputs': expected an integer")
    #expect(
      message("}}", "}")
        == "malformed JSON: line 4, column 30: expected ',' or '}', found the end of the document")
    #expect(
      message("\"inputs\":4", "\"inputs\":2147483647")
        == "field 'inputs': 2147483647 is outside 1...1048576")
    #expect(
      message("\"k\":2", "\"k\":4294967296")
        == "field 'group_sum.k': 4294967296 is outside 1...2147483647")
    #expect(
      message("\"tau\":10", "\"tau\":1e999")
        == "malformed JSON: line 4, column 27: number 1e999 is too large")
    #expect(
      message("\"version\":1,", "\"version\":1,\"version\":1,")
        == "malformed JSON: line 1, column 39: duplicate key \"version\"")
  }
}
