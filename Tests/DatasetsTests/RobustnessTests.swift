import Datasets
import Testing
import _TestSupport

/// Malformed input never traps: randomly mutated CSV and IDX files either parse or throw.
@Suite struct RobustnessTests {
  /// Overwrites, inserts or deletes a few random bytes (drawn mostly from the format's own
  /// alphabet, so that the mutants get past the first checks).
  static func mutate(_ bytes: [UInt8], alphabet: [UInt8], using rng: inout SeededRandom) -> [UInt8]
  {
    var b = bytes
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      let byte =
        Bool.random(using: &rng)
        ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
      let at = Int.random(in: 0...b.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0 where at < b.count: b[at] = byte
      case 1: b.insert(byte, at: at)
      default: if at < b.count { b.remove(at: at) }
      }
    }
    return b
  }

  @Test func mutatedCSVNeverTraps() {
    var rng = SeededRandom(seed: 0xC5F)
    let good = Array("a,b,c,label\n1.5,red,-3,0\n2e3,?,4,1\n-0.25,blue,5,2\n".utf8)
    let alphabet = Array("0123456789.,-+e?\n\r ab".utf8)
    var parsed = 0
    for _ in 0..<3000 {
      let text = RobustnessTests.mutate(good, alphabet: alphabet, using: &rng)
      if let table = try? CSVReader.parse([("m.csv", text)], classCount: nil) {
        parsed += 1
        #expect(table.parts[0].inputs.columns == table.features.count)
      }
    }
    #expect(parsed > 0)
  }

  @Test func mutatedIDXNeverTraps() {
    var rng = SeededRandom(seed: 0x1D8)
    let good: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 9, 8, 7, 6]
    let alphabet: [UInt8] = [0, 1, 2, 3, 8, 9, 0x0B, 0x0C, 0xFF]
    for _ in 0..<3000 {
      let bytes = RobustnessTests.mutate(good, alphabet: alphabet, using: &rng)
      if let array = try? IDXReader.parse(bytes, source: "m.idx") {
        #expect(array.values.count == array.dimensions.reduce(1, *))
      }
    }
  }
}
