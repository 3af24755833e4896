import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// The NumPy form of a net (`bittrue bnn export`): the `.npy` arrays byte for byte as NumPy
/// writes them, nets round trip, and damaged files are errors, never traps.
@Suite struct BinarizedNetNumPyTests {
  /// `numpy.save` (NumPy 2) of int8 [[1, -2, 3], [-4, 5, -128]], int64 [5, -1, 2^40] and
  /// int16 [[300, -300]].
  static let saved: [(shape: [Int], values: [Int], itemSize: Int, hex: String)] = [
    (
      [2, 3], [1, -2, 3, -4, 5, -128], 1,
      "934e554d5059010076007b276465736372273a20277c6931272c2027666f727472616e5f6f7264657227"
        + "3a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020"
        + "202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
        + "200a01fe03fc0580"
    ),
    (
      [3], [5, -1, 1 << 40], 8,
      "934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f7264657227"
        + "3a2046616c73652c20277368617065273a2028332c292c207d2020202020202020202020202020202020"
        + "202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
        + "200a0500000000000000ffffffffffffffff0000000000010000"
    ),
    (
      [1, 2], [300, -300], 2,
      "934e554d5059010076007b276465736372273a20273c6932272c2027666f727472616e5f6f7264657227"
        + "3a2046616c73652c20277368617065273a2028312c2032292c207d202020202020202020202020202020"
        + "202020202020202020202020202020202020202020202020202020202020202020202020202020202020"
        + "200a2c01d4fe"
    ),
  ]

  static func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count, by: 2).map {
      UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
    }
  }

  @Test func arraysAreWhatNumPyWrites() throws {
    for file in Self.saved {
      let bytes = Self.bytes(file.hex)
      let array = NumPyArray(shape: file.shape, values: file.values)
      #expect(array.bytes(itemSize: file.itemSize) == bytes, "\(file.shape)")
      #expect(try NumPyArray(bytes: bytes) == array)
    }
  }

  static let shapes: [(InputFormat, Int, [(WeightMode, Int)])] = [
    (.bits, 70, [(.binary, 65), (.ternary, 13), (.binary, 7)]),
    (.integers(bits: 8, signed: false), 20, [(.integer(bits: 12), 9), (.ternary, 3)]),
    (.integers(bits: 4, signed: true), 5, [(.integer(bits: 8), 2)]),
  ]

  static func files(_ net: BinarizedNet) -> [String: [UInt8]] {
    Dictionary(uniqueKeysWithValues: try! net.numpyFiles().map { ($0.name, $0.bytes) })
  }

  static func read(_ files: [String: [UInt8]]) throws(BinarizedNetError) -> BinarizedNet {
    try BinarizedNet(
      numpyManifest: files[BinarizedNet.numpyManifest] ?? [],
      file: { name throws(BinarizedNetError) in
        guard let bytes = files[name] else { throw .file("\(name): no such file") }
        return bytes
      })
  }

  @Test(arguments: 0..<3)
  func netsRoundTrip(shape: Int) throws {
    var random = SeededRandom(seed: UInt64(40 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let net = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    #expect(try Self.read(Self.files(net)) == net)
  }

  /// Seeded damage to every file of a small net: truncations, byte changes and insertions
  /// either still read (as some valid net) or throw a one-line error.
  /// A convolutional front or an output affine has no place in the NumPy form: exporting
  /// such a net is an error, not a file that silently leaves them out.
  @Test func netsBeyondDenseLayersAreRefused() throws {
    var random = SeededRandom(seed: 5)
    let conv = RandomConvolutionNets.make(
      input: .bits, image: ImageShape(channels: 1, height: 4, width: 4),
      features: [.conv(.binary, 2, kernel: 3, stride: 1, padding: 0)], dense: [(.binary, 3)],
      using: &random)
    #expect(
      throws: BinarizedNetError.file(
        "the NumPy form holds dense layers only; this net has a convolutional front")
    ) {
      try conv.numpyFiles()
    }
    let dense = RandomBinarizedNets.make(
      input: .bits, inputs: 6, layers: [(.binary, 4), (.binary, 2)], using: &random)
    let affine = try BinarizedNet(
      input: dense.input, inputs: dense.inputs, layers: dense.layers,
      outputAffine: try OutputAffine(scale: [1, -0.5], offset: [0, 2]))
    #expect(
      throws: BinarizedNetError.file(
        "the NumPy form holds dense layers only; this net has an output affine")
    ) {
      try affine.numpyFiles()
    }
  }

  @Test func damagedFilesNeverTrap() {
    var random = SeededRandom(seed: 8)
    let net = RandomBinarizedNets.make(
      input: .integers(bits: 8, signed: true), inputs: 6,
      layers: [(.integer(bits: 12), 4), (.ternary, 3), (.binary, 2)], using: &random)
    let files = Self.files(net)
    var errors = 0
    for trial in 0..<3000 {
      var damaged = files
      let name = files.keys.sorted()[trial % files.count]
      var bytes = damaged[name]!
      switch Int.random(in: 0..<3, using: &random) {
      case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
      case 1:
        for _ in 0..<Int.random(in: 1...4, using: &random) {
          bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(
            in: 0...255, using: &random)
        }
      default:
        bytes.insert(
          UInt8.random(in: 0...255, using: &random),
          at: Int.random(in: 0...bytes.count, using: &random))
      }
      damaged[name] = bytes
      do {
        _ = try Self.read(damaged)
      } catch {
        errors += 1
        #expect(!error.description.contains("\n"), "\(error.description)")
        #expect(error.description.hasPrefix("\(name): ") || name == BinarizedNet.numpyManifest)
      }
    }
    #expect(errors > 1500)
  }
}
