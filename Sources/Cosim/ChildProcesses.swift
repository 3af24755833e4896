import Foundation
import Synchronization

/// The external programs Cosim runs (Verilator, make and the C++ compiler under it, the
/// simulator, Icarus), each started in a process group of its own so that an interrupted
/// command can stop a whole build — `make` and every `g++` it started — and leave no
/// orphans.
///
/// Children start with the default signal dispositions and an empty signal mask (the CLI
/// ignores SIGINT and SIGTERM itself, and ignored signals would otherwise be inherited).
/// After ``interrupt()`` no new child starts and running ones are stopped; ``run(_:_:in:output:)``
/// then throws ``CosimError/interrupted`` so callers unwind and remove their temporary
/// folders.
package enum ChildProcesses {
  private struct State {
    var interrupted = false
    var groups: Set<pid_t> = []
    var temporaryPaths: Set<String> = []
  }

  private static let state = Mutex(State())

  /// Seconds between SIGTERM and SIGKILL when stopping children.
  static let gracePeriod: UInt32 = 1

  /// Whether ``interrupt()`` was called.
  package static var isInterrupted: Bool { state.withLock { $0.interrupted } }

  /// The temporary folders Cosim is filling (a Verilator build before it is renamed into the
  /// cache): an interrupted command that cannot wait for Cosim to unwind removes them.
  package static var temporaryPaths: Set<String> { state.withLock { $0.temporaryPaths } }

  /// Lists `url` in ``temporaryPaths`` until ``forget(_:)``.
  static func removeOnInterrupt(_ url: URL) {
    _ = state.withLock { $0.temporaryPaths.insert(url.path) }
  }

  /// Takes `url` off ``temporaryPaths``.
  static func forget(_ url: URL) {
    _ = state.withLock { $0.temporaryPaths.remove(url.path) }
  }

  /// Stops every running child's process group (SIGTERM, then SIGKILL after
  /// ``gracePeriod`` seconds) and refuses to start new ones. Returns whether any child was
  /// running, so the caller can give the interrupted command time to unwind.
  @discardableResult
  package static func interrupt() -> Bool {
    let groups = state.withLock { state in
      state.interrupted = true
      return state.groups
    }
    guard !groups.isEmpty else { return false }
    for group in groups { kill(-group, SIGTERM) }
    sleep(gracePeriod)
    for group in groups { kill(-group, SIGKILL) }
    return true
  }

  /// Runs `executable` with `arguments` (no shell) in `directory`, its standard output and
  /// error on the open descriptor `output` and its standard input on `/dev/null`, in a new
  /// process group; waits for it and returns its exit status (128 + the signal number when
  /// a signal ended it).
  static func run(
    _ executable: String, _ arguments: [String], in directory: URL, output: Int32
  ) throws(CosimError) -> Int32 {
    if isInterrupted { throw .interrupted }
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
      posix_spawn_file_actions_destroy(&actions)
      posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, output, STDOUT_FILENO)
    posix_spawn_file_actions_adddup2(&actions, output, STDERR_FILENO)
    guard addChdir(&actions, directory.path) == 0 else {
      throw .io("cannot run \(executable): cannot change into \(directory.path)")
    }
    var defaults = sigset_t()
    sigfillset(&defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    var argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, environ)
    guard spawned == 0 else {
      throw .io("cannot run \(executable): \(FileIO.reason(errno: spawned))")
    }
    let interrupted = state.withLock { state in
      state.groups.insert(pid)
      return state.interrupted
    }
    // An interrupt that came between the spawn and the registration did not see this child.
    if interrupted { kill(-pid, SIGKILL) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    _ = state.withLock { $0.groups.remove(pid) }
    if isInterrupted { throw .interrupted }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+), which Swift's Glibc module does
  /// not import, looked up at run time; without it the child would start in this process's
  /// folder.
  private static func addChdir(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String
  ) -> Int32 {
    typealias AddChdir =
      @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
      -> Int32
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np")
    else { return ENOSYS }
    return unsafeBitCast(symbol, to: AddChdir.self)(actions, path)
  }
}
