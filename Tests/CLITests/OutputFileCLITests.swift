import Foundation
import Testing
import _TestSupport

/// Writing one output file never replaces what the path names by something else (issue
/// 11): FIFOs and devices are written through, symbolic links keep pointing at their
/// (rewritten) target, an overwritten file keeps its mode and hard links, and a missing
/// folder or an empty path is an error.
@Suite struct OutputFileCLITests {
  /// A folder with the tiny net, its input CSV and the design; `eval` writes `--scores`.
  private func folder() throws -> URL { try ShellCLI.fixtureFolder() }

  private func scores(to path: String, in dir: URL) throws -> CLI.Result {
    try CLI.run(
      ["logic", "eval", "--model", "net.json", "--inputs", "x.csv", "--scores", path],
      currentDirectory: dir)
  }

  private static let expectedScores = "count0,count1,class\n"

  private func fileType(_ path: String) throws -> FileAttributeType? {
    try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
  }

  @Test func aFIFOIsWrittenThrough() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o644) == 0)
    // This test holds the read end open (without blocking), so the command's open succeeds
    // and what it writes waits in the pipe's buffer.
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    #expect(reader >= 0)
    defer { close(reader) }
    let r = try scores(to: fifo, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try fileType(fifo) != .typeRegular)
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(reader, &buffer, buffer.count)
    let copied = String(decoding: buffer[..<max(count, 0)], as: UTF8.self)
    #expect(copied.hasPrefix(Self.expectedScores) && copied.split(separator: "\n").count == 3)
  }

  @Test func aDeviceIsWrittenThroughAndAFullOneFails() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let link = dir.appendingPathComponent("null").path
    // Through a link, so a regression would replace the link, not the system's /dev/null.
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/null")
    let r = try scores(to: link, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/dev/null")
    #expect(try fileType("/dev/null") == .typeCharacterSpecial)
    let full = dir.appendingPathComponent("full").path
    try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: "/dev/full")
    let failed = try scores(to: full, in: dir)
    #expect(failed.status == 1)
    #expect(failed.stderr == "Error: \(full): cannot write: no space left on device\n")
  }

  @Test func aSymbolicLinkKeepsPointingAtItsRewrittenTarget() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("target.csv").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
    // A relative link: it resolves against the link's folder, not the current one.
    let link = dir.appendingPathComponent("link.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
    let r = try scores(to: link, in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
    #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix(Self.expectedScores))
    // A dangling link creates its target.
    let dangling = dir.appendingPathComponent("dangling.csv").path
    try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "new.csv")
    #expect(try scores(to: dangling, in: dir).status == 0)
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("new.csv").path))
  }

  @Test func anOverwrittenFileKeepsItsModeAndHardLinks() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("scores.csv").path
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
    #expect(chmod(path, 0o640) == 0)
    #expect(try scores(to: path, in: dir).status == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    let other = dir.appendingPathComponent("other-name.csv").path
    #expect(link(path, other) == 0)
    try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
    let r = try CLI.run(
      ["logic", "eval", "--model", "net.json", "--inputs", "x.csv", "--scores", other],
      currentDirectory: dir)
    #expect(r.status == 0)
    let both = try [path, other].map { try String(contentsOfFile: $0, encoding: .utf8) }
    #expect(both[0] == both[1] && both[0].hasPrefix(Self.expectedScores))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      .filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
  }

  @Test func aMissingFolderOrAnEmptyPathIsAnError() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let typo = try scores(to: "a/b/c.csv", in: dir)
    #expect(typo.status == 1)
    #expect(typo.stderr == "Error: a/b/c.csv: cannot write: folder a/b does not exist\n")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("a").path))
    let empty = try scores(to: "", in: dir)
    #expect(empty.status == 1)
    #expect(empty.stderr == "Error: an output path is empty\n")
    let export = try CLI.run(
      ["logic", "export", "--model", "net.json", "--out", ""], currentDirectory: dir)
    #expect(export.stderr == "Error: an output path is empty\n")
    let opt = try CLI.run(["netlist", "opt", "design.nl", "--out", "."], currentDirectory: dir)
    #expect(opt.stderr == "Error: .: cannot write: is a folder\n")
  }
}
