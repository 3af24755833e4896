import Foundation

/// Timings of repeated calls: thread CPU time (what one core spent; robust on a shared
/// machine) and wall-clock time.
struct Timing {
  var bestCPU: Double
  var medianCPU: Double
  var bestWall: Double
  var medianWall: Double

  /// Runs `body` `repeats` times after one warm-up call.
  static func measure(repeats: Int, _ body: () -> Void) -> Timing {
    body()
    var cpu: [Double] = []
    var wall: [Double] = []
    for _ in 0..<repeats {
      let c0 = now(CLOCK_THREAD_CPUTIME_ID)
      let w0 = now(CLOCK_MONOTONIC)
      body()
      wall.append(now(CLOCK_MONOTONIC) - w0)
      cpu.append(now(CLOCK_THREAD_CPUTIME_ID) - c0)
    }
    cpu.sort()
    wall.sort()
    return Timing(
      bestCPU: cpu[0], medianCPU: cpu[cpu.count / 2], bestWall: wall[0],
      medianWall: wall[wall.count / 2])
  }

  static func now(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }
}

/// Facts about the machine and toolchain for the results file.
enum Machine {
  static var cpu: String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    let avx512 = flags.contains("avx512f") ? ", AVX-512" : ""
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let name = model.map { String($0.split(separator: ":", maxSplits: 1)[1]) } ?? "unknown CPU"
    return name.trimmingCharacters(in: .whitespaces) + " (\(cores) cores\(avx512))"
  }

  /// The 1-minute load average.
  static var loadAverage: String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
    return text.split(separator: " ").first.map(String.init) ?? "?"
  }

  /// The first line a tool prints for `--version`.
  static func version(_ tool: String) -> String {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool, "--version"]
    process.standardOutput = pipe
    process.standardError = pipe
    guard (try? process.run()) != nil else { return "\(tool): not found" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    return text.split(separator: "\n").first.map(String.init) ?? tool
  }
}
