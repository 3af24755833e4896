import BitTrue
import Foundation

/// `logic eval --inputs` in NumPy form: recognising a `.npy` file and reading it for a net.
enum EvalSamples {
  /// Whether `path` names a `.npy` file: by its extension, or by its first bytes.
  static func isNPY(_ path: String) throws -> Bool {
    if path.lowercased().hasSuffix(".npy") { return true }
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: BinarySampleNPY.magic.count)) ?? Data()
    return BinarySampleNPY.hasMagic(Array(head))
  }

  /// The samples of a `.npy` file, which must have `width` inputs per sample.
  static func readNPY(_ path: String, width: Int) throws -> BinarySampleNPY {
    let npy: BinarySampleNPY
    do {
      npy = try BinarySampleNPY.read(path)
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
    guard npy.featureCount == width else {
      throw CommandFailure(
        description:
          "\(path): shape (\(npy.count), \(npy.featureCount)): the net has \(width) inputs")
    }
    return npy
  }
}

/// What `logic eval` reports about speed: the time until the net could run and the rate of
/// the evaluation itself.
struct EvalSpeed {
  var readySeconds: Double
  var evaluationSeconds: Double
  var imagesPerSecond: Double
  var gateEvalsPerSecond: Double
  var threads: Int
  /// The kernels that ran (``LogicKernelPath/best``).
  var kernels: String

  init(ready: Duration, evaluation: Duration, samples: Int, gates: Int, threads: Int) {
    func seconds(_ d: Duration) -> Double {
      Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    readySeconds = seconds(ready)
    evaluationSeconds = seconds(evaluation)
    let rate = Double(samples) / max(evaluationSeconds, 1e-9)
    imagesPerSecond = rate
    gateEvalsPerSecond = rate * Double(gates)
    self.threads = threads
    kernels = "\(LogicKernelPath.best)"
  }

  /// `ready in: …` and `throughput: …`.
  var lines: [String] {
    [
      String(format: "ready in: %.3f s (lower, optimise, bit-blast, compile)", readySeconds),
      String(
        format: "throughput: %.3g images/s, %.3g gate-evals/s (%.3f ms, %@ kernels, %d thread%@)",
        imagesPerSecond, gateEvalsPerSecond, evaluationSeconds * 1e3, kernels, threads,
        threads == 1 ? "" : "s"),
    ]
  }
}
