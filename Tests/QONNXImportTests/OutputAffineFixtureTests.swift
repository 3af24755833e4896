import BinarizedNets
import Foundation
import QONNXImport
import Testing

/// The `affine` fixture: a per-class scale and shift (`Mul`, `Add`) after the binary output
/// layer becomes the net's ``OutputAffine``; on every held-out digit BitTrue's exact class is
/// Brevitas's (ties to the lowest class, as torch.argmax), and torch's float32 arithmetic on
/// BitTrue's dots, `dot·scale` rounded then `+ shift` rounded, gives Brevitas's outputs bit
/// for bit.
@Suite struct OutputAffineFixtureTests {
  @Test(arguments: QONNXFixtures.exporters)
  func predictsBrevitasClassOnEverySample(exporter: String) throws {
    let model = try QONNXModel(onnx: QONNXFixtures.onnx(QONNXFixtures.affineNet, exporter))
    let affine = try #require(model.net.outputAffine)
    let dotsNet = try BinarizedNet(
      input: model.net.input, inputs: model.net.inputs, layers: model.net.layers)
    let pixels = try QONNXFixtures.pixels()
    let expected = try QONNXFixtures.expected(QONNXFixtures.affineNet)
    try #require(pixels.count == expected.count && pixels.count > 200)
    var agree = 0
    for (sample, want) in zip(pixels, expected) {
      let codes = try #require(model.encode(sample.map { Float($0) / 16 }))
      if BinarizedNet.argmax(model.net.referenceScores(codes)[...]) == want.predicted {
        agree += 1
      }
      let dots = dotsNet.referenceScores(codes)
      let floats = dots.indices.map { c in
        let product = Float(dots[c]) * affine.scale[c]
        return product + affine.offset[c]
      }
      #expect(floats == want.outputs, "sample \(sample)")
    }
    #expect(agree == pixels.count, "affine.\(exporter): \(agree)/\(pixels.count) agree")
  }

  @Test func bothExportersGiveTheSameAffine() throws {
    let dynamo = try QONNXModel(onnx: QONNXFixtures.onnx(QONNXFixtures.affineNet, "dynamo"))
    let torchScript = try QONNXModel(
      onnx: QONNXFixtures.onnx(QONNXFixtures.affineNet, "torchscript"))
    #expect(dynamo.net == torchScript.net)
    let affine = try #require(dynamo.net.outputAffine)
    #expect(affine.scale.count == 10 && affine.offset.count == 10)
    // Trained values, not the identity the importer leaves out.
    #expect(affine.scale.contains { $0 != 1 } && affine.offset.contains { $0 != 0 })
  }
}
