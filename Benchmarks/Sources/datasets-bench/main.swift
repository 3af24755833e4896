// Datasets benchmarks (release only): gzip decoding, IDX and CSV loading, thermometer
// encoding and SHA-256, each against a baseline measured in the same run.
// Usage: datasets-bench [DATA_DIR]   (default: $BITTRUE_DATA, else ../../shared/data)
import BitTrue
import Foundation

let env = ProcessInfo.processInfo.environment
let dataDir =
  CommandLine.arguments.dropFirst().first ?? env["BITTRUE_DATA"] ?? "../../shared/data"

/// CPU time of this process so far, in seconds (the box is shared, so CPU time is the
/// steadier measure; wall time is reported beside it).
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Median CPU time of `runs` calls of `body`, in seconds.
func time(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
  var samples: [Double] = []
  for _ in 0..<runs {
    let start = cpuSeconds()
    try body()
    samples.append(cpuSeconds() - start)
  }
  return samples.sorted()[runs / 2]
}

/// Median CPU time (user + system) of a command run as a child process, in seconds.
func timeCommand(_ arguments: [String], runs: Int = 5) throws -> Double {
  var samples: [Double] = []
  for _ in 0..<runs {
    var before = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &before)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    precondition(p.terminationStatus == 0, "\(arguments) failed")
    var after = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &after)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    samples.append(
      seconds(after.ru_utime) + seconds(after.ru_stime) - seconds(before.ru_utime)
        - seconds(before.ru_stime))
  }
  return samples.sorted()[runs / 2]
}

func report(_ name: String, _ seconds: Double, bytes: Int? = nil) {
  let rate = bytes.map { String(format: ", %.0f MB/s", Double($0) / seconds / 1e6) } ?? ""
  let padded = name.padding(toLength: 60, withPad: " ", startingAt: 0)
  print(padded + String(format: "%8.1f ms CPU", seconds * 1e3) + rate)
}

let imagesPath = dataDir + "/mnist/train-images-idx3-ubyte.gz"
let compressed = try FileBytes.readRaw(imagesPath)
var decompressed: [UInt8] = []
let tGunzip = try time { decompressed = try Gzip.decompress(compressed, source: imagesPath) }
report("gunzip train-images (Swift over zlib)", tGunzip, bytes: decompressed.count)
let pyScript =
  "import gzip,sys,time\nd=open(sys.argv[1],'rb').read()\nts=[]\n"
  + "for _ in range(5):\n t=time.process_time();gzip.decompress(d);ts.append(time.process_time()-t)\n"
  + "print(sorted(ts)[2])"
let pyOut = Pipe()
let py = Process()
py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
py.arguments = ["python3", "-c", pyScript, imagesPath]
py.standardOutput = pyOut
try py.run()
py.waitUntilExit()
let tZlib = Double(
  String(decoding: pyOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    .trimmingCharacters(in: .whitespacesAndNewlines))!
report("gunzip train-images (Python gzip.decompress = zlib)", tZlib, bytes: decompressed.count)
report(
  "gzip -dc train-images > /dev/null (process, incl. startup)",
  try timeCommand(["gzip", "-dc", imagesPath]),
  bytes: decompressed.count)
print(String(format: "ratio Swift / zlib: %.2f", tGunzip / tZlib))

let tSHA = time(3) { _ = SHA256.hash(decompressed) }
report("SHA-256 of 47 MB", tSHA, bytes: decompressed.count)
precondition(
  SHA256.hash(decompressed).map { String(format: "%02x", $0) }.joined()
    == "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", "MNIST hash")
let rawPath = NSTemporaryDirectory() + "bittrue-bench-mnist-raw"
try Data(decompressed).write(to: URL(fileURLWithPath: rawPath))
report(
  "sha256sum of 47 MB (process, incl. startup)",
  try timeCommand(["sha256sum", rawPath], runs: 3), bytes: decompressed.count)
try FileManager.default.removeItem(atPath: rawPath)

let tIDX = time { _ = try! IDXReader.parse(decompressed, source: imagesPath) }
report("IDX parse train-images to a byte matrix", tIDX, bytes: decompressed.count)

var mnist: Dataset!
let tLoad = try time(3) {
  mnist = try DatasetLoader.load(DatasetRequest(source: "mnist", dataDirectory: dataDir))
}
report("load mnist (4 files: read, gunzip, parse)", tLoad)

for (k, placement) in [(1, ThresholdPlacement.uniform), (3, .uniform), (3, .quantile)] {
  var encoder: ThermometerEncoder!
  let tFit = try time(3) {
    encoder = try ThermometerEncoder(
      fittedOn: mnist.train.inputs, thresholdsPerFeature: k, placement: placement)
  }
  report("fit \(k) \(placement) thresholds, 60k x 784", tFit)
  let tEncode = time(3) { _ = encoder.encode(mnist.train.inputs) }
  report("thermometer encode 60k x 784 x \(k)", tEncode)
}

let tAdult = try time(3) {
  _ = try DatasetLoader.load(DatasetRequest(source: "adult", dataDirectory: dataDir))
}
report("load adult (3.4 MB CSV, one-hot, split)", tAdult, bytes: 3_396_202)
let tDigits = try time(5) {
  _ = try DatasetLoader.load(DatasetRequest(source: "digits", dataDirectory: dataDir))
}
report("load digits (265 KB CSV, split)", tDigits, bytes: 265_358)
