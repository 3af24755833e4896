import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// The Python interpreter that can `import torch, difflogic` (set by the developer; see
/// `tools/export_difflogic.py`). Without it this suite is skipped.
private let difflogicPython = ProcessInfo.processInfo.environment["BITTRUE_DIFFLOGIC_PYTHON"]

/// Builds two small difflogic nets, trains them a few steps, exports them with
/// `tools/export_difflogic.py`, and records difflogic's own eval-mode results.
private let script = """
  import json, sys
  import numpy as np, torch
  out, tools = sys.argv[1], sys.argv[2]
  sys.path.insert(0, tools)
  from difflogic import LogicLayer, GroupSum
  from export_difflogic import export
  torch.manual_seed(0)
  cases = [(12, [40, 30, 20], 4, 3.0, 'random'), (10, [12, 12], 2, 10.0, 'unique')]
  for n, (inputs, widths, k, tau, connections) in enumerate(cases):
      layers, previous = [], inputs
      for w in widths:
          layers.append(LogicLayer(previous, w, device='cpu', implementation='python',
                                   connections=connections))
          previous = w
      model = torch.nn.Sequential(*layers, GroupSum(k, tau, device='cpu'))
      x = torch.randint(0, 2, (300, inputs)).float()
      y = torch.randint(0, k, (300,))
      optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
      for _ in range(20):
          loss = torch.nn.functional.cross_entropy(model(x), y)
          optimizer.zero_grad(); loss.backward(); optimizer.step()
      model.eval()
      export(model, f'{out}/net{n}.json')
      with torch.no_grad():
          scores = model(x)
          counts = model[:-1](x).reshape(300, k, -1).sum(-1).round().int()
      json.dump({'inputs': x.int().tolist(), 'counts': counts.tolist(),
                 'score_bits': scores.numpy().view(np.uint32).tolist(),
                 'classes': scores.argmax(-1).tolist()}, open(f'{out}/expected{n}.json', 'w'))
  """

private struct Expected: Decodable {
  var inputs: [[UInt8]]
  var counts: [[Int32]]
  var score_bits: [[UInt32]]
  var classes: [Int]
}

@Suite(.enabled(if: difflogicPython != nil, "set BITTRUE_DIFFLOGIC_PYTHON to run"))
struct DifflogicCrossCheckTests {
  @Test func exportedNetsScoreExactlyAsDifflogicDoes() throws {
    let dir = Paths.temporaryDirectory("difflogic-cross")
    defer { try? FileManager.default.removeItem(at: dir) }
    let scriptURL = dir.appendingPathComponent("make_nets.py")
    try script.write(to: scriptURL, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: difflogicPython!)
    process.arguments = [
      scriptURL.path, dir.path, Paths.packageRoot.appendingPathComponent("tools").path,
    ]
    process.standardOutput = FileHandle.nullDevice  // difflogic 0.1.0 prints index dtypes
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    for n in 0..<2 {
      let net = try DiscreteLogicNet(
        interchangeJSON: Data(contentsOf: dir.appendingPathComponent("net\(n).json")))
      let expected = try JSONDecoder().decode(
        Expected.self, from: Data(contentsOf: dir.appendingPathComponent("expected\(n).json")))
      let packed = BitMatrix(sampleMajor: expected.inputs.flatMap { $0 }, features: net.inputs)
      let counts = net.counts(packed)
      let predicted = net.predict(packed)
      for s in 0..<expected.inputs.count {
        let mine = Array(counts[s * net.classes..<(s + 1) * net.classes])
        #expect(mine == expected.counts[s], "net \(n) sample \(s)")
        let scoreBits = mine.map { (Float($0) / net.tau).bitPattern }
        #expect(scoreBits == expected.score_bits[s], "net \(n) sample \(s) scores")
        #expect(predicted[s] == expected.classes[s], "net \(n) sample \(s) class")
      }
    }
  }
}
