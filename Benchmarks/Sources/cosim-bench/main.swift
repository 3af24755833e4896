// Verilator cosimulation cost: build time and vectors/s of a random gate network, one lane
// vs 64 lanes, at several C++ optimisation levels, driven through the `bittrue cosim` CLI
// (the path users take). Throughput is measured by rerunning the built simulator on many
// vectors; the cosim run itself checks the build against the reference interpreter.
//
//   cosim-bench BITTRUE [GATES] [LEVELS] [VECTORS]
import BitTrue
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  print("usage: cosim-bench BITTRUE [GATES=50000] [LEVELS=6] [VECTORS=65536]")
  exit(2)
}
let bittrue = arguments[1]
let gates = arguments.count > 2 ? Int(arguments[2])! : 50_000
let levels = arguments.count > 3 ? Int(arguments[3])! : 6
let vectorCount = arguments.count > 4 ? Int(arguments[4])! : 65_536
let inputBits = 256
let outputBits = 100

/// A random layered gate network: each gate reads two nodes of the previous layer.
func network() -> Netlist {
  var rng = CounterRNG(seed: 2026).sequential()
  var n = Netlist(name: "net\(gates)")
  let x = n.input("x", width: inputBits)
  var previous = (0..<inputBits).map { n.bit(x, $0) }
  let perLayer = gates / levels
  for _ in 0..<levels {
    previous = (0..<perLayer).map { _ in
      let a = previous[Int(rng.next() % UInt64(previous.count))]
      let b = previous[Int(rng.next() % UInt64(previous.count))]
      return n.gate(GateFunction(table: UInt8(rng.next() % 16)), a, b)
    }
  }
  // Fold the whole last layer into the outputs with XOR gates, so no logic is dead (a
  // simulator would otherwise drop what the outputs do not read).
  var outputs = Array(previous.prefix(outputBits))
  for (i, g) in previous.enumerated().dropFirst(outputBits) {
    outputs[i % outputBits] = n.gate(.xor, outputs[i % outputBits], g)
  }
  n.output("y", n.concat(outputs))
  return n
}

func run(_ executable: String, _ args: [String]) -> (status: Int32, output: String, seconds: Double)
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = args
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  let start = Date()
  try! process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: data, as: UTF8.self),
    Date().timeIntervalSince(start)
  )
}

let dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  .appendingPathComponent(".build/cosim-bench")
try? FileManager.default.removeItem(at: dir)
try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
let net = network()
let netPath = dir.appendingPathComponent("net.nl").path
try! NetlistText.print(net).write(toFile: netPath, atomically: true, encoding: .utf8)

// Vectors for the throughput runs: one 256-bit input per line.
var rng = CounterRNG(seed: 7).sequential()
var hex = ""
hex.reserveCapacity(vectorCount * 65)
for _ in 0..<vectorCount {
  hex += BitVector(width: inputBits, words: (0..<4).map { _ in rng.next() }).hexDigits + "\n"
}
let bigInputs = dir.appendingPathComponent("big.hex").path
try! hex.write(toFile: bigInputs, atomically: true, encoding: .utf8)

print(
  "network: \(net.nodes.count) nodes (\(gates) gates in \(levels) levels + an XOR fold of the last "
    + "layer into \(outputBits) outputs; \(inputBits) inputs)")
print(
  "| lanes | C++ opt | cosim (256 vectors vs interp) | build s | vectors/s (\(vectorCount) vectors) |"
)
print("|---|---|---|---|---|")
for (lanes, level) in [(64, "O0"), (64, "O1"), (1, "O0")] {
  let cache = dir.appendingPathComponent("cache-\(lanes)-\(level)").path
  let cosim = run(
    bittrue,
    [
      "cosim", netPath, "--vectors", "256", "--lanes", "\(lanes)", "--opt-level", level, "--keep",
      "--cache", cache,
    ])
  let verdict =
    cosim.output.split(separator: "\n").first { $0.hasPrefix("agree") || $0.hasPrefix("MISMATCH") }
    ?? "?"
  let build =
    cosim.output.split(separator: "\n").first { $0.hasPrefix("verilator:") }
    .flatMap { line in
      line.split(separator: " ").firstIndex(of: "build").map { line.split(separator: " ")[$0 + 1] }
    }
    ?? "?"
  let runFolder = cosim.output.split(separator: "\n").first { $0.hasPrefix("run folder: ") }
    .map { String($0.dropFirst("run folder: ".count).prefix { $0 != " " }) }
  guard cosim.status == 0, let runFolder else {
    print("| \(lanes) | \(level) | FAILED (\(cosim.status)) | | |\n\(cosim.output)")
    continue
  }
  let sim = URL(fileURLWithPath: runFolder).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("obj/sim").path
  let outputs = dir.appendingPathComponent("big-out.hex").path
  let timed = run(sim, [bigInputs, outputs])
  let seconds =
    timed.output.split(separator: " ").first { $0.hasPrefix("seconds=") }
    .flatMap { Double($0.dropFirst(8).prefix { !$0.isNewline }) } ?? 0
  let rate = seconds > 0 ? Double(vectorCount) / seconds : 0
  print(
    "| \(lanes) | \(level) | \(verdict.prefix(24)) | \(build) | \(String(format: "%.3g", rate)) |")
}
