import Foundation
import _TestSupport

/// The tiny inputs the CLI flag fuzzer's invocations read (`@D` in ``CLIFlag``): every run
/// must be fast, so every data set and design is a few bytes.
enum CLIFlagFixtures {
  /// A fresh folder holding:
  /// - `tiny.csv`: 40 samples of three 0/1 features and a label of 2 classes;
  /// - `tiny-images-idx3-ubyte`, `tiny-labels-idx1-ubyte`: 20 images of 6×6 pixels;
  /// - `bits.csv`: two unlabelled 3-bit samples for `logic eval --inputs`;
  /// - `net.json`: the tiny 3-input logic net (``Fixtures/tinyLogicNet``);
  /// - `bnn.json`: the three-layer binarized net (``BinarizedNetFixture``);
  /// - `huge.json`: a net claiming 2147483647 inputs (issue 11);
  /// - `design.nl`: the clocked adder netlist (``Fixtures/clockedAdder``);
  /// - `digits`: a link to the bundled `data/digits` (`--data-dir @D`).
  static func make() throws -> URL {
    let dir = Paths.temporaryDirectory("bittrue-flag-fixtures")
    func write(_ name: String, _ bytes: Data) throws {
      try bytes.write(to: dir.appendingPathComponent(name))
    }
    let rows = (0..<40).map { i in "\(i & 1),\(i >> 1 & 1),\(i >> 2 & 1),\((i ^ i >> 2) & 1)" }
    try write("tiny.csv", Data((["a,b,c,label"] + rows).joined(separator: "\n").utf8 + [10]))
    try write(
      "tiny-images-idx3-ubyte", idx(type: 3, [20, 6, 6], (0..<720).map { UInt8($0 % 251) }))
    try write("tiny-labels-idx1-ubyte", idx(type: 1, [20], (0..<20).map { UInt8($0 % 3) }))
    try write("bits.csv", Data("0,0,1\n1,1,0\n".utf8))
    try write("net.json", Data(Fixtures.tinyLogicNet.utf8))
    try write("bnn.json", Data(BinarizedNetFixture.text.utf8))
    try write(
      "huge.json",
      Data(
        #"{"format":"difflogic-net","version":1,"inputs":2147483647,"layers":[{"gates":[1],"a":[0],"b":[1]}],"group_sum":{"k":1,"tau":1}}"#
          .utf8))
    try write("design.nl", Data(Fixtures.clockedAdder.utf8))
    try FileManager.default.createSymbolicLink(
      at: dir.appendingPathComponent("digits"),
      withDestinationURL: Paths.bundledData.appendingPathComponent("digits"))
    return dir
  }

  /// An unsigned-byte IDX file: magic `0 0 8 rank`, big-endian dimensions, then the bytes.
  private static func idx(type rank: UInt8, _ dimensions: [UInt32], _ bytes: [UInt8]) -> Data {
    var out: [UInt8] = [0, 0, 8, rank]
    for d in dimensions { out += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) } }
    return Data(out + bytes)
  }
}
