import Cosim
import Foundation
import Synchronization

/// Standard input, output and error for every command, with checked writes and reads.
///
/// Output goes straight to the file descriptors with `write(2)` (no `FileHandle`, whose
/// non-throwing `write` traps on a full disk or a closed descriptor, and no unchecked stdio
/// buffer). A failed write of standard output is an error of the command, so output lost
/// to a full disk (`> /dev/full`) or a closed descriptor (`>&-`) never ends with exit status
/// 0. Writes to standard error (progress, logs) are best effort: their failure is ignored.
///
/// ``prepare()`` runs before anything else: a closed descriptor 0, 1 or 2 is re-opened on
/// `/dev/null`, so no file the command opens later takes its number, and is remembered as
/// closed, so that reading standard input or writing standard output then fails cleanly.
enum StandardStreams {
  /// A failed read of standard input or write of standard output.
  struct Failure: Error, CustomStringConvertible {
    /// `standard output` or `standard input`.
    let stream: String
    /// What went wrong, in words.
    let reason: String

    var description: String { "\(stream): \(reason)" }
  }

  /// Which standard descriptors were closed when the process started.
  private struct Closed {
    var input = false
    var output = false
  }

  private static let closed = Mutex(Closed())

  /// Reserves closed standard descriptors (see the type's documentation). Call first.
  static func prepare() {
    let input = reserve(STDIN_FILENO, flags: O_RDONLY)
    let output = reserve(STDOUT_FILENO, flags: O_WRONLY)
    _ = reserve(STDERR_FILENO, flags: O_WRONLY)
    closed.withLock { $0 = Closed(input: input, output: output) }
  }

  /// Whether `descriptor` was closed; if so it is re-opened on `/dev/null`.
  private static func reserve(_ descriptor: Int32, flags: Int32) -> Bool {
    guard fcntl(descriptor, F_GETFD) == -1 else { return false }
    let opened = open("/dev/null", flags)
    if opened >= 0 && opened != descriptor {
      dup2(opened, descriptor)
      close(opened)
    }
    return true
  }

  /// Writes `text` to standard output, all of it, or throws.
  static func write(_ text: String) throws(Failure) {
    if closed.withLock({ $0.output }) {
      throw Failure(stream: "standard output", reason: "closed")
    }
    if let code = writeAll(Array(text.utf8), to: STDOUT_FILENO) {
      throw Failure(stream: "standard output", reason: FileIO.reason(errno: code))
    }
  }

  /// Writes `line` and a line break to standard output, or throws.
  static func writeLine(_ line: String = "") throws(Failure) {
    try write(line + "\n")
  }

  /// Writes `text` to standard error; failures are ignored (there is nowhere to report them).
  static func writeError(_ text: String) {
    _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
  }

  /// Reads standard input to its end, or throws (a closed descriptor, a folder, an I/O error).
  static func readInput() throws(Failure) -> Data {
    if closed.withLock({ $0.input }) {
      throw Failure(stream: "standard input", reason: "closed")
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[..<count])
      } else if count == 0 {
        return data
      } else if errno != EINTR {
        let code = errno
        let reason = code == EISDIR ? "is a folder, not a file" : FileIO.reason(errno: code)
        throw Failure(stream: "standard input", reason: reason)
      }
    }
  }

  /// Flushes anything written through the C library's buffered `stdout` (ArgumentParser's
  /// help text; `fflush(NULL)` flushes every C stream) and reports whether any of it was
  /// lost. Call before exiting.
  static func finish() throws(Failure) {
    if fflush(nil) != 0 {
      throw Failure(stream: "standard output", reason: FileIO.reason(errno: errno))
    }
  }

  /// Writes every byte of `bytes` to `descriptor`; the `errno` of a failure, or `nil`.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written >= 0 {
        offset += written
      } else if errno == EAGAIN {
        var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&request, 1, -1)
      } else if errno != EINTR {
        return errno
      }
    }
    return nil
  }
}
