import ArgumentParser
import BitTrue
import Cosim
import Foundation

/// `bittrue bnn export`: a model file ↔ its NumPy form (a folder of `.npy` arrays and a
/// manifest).
struct BnnExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a binarized net as NumPy arrays, or read such arrays back into a model file.",
    discussion: """
      --model M --out DIR writes DIR/manifest.json (format bittrue-bnn-npy) and per layer l \
      layer<l>_weights.npy (outputs × inputs, int8; int16 for int9…int16 weights) and, on \
      hidden layers, layer<l>_thresholds.npy (int64) and layer<l>_directions.npy (int8: 1 \
      fires when dot ≥ threshold, -1 when dot ≤ threshold, 0 always outputs the threshold, \
      0 or 1). Load them with numpy.load. DIR must be new, empty, or an output folder \
      bittrue wrote.

      --from DIR --out M.json reads such a folder back, strictly (every problem is a \
      one-line error naming the file), and writes the bittrue-bnn model file.

      Examples:
        bittrue bnn export --model out/model.json --out out/npy
        bittrue bnn export --from out/npy --out model.json
      """)

  @Option(help: "The model file to export (bittrue-bnn JSON).")
  var model: String?
  @Option(help: "A folder in the NumPy form to read back into a model file.")
  var from: String?
  @Option(help: "The output: a folder (with --model) or a model file (with --from).")
  var out: String

  func validate() throws {
    guard (model == nil) != (from == nil) else {
      throw ValidationError("give either --model FILE (export) or --from DIR (import)")
    }
  }

  func run() throws {
    if let model {
      let net = try BnnModelFile.load(model)
      let folder = try OutputFolder(out, command: "bittrue bnn export")
      let files: [(name: String, bytes: [UInt8])]
      do throws(BinarizedNetError) {
        files = try net.numpyFiles()
      } catch {
        throw CommandFailure(description: "\(model): \(error.description)")
      }
      for file in files { try folder.write(file.bytes, named: file.name) }
      try folder.commit()
      try StandardStreams.writeLine(
        "wrote \(files.count) files to \(out) (\(net.layers.count) layers, "
          + "\(net.classes) classes)")
      return
    }
    let folder = from!
    let net: BinarizedNet
    do throws(BinarizedNetError) {
      net = try BinarizedNet(
        numpyManifest: try Self.read(folder, BinarizedNet.numpyManifest),
        file: { name throws(BinarizedNetError) in try Self.read(folder, name) })
    } catch {
      throw CommandFailure(description: "\(folder)/\(error.description)")
    }
    try AtomicFileWriter.write(net.fileText(), to: out)
    try StandardStreams.writeLine(
      "wrote \(out) (\(net.layers.count) layers, \(net.classes) classes)")
  }

  /// The bytes of `folder/name`; a failure names the file (relative to the folder).
  private static func read(_ folder: String, _ name: String) throws(BinarizedNetError) -> [UInt8] {
    let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw .file("\(name): no such file")
    }
    guard !isFolder.boolValue else { throw .file("\(name): is a folder, not a file") }
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .file("\(name): cannot read the file: \(FileIO.reason(for: error))")
    }
  }
}
