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
    let r = try CLI.run(
      [
        "wageubn", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
        "--model", "mlp:64-32-10", "--epochs", "1", "--batch", "8", "--limit", "80", "--lr",
        "0.5", "--seed", "3", "--quiet", "--capture", folder.path, "--capture-steps", "0,3",
      ] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
    let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return manifest?["files"] as? [[String: Any]] ?? []
  }

  /// The testbench run of one captured file: unit parameters, then the replay options.
  static func arguments(_ entry: [String: Any], file: String) -> [String]? {
    let p = entry["parameters"] as? [String: Int] ?? [:]
    func v(_ name: String) -> String { "\(p[name] ?? -1)" }
    switch entry["unit"] as? String {
    case "mac":
      return [
        "wageubn_mac", "A_WIDTH=16", "B_WIDTH=16", "ACC_WIDTH=\(v("ACC_WIDTH"))",
        "SATURATE=\(v("SATURATE"))", "--", "--replay", file, "--K", v("K"),
      ]
    case "shift":
      return [
        "wageubn_shift_quantizer", "IN_WIDTH=48", "BITS=\(v("BITS"))", "BOUND=\(v("BOUND"))",
        "OUT_WIDTH=18", "--", "--replay", file, "--R_CODE", v("R_CODE"), "--ZERO", v("ZERO"),
      ]
    case "e2":
      return [
        "wageubn_e2_quantizer", "IN_WIDTH=48", "BITS=\(v("BITS"))", "OUT_WIDTH=32", "--",
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
        let text = try String(contentsOfFile: file, encoding: .utf8)
        overflowing += text.split(separator: "\n").count { $0.hasSuffix(" 1") }
      }
      let r = try CLI.run(program: Self.script, arguments, environment: Self.environment)
      #expect(r.status == 0, "\(arguments): \(r.stdout)\(r.stderr)")
      #expect(r.stdout.contains(" 0 mismatches"), "\(r.stdout)")
    }
    #expect(overflowing > 0, "some captured dot products overflow the narrow accumulator")
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
