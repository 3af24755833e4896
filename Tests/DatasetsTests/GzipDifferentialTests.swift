import Datasets
import Foundation
import Testing
import _TestSupport

/// The reader (zlib driven in 1 MiB chunks, members concatenated) against files written by
/// Python's `zlib` and `gzip` modules on generated data: every compression level family and
/// strategy, so stored, fixed and dynamic blocks, long and overlapping matches, the maximum
/// distance, multi-block streams and named-file headers all occur.
@Suite struct GzipDifferentialTests {
  /// Payloads that stress different parts of the decoder.
  static func payloads() -> [(name: String, bytes: [UInt8])] {
    var rng = SeededRandom(seed: 0xDEF1A7E)
    func random(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) } }
    let words = ["bit", "true", "gate", "lut", "xnor", "popcount", " ", " ", "\n", "netlist"]
    var text: [UInt8] = []
    while text.count < 150_000 { text += Array(words.randomElement(using: &rng)!.utf8) }
    let block = random(32_768)
    var runs: [UInt8] = []
    for k in 0..<400 {
      runs += [UInt8](repeating: UInt8(k % 3), count: Int.random(in: 1...600, using: &rng))
    }
    return [
      ("empty", []),
      ("one", [42]),
      ("random", random(5_000)),
      ("text", text),
      ("far", block + [7, 7, 7] + block + random(100)),
      ("runs", runs),
    ]
  }

  @Test(.enabled(if: ToolGate.runPythonTests, "python3 not found: zlib differential skipped"))
  func matchesZlibOnGeneratedData() throws {
    let dir = Paths.temporaryDirectory("bittrue-gzip")
    defer { try? FileManager.default.removeItem(at: dir) }
    let payloads = GzipDifferentialTests.payloads()
    for p in payloads { try Data(p.bytes).write(to: dir.appendingPathComponent(p.name)) }
    let script = """
      import gzip, os, sys, zlib
      d = sys.argv[1]
      settings = [(0, 0), (1, 0), (6, 0), (9, 0), (6, zlib.Z_FILTERED), (6, zlib.Z_HUFFMAN_ONLY),
                  (6, zlib.Z_RLE), (9, zlib.Z_FIXED)]
      for name in sys.argv[2:]:
          data = open(os.path.join(d, name), 'rb').read()
          for level, strategy in settings:
              for mem in (1, 9):
                  c = zlib.compressobj(level, zlib.DEFLATED, 31, mem, strategy)
                  open(os.path.join(d, f'{name}.{level}.{strategy}.{mem}.gz'), 'wb').write(c.compress(data) + c.flush())
          with open(os.path.join(d, name + '.named.gz'), 'wb') as f:
              with gzip.GzipFile(filename='payload.bin', mode='wb', fileobj=f, mtime=7) as g:
                  g.write(data)
          print(name)
      """
    let out = try Python.run(script, arguments: [dir.path] + payloads.map(\.name))
    #expect(out.split(separator: "\n").map(String.init) == payloads.map(\.name))
    var checked = 0
    for p in payloads {
      let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        .filter { $0.hasPrefix(p.name + ".") && $0.hasSuffix(".gz") }
      #expect(files.count == 17)
      for file in files.sorted() {
        let compressed = [UInt8](try Data(contentsOf: dir.appendingPathComponent(file)))
        let decoded = try Gzip.decompress(compressed, source: file)
        #expect(
          decoded == p.bytes, "\(file): \(decoded.count) bytes decoded, \(p.bytes.count) expected")
        checked += 1
      }
    }
    #expect(checked == payloads.count * 17)
  }
}
