import Foundation
import _TestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `bittrue` with arguments given as raw bytes (so they can be invalid UTF-8, which
/// `Process` cannot pass), in a given working folder, with a virtual-memory limit and a
/// wall-clock limit, and reports how it ended: exit status or signal, CPU time and output.
enum RawCLI {
  /// How one run ended.
  struct Outcome: Sendable {
    /// The exit status, or `nil` when a signal ended the process.
    var status: Int32?
    /// The signal that ended the process, or `nil`.
    var signal: Int32?
    /// Killed for running past the wall-clock limit.
    var timedOut: Bool
    /// User plus system CPU time, in seconds.
    var cpuSeconds: Double
    /// Everything written to standard output.
    var stdout: Data
    /// Everything written to standard error.
    var stderr: Data
  }

  /// The virtual memory one run may map (`ulimit -v`, KiB): an allocation sized by a flag
  /// fails (and must be refused before) instead of taking the machine's memory.
  static let memoryLimitKiB = 4 << 20

  /// Runs `bittrue arguments` in `folder` with `stdin` as its standard input; `io` is a
  /// folder (not `folder`) for the captured streams. Kills it after `wallLimit` seconds.
  static func run(
    _ arguments: [[UInt8]], in folder: URL, io: URL, stdin: Data = Data(),
    environment: [String: String], wallLimit: Double = 60
  ) throws -> Outcome {
    let inPath = io.appendingPathComponent("stdin").path
    let outPath = io.appendingPathComponent("stdout").path
    let errPath = io.appendingPathComponent("stderr").path
    try stdin.write(to: URL(fileURLWithPath: inPath))
    // sh applies the limits and the folder, then becomes bittrue (exec), so the signal that
    // ends bittrue is the one wait4 reports.
    let script =
      "cd \"$1\" || exit 125; shift; ulimit -v \(memoryLimitKiB) || exit 125; "
      + "exec \"$0\" \"$@\""
    let argv: [[UInt8]] =
      [
        Array("/bin/sh".utf8), Array("-c".utf8), Array(script.utf8),
        Array(CLI.executable.path.utf8), Array(folder.path.utf8),
      ] + arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    let envp = env.map { Array("\($0.key)=\($0.value)".utf8) }
    let pid = try spawn(argv, environment: envp, stdin: inPath, stdout: outPath, stderr: errPath)
    var status: Int32 = 0
    var usage = rusage()
    let deadline = Date().addingTimeInterval(wallLimit)
    var timedOut = false
    while true {
      let reaped = wait4(pid, &status, WNOHANG, &usage)
      if reaped == pid { break }
      if reaped < 0 && errno != EINTR { throw RawCLIError(message: "wait4 failed: \(errno)") }
      if !timedOut && Date() > deadline {
        kill(pid, SIGKILL)
        timedOut = true
      }
      usleep(2000)
    }
    let signalled = (status & 0x7F) != 0
    return Outcome(
      status: signalled ? nil : (status >> 8) & 0xFF, signal: signalled ? status & 0x7F : nil,
      timedOut: timedOut,
      cpuSeconds: seconds(usage.ru_utime) + seconds(usage.ru_stime),
      stdout: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
      stderr: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
  }

  private static func seconds(_ t: timeval) -> Double {
    Double(t.tv_sec) + Double(t.tv_usec) / 1e6
  }

  /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later; Swift does not
  /// import it), or `nil`.
  private static let closeFrom:
    (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
      guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
        return nil
      }
      return unsafeBitCast(
        symbol,
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)
          .self)
    }()

  /// `posix_spawn` of `argv[0]` with the three standard streams opened from paths.
  private static func spawn(
    _ argv: [[UInt8]], environment: [[UInt8]], stdin: String, stdout: String, stderr: String
  ) throws -> pid_t {
    func cStrings(_ list: [[UInt8]]) -> [UnsafeMutablePointer<CChar>?] {
      list.map { bytes in
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
        p[bytes.count] = 0
        return p
      } + [nil]
    }
    let cArgv = cStrings(argv)
    let cEnv = cStrings(environment)
    defer { for p in cArgv + cEnv { p?.deallocate() } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // No other descriptor of the test process leaks into bittrue: a file another test is
    // writing and then executing would stay open for writing here (ETXTBSY there).
    _ = closeFrom?(&actions, 3)
    var pid: pid_t = 0
    let result = posix_spawn(&pid, cArgv[0]!, &actions, nil, cArgv, cEnv)
    guard result == 0 else { throw RawCLIError(message: "posix_spawn failed: \(result)") }
    return pid
  }
}

/// A failure of the test machinery itself (not of `bittrue`).
struct RawCLIError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
