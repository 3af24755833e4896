import Foundation
import NetlistIR
import VerilogEmit

/// The C++ optimisation level of a Verilator build. Build time is C++ compile time, so
/// ``auto`` trades simulation speed for build time by design size.
public enum OptimizationLevel: String, CaseIterable, Sendable {
  /// `O1` below ``autoThreshold`` nodes; `O0` with `--output-split` above.
  case auto
  /// No optimisation: fastest build, slowest simulation.
  case O0
  /// Light optimisation.
  case O1
  /// Full optimisation.
  case O2
  /// Verilator's default: optimise for size.
  case Os

  /// Designs with at least this many netlist nodes count as big for ``auto``.
  package static let autoThreshold = 20_000

  /// The concrete level for a design of `nodes` netlist nodes.
  package func resolved(nodes: Int) -> OptimizationLevel {
    switch self {
    case .auto: return nodes >= Self.autoThreshold ? .O0 : .O1
    case .O0, .O1, .O2, .Os: return self
    }
  }
}

/// How to build.
public struct VerilatorOptions: Hashable, Sendable {
  /// C++ optimisation.
  public var optimization: OptimizationLevel
  /// Build with VCD tracing.
  public var trace: Bool
  /// Where build folders live (one per content hash).
  public var cacheDirectory: URL
  /// Parallel C++ compile jobs.
  public var jobs: Int

  /// Options; the cache defaults to ``defaultCacheDirectory()``.
  public init(
    optimization: OptimizationLevel = .auto, trace: Bool = false,
    cacheDirectory: URL = VerilatorOptions.defaultCacheDirectory(), jobs: Int = 2
  ) {
    self.optimization = optimization
    self.trace = trace
    self.cacheDirectory = cacheDirectory
    self.jobs = jobs
  }

  /// `$BITTRUE_CACHE/cosim` when set, else `.build/cosim` under the current directory.
  public static func defaultCacheDirectory(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let dir = environment["BITTRUE_CACHE"], !dir.isEmpty {
      return URL(fileURLWithPath: dir).appendingPathComponent("cosim")
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent(".build/cosim")
  }
}

/// A built Verilator simulation of a ``SimulationTarget``, ready to run vectors.
public struct VerilatorModel: Sendable {
  /// The build folder (`<cache>/<hash>`): `src/`, `obj/`, `build.sh`, `build.log`.
  public let folder: URL
  /// The top module's manifest.
  public let manifest: PortManifest
  /// Seconds spent building (0 when the build was cached).
  public let buildSeconds: Double
  /// Whether an existing build was reused.
  public let cached: Bool
  /// Whether the model was built with tracing.
  public let traced: Bool
  /// The optimisation level used.
  public let optimization: OptimizationLevel

  /// The simulator executable.
  public var executable: URL { folder.appendingPathComponent("obj/sim") }

  /// Runs `vectors` (one value per manifest input) in `runFolder`, which receives
  /// `inputs.hex`, `verilator.hex`, `sim.log` and, when `trace` is given, the VCD.
  /// Returns the outputs and the simulation seconds and clock cycles the harness measured.
  public func simulate(
    _ vectors: [[BitVector]], in runFolder: URL, trace: URL? = nil
  ) throws(CosimError) -> (outputs: [[BitVector]], seconds: Double, cycles: Int) {
    let inputs = runFolder.appendingPathComponent("inputs.hex")
    let outputs = runFolder.appendingPathComponent("verilator.hex")
    let log = runFolder.appendingPathComponent("sim.log")
    try FileIO.write(VectorText.format(vectors), to: inputs)
    var arguments = [inputs.path, outputs.path]
    if let trace, traced { arguments.append(trace.path) }
    try? FileManager.default.removeItem(at: log)
    try ExternalTool.run(executable.path, arguments, in: runFolder, log: log)
    let text = try FileIO.read(outputs)
    let result = try VectorText.parse(
      text, widths: manifest.outputs.map(\.width), count: vectors.count, source: "verilator")
    let logText = (try? FileIO.read(log)) ?? ""
    func field(_ key: String) -> Substring? {
      logText.split(whereSeparator: { $0 == " " || $0.isNewline }).first { $0.hasPrefix(key) }?
        .dropFirst(key.count)
    }
    let seconds = field("seconds=").flatMap { Double($0) } ?? 0
    let cycles = field("cycles=").flatMap { Int($0) } ?? 0
    return (result, seconds, cycles)
  }
}

/// Builds ``VerilatorModel``s: `verilator --cc --exe` then `make` with the chosen C++
/// optimisation, in a folder named by the content hash of everything that affects the
/// result (design files, harness, port bindings, flags, Verilator version). An existing
/// complete folder is reused; a new one is built under a temporary name and renamed, so a
/// half-built folder is never taken for a cached one.
public enum VerilatorBuild {
  /// What `verilator --version` prints: part of the cache key, so replacing the Verilator at
  /// the same path (an upgrade) rebuilds instead of reusing a model it did not build.
  static func version(of verilator: String, in cache: URL) throws(CosimError) -> String {
    let log = cache.appendingPathComponent("version-\(UUID().uuidString.prefix(8)).log")
    try FileIO.makeFolder(cache)
    defer { try? FileManager.default.removeItem(at: log) }
    try ExternalTool.run(verilator, ["--version"], in: cache, log: log)
    return try FileIO.read(log).split(separator: "\n").dropFirst().joined(separator: " ")
  }

  /// Builds (or reuses) the model of `target`; `nodes` sizes ``OptimizationLevel/auto``.
  package static func build(
    _ target: SimulationTarget, nodes: Int, options: VerilatorOptions
  ) throws(CosimError) -> VerilatorModel {
    guard let verilator = try ExternalTool.locate("verilator", environmentVariable: "VERILATOR")
    else { throw .verilatorNotFound }
    guard let make = try ExternalTool.locate("make") else {
      throw .commandFailed(command: "make", status: 127, log: "make is not on PATH")
    }
    // Verilator's makefiles stop in a folder whose path has a blank; say so before building.
    let cachePath = options.cacheDirectory.standardizedFileURL.path
    if cachePath.contains(where: \.isWhitespace) {
      throw .io(
        "cannot build with Verilator in '\(cachePath)': GNU make cannot build in a folder "
          + "whose path contains a space; set BITTRUE_CACHE (or --cache) to a folder without one")
    }
    let level = options.optimization.resolved(nodes: nodes)
    let top = target.manifest.module
    let sources = sourceFiles(target)
    let verilatorArguments = arguments(target, level: level, trace: options.trace, nodes: nodes)
    let makeArguments = [
      "-C", "obj", "-f", "V\(top).mk", "-j", "\(options.jobs)",
      "OPT_FAST=-\(level.rawValue)", "OPT_SLOW=-\(level.rawValue)", "OPT_GLOBAL=-\(level.rawValue)",
    ]
    var key = "verilator \(verilator) \(try version(of: verilator, in: options.cacheDirectory))\n"
    key += verilatorArguments.joined(separator: " ") + "\n"
    key += makeArguments.dropFirst(6).joined(separator: " ") + "\n"
    for file in sources { key += "== \(file.name)\n\(file.text)" }
    let hash = ContentHash.sha256(key)
    let folder = options.cacheDirectory.appendingPathComponent(String(hash.prefix(24)))
    let done = folder.appendingPathComponent("obj/sim")
    func model(_ seconds: Double, cached: Bool) -> VerilatorModel {
      VerilatorModel(
        folder: folder, manifest: target.manifest, buildSeconds: seconds, cached: cached,
        traced: options.trace, optimization: level)
    }
    if FileManager.default.isExecutableFile(atPath: done.path) { return model(0, cached: true) }

    let temporary = options.cacheDirectory.appendingPathComponent(
      "tmp-\(hash.prefix(12))-\(UUID().uuidString.prefix(8))")
    ChildProcesses.removeOnInterrupt(temporary)
    defer {
      try? FileManager.default.removeItem(at: temporary)
      ChildProcesses.forget(temporary)
    }
    for file in sources {
      try FileIO.write(file.text, to: temporary.appendingPathComponent("src/\(file.name)"))
    }
    let script =
      "#!/bin/sh\n# Rebuilds this simulation from src/ (run from this folder).\nset -e\n"
      + ExternalTool.commandLine("verilator", verilatorArguments) + "\n"
      + ExternalTool.commandLine("make", makeArguments) + "\n"
    try FileIO.write(script, to: temporary.appendingPathComponent("build.sh"), executable: true)
    let log = temporary.appendingPathComponent("build.log")
    let start = Date()
    do throws(CosimError) {
      try ExternalTool.run(verilator, verilatorArguments, in: temporary, log: log)
      try ExternalTool.run(make, makeArguments, in: temporary, log: log)
    } catch {
      // An interrupted build is removed (the deferred removal above), not kept as failed.
      if error == .interrupted { throw error }
      // Keep the failed build for inspection under a stable name.
      let failed = options.cacheDirectory.appendingPathComponent("failed-\(hash.prefix(24))")
      try? FileManager.default.removeItem(at: failed)
      try? FileManager.default.moveItem(at: temporary, to: failed)
      if case .commandFailed(let command, let status, _) = error {
        throw .commandFailed(
          command: command, status: status, log: failed.appendingPathComponent("build.log").path)
      }
      throw error
    }
    let seconds = Date().timeIntervalSince(start)
    do {
      try FileManager.default.moveItem(at: temporary, to: folder)
    } catch {
      // Another process finished the same build first: use it.
      guard FileManager.default.isExecutableFile(atPath: done.path) else {
        throw .io("cannot move the build into \(folder.path): \(FileIO.reason(for: error))")
      }
    }
    return model(seconds, cached: false)
  }

  /// The Verilator command line (run from the build folder).
  static func arguments(
    _ target: SimulationTarget, level: OptimizationLevel, trace: Bool, nodes: Int
  ) -> [String] {
    var args = [
      "--cc", "--exe", "--Mdir", "obj", "--top-module", target.manifest.module, "-o", "sim",
      // 5.006 computes wrong results on gate netlists with this optimisation enabled.
      "-fno-const-bit-op-tree",
      "--x-assign", "0", "--x-initial", "0",
      "-CFLAGS", "-I../src",
    ]
    if trace { args += ["--trace", "-CFLAGS", "-DBT_TRACE"] }
    if nodes >= OptimizationLevel.autoThreshold {
      args += ["--output-split", "20000", "--output-split-cfuncs", "20000"]
    }
    args += target.files.map { "src/\($0.name)" }
    args.append("src/harness.cpp")
    return args
  }

  /// Design files, the harness and its common headers, and the generated port bindings.
  static func sourceFiles(_ target: SimulationTarget) -> [SourceFile] {
    var files = target.files
    for name in HarnessSources.files.keys.sorted() {
      files.append(SourceFile(name: name, text: HarnessSources.files[name]! + "\n"))
    }
    files.append(SourceFile(name: "bt_ports.h", text: PortBindings.header(target.manifest)))
    return files
  }
}
