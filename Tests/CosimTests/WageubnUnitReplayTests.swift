import Foundation
import Testing
import _TestSupport

/// The WAGEUBN datapath units of `rtl/wageubn/` (MAC, shift quantizer, E2 quantizer, stochastic
/// rounding) replayed under Verilator on tensors captured from real training runs
/// (`bittrue wageubn train --capture`): every captured vector file goes through its unit's
/// testbench (`testbenches/tb_wageubn_*.cpp` via `scripts/testbench.sh`) and must match the
/// Swift emulator bit for bit; a corrupted file must not.
@Suite(
  .tags(.verilator), .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct WageubnUnitReplayTests {
  static let script = Paths.packageRoot.appendingPathComponent("scripts/testbench.sh")
  /// The units live apart from the catalogued primitives of `rtl/`.
  static let environment = [
    "BITTRUE_RTL_DIR": Paths.packageRoot.appendingPathComponent("rtl/wageubn").path
  ]

  /// A tiny run on the bundled digits, capturing steps 0 and 3 into `folder`.
  static func capture(_ extra: [String], into folder: URL) throws -> [[String: Any]] {
    try train(
      [
        "--dataset", "digits", "--data-dir", Paths.bundledData.path, "--model", "mlp:64-32-10",
        "--batch", "8", "--limit", "80", "--lr", "0.5", "--capture-steps", "0,3",
      ] + extra, capturingInto: folder)
  }

  /// A `wageubn train` run of one epoch, seed 3, capturing into `folder`: the manifest's files.
  static func train(_ options: [String], capturingInto folder: URL) throws -> [[String: Any]] {
    let r = try CLI.run(
      ["wageubn", "train", "--epochs", "1", "--seed", "3", "--quiet", "--capture", folder.path]
        + options)
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
    let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return manifest?["files"] as? [[String: Any]] ?? []
  }

  /// The testbench run of one captured file: unit parameters, then the replay options. The
  /// quantizers' inputs are 48 bits wide unless the capture needs more.
  static func arguments(_ entry: [String: Any], file: String) -> [String]? {
    let p = entry["parameters"] as? [String: Int] ?? [:]
    func v(_ name: String) -> String { "\(p[name] ?? -1)" }
    let inWidth = "IN_WIDTH=\((p["IN_WIDTH"] ?? 0) <= 48 ? 48 : 64)"
    switch entry["unit"] as? String {
    case "mac":
      return [
        "wageubn_mac", "A_WIDTH=16", "B_WIDTH=16", "ACC_WIDTH=\(v("ACC_WIDTH"))",
        "SATURATE=\(v("SATURATE"))", "--", "--replay", file, "--K", v("K"),
      ]
    case "shift":
      return [
        "wageubn_shift_quantizer", inWidth, "BITS=\(v("BITS"))", "BOUND=\(v("BOUND"))",
        "OUT_WIDTH=18", "--", "--replay", file, "--R_CODE", v("R_CODE"), "--ZERO", v("ZERO"),
      ]
    case "e2":
      return [
        "wageubn_e2_quantizer", inWidth, "BITS=\(v("BITS"))", "OUT_WIDTH=32", "--",
        "--replay", file, "--R_CODE", v("R_CODE"), "--ZERO", v("ZERO"),
      ]
    case "stochastic":
      return [
        "wageubn_stochastic_round", "IN_WIDTH=48", "S_WIDTH=8", "OUT_WIDTH=16", "--",
        "--replay", file, "--SHIFT", v("SHIFT"), "--BOUND", v("BOUND"),
      ]
    default: return nil
    }
  }

  @Test(arguments: [
    ["--profile", "hardware", "--accumulator-width", "20"],
    ["--profile", "paper", "--accumulator-width", "21", "--accumulator-overflow", "wrap"],
  ])
  func capturedTensorsReplayBitForBit(_ extra: [String]) throws {
    let folder = Paths.temporaryDirectory("bittrue-wageubn-capture")
    defer { try? FileManager.default.removeItem(at: folder) }
    let entries = try Self.capture(extra, into: folder)
    #expect(try Self.replay(entries, in: folder) > 0, "some dot products overflow")
  }

  /// Replays every captured file of `entries` on its unit (each must match bit for bit);
  /// returns how many captured dot products overflowed.
  static func replay(_ entries: [[String: Any]], in folder: URL) throws -> Int {
    #expect(
      Set(entries.compactMap { $0["unit"] as? String }) == ["mac", "shift", "e2", "stochastic"])
    var overflowing = 0
    for entry in entries {
      let file = folder.appendingPathComponent(entry["file"] as? String ?? "").path
      guard let arguments = Self.arguments(entry, file: file) else {
        Issue.record("unknown unit in \(entry)")
        continue
      }
      if entry["unit"] as? String == "mac" {
        let p = entry["parameters"] as? [String: Int] ?? [:]
        #expect(p["A_WIDTH"] ?? 99 <= 16 && p["B_WIDTH"] ?? 99 <= 16, "16-bit MAC ports")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        overflowing += text.split(separator: "\n").count { $0.hasSuffix(" 1") }
      }
      let r = try CLI.run(program: Self.script, arguments, environment: Self.environment)
      #expect(r.status == 0, "\(arguments): \(r.stdout)\(r.stderr)")
      #expect(r.stdout.contains(" 0 mismatches"), "\(r.stdout)")
    }
    return overflowing
  }

  /// 20 synthetic 28×28 grey images (a bright bar whose place and direction follow the class,
  /// on a faint gradient), 10 classes, as the shared CSV format.
  static func syntheticImages() -> String {
    var text = (0..<784).map { "p\($0)" }.joined(separator: ",") + ",label\n"
    for r in 0..<20 {
      let label = r % 10
      let pixels = (0..<784).map { i -> Int in
        let (y, x) = (i / 28, i % 28)
        let bar = label < 5 ? abs(y - 4 - 4 * label) <= 1 : abs(x - 4 - 4 * (label - 5)) <= 1
        return bar ? 200 + (r * 7 + i) % 56 : (x + y + r) % 24
      }
      text += pixels.map(String.init).joined(separator: ",") + ",\(label)\n"
    }
    return text
  }

  /// The LeNet-style CNN (`--model lenet`) on synthetic images: the convolutions' forward,
  /// error and gradient dot products, their E2 and G, the E1 after each batch norm and the
  /// dense stage's tensors all replay bit for bit, with some dot products overflowing.
  @Test(arguments: [
    ["--profile", "hardware", "--accumulator-width", "20"],
    ["--profile", "paper", "--accumulator-width", "21", "--accumulator-overflow", "wrap"],
  ])
  func lenetCaptureReplaysBitForBit(_ extra: [String]) throws {
    let folder = Paths.temporaryDirectory("bittrue-wageubn-capture")
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("images.csv")
    try Self.syntheticImages().write(to: data, atomically: true, encoding: .utf8)
    let capture = folder.appendingPathComponent("capture")
    let entries = try Self.train(
      [
        "--dataset", data.path, "--model", "lenet", "--batch", "4", "--lr", "0.5",
        "--capture-steps", "0,2", "--capture-dot-products", "32",
      ] + extra, capturingInto: capture)
    let files = Set(entries.compactMap { $0["file"] as? String })
    for step in [0, 2] {
      for layer in ["conv1", "conv2", "dense1"] {
        for tensor in ["forward.mac", "gradient.mac", "E2.e2", "G.stochastic"] {
          #expect(files.contains("s\(step)-\(layer)-\(tensor).txt"), "\(layer) \(tensor)")
        }
      }
      for name in ["conv2-error.mac", "dense1-error.mac", "bn1-E1.shift", "bn2-E1.shift"] {
        #expect(files.contains("s\(step)-\(name).txt"), "\(name)")
      }
      #expect(!files.contains("s\(step)-conv1-error.mac.txt"), "the first stage has no error")
    }
    #expect(files.count == 2 * 16)
    #expect(try Self.replay(entries, in: capture) > 0, "some dot products overflow")
  }

  @Test func aCorruptedCaptureFails() throws {
    let folder = Paths.temporaryDirectory("bittrue-wageubn-capture")
    defer { try? FileManager.default.removeItem(at: folder) }
    let entries = try Self.capture(["--profile", "hardware"], into: folder)
    for unit in ["mac", "shift", "e2", "stochastic"] {
      guard let entry = entries.first(where: { $0["unit"] as? String == unit }) else {
        Issue.record("no \(unit) file")
        continue
      }
      let file = folder.appendingPathComponent(entry["file"] as? String ?? "")
      var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
        $0.split(separator: " ").map(String.init)
      }
      // The last column is the emulator's output (the MAC's overflow flag): change it.
      let last = lines[0].count - 1
      lines[0][last] =
        unit == "mac" ? String(1 - Int(lines[0][last])!) : "\(Int(lines[0][last])! + 1)"
      try (lines.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n").write(
        to: file, atomically: true, encoding: .utf8)
      let r = try CLI.run(
        program: Self.script, Self.arguments(entry, file: file.path)!,
        environment: Self.environment)
      #expect(r.status == 1 && r.stdout.contains(", 1 mismatches"), "\(unit): \(r.stdout)")
    }
  }
}
