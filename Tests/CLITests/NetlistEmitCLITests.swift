import Foundation
import Testing
import _TestSupport

/// `bittrue netlist emit` end to end.
struct NetlistEmitCLITests {
  static let adder = """
    netlist "adder"
    %0 "x" = input "x" : 8
    %1 "y" = input "y" : 8
    %2 "sum" = add.u %0, %1 : 9
    %3 = round.s 3 RND_CONV %2 : 7
    %4 "s" = output "s" %3 : 7

    """

  static func write(_ text: String, in folder: URL, name: String = "design.nl") throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test func writesTheDesignItsPrimitivesAndTheManifest() throws {
    let dir = Paths.temporaryDirectory("bittrue-emit")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = try Self.write(Self.adder, in: dir)
    let out = dir.appendingPathComponent("rtl")
    let result = try CLI.run(["netlist", "emit", input, "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout
        == "wrote adder.v, shift_round.v, adder.manifest.json to \(out.path) (5 nodes, combinational, 1 lane)\n"
    )
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(files == [".bittrue-output", "adder.manifest.json", "adder.v", "shift_round.v"])
    let verilog = try String(contentsOf: out.appendingPathComponent("adder.v"), encoding: .utf8)
    #expect(verilog.contains("module adder ("))
  }

  @Test func badInputFailsWithOneLineAndWritesNothing() throws {
    let dir = Paths.temporaryDirectory("bittrue-emit")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("rtl")
    let missing = dir.appendingPathComponent("missing.nl").path
    var result = try CLI.run(["netlist", "emit", missing, "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: \(missing): cannot read the file: no such file or directory\n")
    let broken = try Self.write("netlist \"b\"\n%0 = input \"x\" : 4\n%1 = frob %0 : 4\n", in: dir)
    result = try CLI.run(["netlist", "emit", broken, "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: \(broken): line 3: unknown op 'frob'\n")
    let word = try Self.write(Self.adder, in: dir, name: "word.nl")
    result = try CLI.run(["netlist", "emit", word, "--out", out.path, "--lanes", "8"])
    #expect(result.status == 1)
    #expect(result.stderr == "Error: \(word): lanes must be 1 or 64, not 8\n")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    // Nor a staging folder.
    let left = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(left.filter { $0.hasPrefix(".rtl.") }.isEmpty, "\(left)")
  }

  @Test func helpTeaches() throws {
    let result = try CLI.run(["netlist", "emit", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("--lanes 64 emits the sample-parallel form"))
    #expect(result.stdout.contains("bittrue netlist emit adder.nl --out build/rtl"))
  }
}
