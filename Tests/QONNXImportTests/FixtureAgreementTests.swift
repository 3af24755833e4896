import BinarizedNets
import Foundation
import QONNXImport
import Testing

/// Brevitas → QONNX → BitTrue: on every held-out digit, the imported net (a dense one or the
/// CNN) predicts Brevitas's class and its integer scores are Brevitas's output values (the
/// output scale is 1).
@Suite struct FixtureAgreementTests {
  @Test(arguments: QONNXFixtures.nets.map(\.name), QONNXFixtures.exporters)
  func predictsBrevitasClassOnEverySample(net name: String, exporter: String) throws {
    let model = try QONNXModel(onnx: QONNXFixtures.onnx(name, exporter))
    let toFloat = QONNXFixtures.nets.first { $0.name == name }!.input
    let pixels = try QONNXFixtures.pixels()
    let expected = try QONNXFixtures.expected(name)
    try #require(pixels.count == expected.count && pixels.count > 200)
    var agree = 0
    for (sample, want) in zip(pixels, expected) {
      let scores = model.net.referenceScores(try #require(model.encode(sample.map(toFloat))))
      if BinarizedNet.argmax(scores[...]) == want.predicted { agree += 1 }
      #expect(scores.map(Float.init) == want.outputs, "sample \(sample)")
    }
    #expect(agree == pixels.count, "\(name).\(exporter): \(agree)/\(pixels.count) agree")
  }

  @Test(arguments: QONNXFixtures.nets.map(\.name))
  func bothExportersGiveTheSameNet(net name: String) throws {
    let dynamo = try QONNXModel(onnx: QONNXFixtures.onnx(name, "dynamo"))
    let torchScript = try QONNXModel(onnx: QONNXFixtures.onnx(name, "torchscript"))
    #expect(dynamo.net == torchScript.net)
    #expect(dynamo.input == torchScript.input)
  }

  @Test func theNetsHaveTheShapesTheScriptTrains() throws {
    let tfc = try QONNXModel(onnx: QONNXFixtures.onnx("tfc_w1a1", "torchscript"))
    #expect(tfc.net.input == .integers(bits: 8, signed: true))
    #expect(tfc.net.layers.map(\.mode) == [.binary, .binary, .binary, .binary])
    #expect(tfc.net.layers.map(\.outputs) == [64, 64, 64, 10])
    #expect(tfc.net.outputAffine == nil)
    let ternary = try QONNXModel(onnx: QONNXFixtures.onnx("ternary", "dynamo"))
    #expect(ternary.net.input == .integers(bits: 8, signed: false))
    #expect(ternary.net.layers.map(\.mode) == [.ternary, .binary, .binary])
    #expect(ternary.net.layers[0].weights.contains(0))
    guard case .quantized(let q) = ternary.input else {
      Issue.record("expected a Quant on the input")
      return
    }
    #expect(!q.signed && q.bits == 8 && q.rounding == .round)
  }

  @Test func theCNNHasItsConvolutionalFront() throws {
    let cnn = try QONNXModel(onnx: QONNXFixtures.onnx("cnn", "dynamo"))
    #expect(cnn.net.input == .integers(bits: 8, signed: false))
    #expect(cnn.net.image == ImageShape(channels: 1, height: 8, width: 8))
    guard cnn.net.features.count == 3, case .convolution(let first) = cnn.net.features[0],
      case .maxPool(let pool) = cnn.net.features[1],
      case .convolution(let second) = cnn.net.features[2]
    else {
      Issue.record("expected conv, max pool, conv; got \(cnn.net.features)")
      return
    }
    let firstShape = [first.inputChannels, first.outputChannels, first.kernel, first.padding]
    #expect(firstShape == [1, 8, 3, 1])
    #expect(pool == MaxPoolLayer(size: 2, stride: 2))
    let secondShape = [second.inputChannels, second.outputChannels, second.padding]
    #expect(secondShape == [8, 16, 0])
    #expect(first.mode == .binary && second.mode == .binary)
    #expect(cnn.net.layers.map(\.inputs) == [64])
    #expect(cnn.net.layers.map(\.outputs) == [10])
    #expect(cnn.net.outputAffine == nil)
  }

  @Test func theCNNFixtureHasTiedScores() throws {
    // Ties must be exercised: the first largest score is the class, as torch.argmax picks.
    let tied = try QONNXFixtures.expected("cnn").filter { row in
      row.outputs.filter { $0 == row.outputs.max() }.count > 1
    }
    #expect(tied.count >= 3)
  }
}
