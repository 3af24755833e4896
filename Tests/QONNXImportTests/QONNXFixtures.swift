import Foundation
import QONNXImport
import _TestSupport

/// The Brevitas fixtures (tools/brevitas/make_fixtures.py): four nets, each exported by both
/// torch exporters, the held-out digits and Brevitas's outputs and classes.
enum QONNXFixtures {
  /// The fixture folder.
  static let folder = Paths.packageRoot.appendingPathComponent("Tests/QONNXImportTests/Fixtures")

  /// The nets whose scores are their last layer's dots (no output affine) and how a pixel
  /// (0...16) becomes the float the net's input receives.
  static let nets: [(name: String, input: @Sendable (Int) -> Float)] = [
    ("tfc_w1a1", { Float($0) / 8 - 1 }),
    ("ternary", { Float($0) / 16 }),
    ("cnn", { Float($0) / 16 }),
  ]

  /// The net with a per-class scale and shift after its output layer (`Mul`, `Add`), whose
  /// input is `pixel / 16`.
  static let affineNet = "affine"

  /// The exporters.
  static let exporters = ["dynamo", "torchscript"]

  /// The bytes of `<net>.<exporter>.onnx`.
  static func onnx(_ net: String, _ exporter: String) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent("\(net).\(exporter).onnx"))
  }

  /// The rows of a CSV fixture after its header, split at commas.
  static func rows(_ file: String) throws -> [[Substring]] {
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",") }
  }

  /// The test samples' pixels (64 per row).
  static func pixels() throws -> [[Int]] {
    try rows("digits-test.csv").map { $0.prefix(64).map { Int($0)! } }
  }

  /// Brevitas's output values and predicted class per sample.
  static func expected(_ net: String) throws -> [(outputs: [Float], predicted: Int)] {
    try rows("\(net).expected.csv").map { row in
      (row.dropLast().map { Float(String($0))! }, Int(row.last!)!)
    }
  }
}
