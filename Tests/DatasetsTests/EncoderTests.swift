import Datasets
import Testing
import _TestSupport

/// Thermometer and raw-integer encoders against brute-force references.
@Suite struct EncoderTests {
  static func matrix(_ columns: [[Int32]]) -> IntMatrix {
    let rows = columns[0].count
    return IntMatrix(
      rows: rows, columns: columns.count, values: (0..<rows).flatMap { r in columns.map { $0[r] } })
  }

  @Test func uniformThresholdsSplitTheTrainingRangeEvenly() throws {
    let m = EncoderTests.matrix([[0, 16, 3, 9], [-7, -7, -7, -7], [5, 6, 5, 6]])
    let e = try ThermometerEncoder(fittedOn: m, thresholdsPerFeature: 3, placement: .uniform)
    #expect(e.thresholds == [4, 8, 12, -7, -7, -7, 5, 5, 5])
    #expect(e.inputBitCount == 9)
    let bits = e.encode(m)
    #expect(
      bits.sampleMajorBytes() == [
        0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 1, 0, 0, 0, 1, 1, 1,
        0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 0, 0, 0, 0, 1, 1, 1,
      ])
  }

  @Test func quantileThresholdsAreTrainingOrderStatistics() throws {
    let m = EncoderTests.matrix([[9, 1, 5, 3, 7, 2, 8, 4, 6, 0]])
    let e = try ThermometerEncoder(fittedOn: m, thresholdsPerFeature: 4, placement: .quantile)
    // n = 10, k = 4: ranks ⌊10j/5⌋ = 2, 4, 6, 8 of 0…9.
    #expect(e.thresholds == [2, 4, 6, 8])
  }

  /// Random matrices against the definitions: uniform bits from the unrounded threshold
  /// compared in integers (x·(k+1) > lo·(k+1) + span·j), quantile thresholds from a full sort;
  /// one wide column forces the sort path of the order statistics and the others the
  /// histogram path.
  @Test(arguments: [1, 2, 3, 7, 64])
  func randomMatricesMatchTheDefinitions(k: Int) throws {
    var rng = SeededRandom(seed: 0x7E57 &+ UInt64(k))
    let rows = 37
    let spans: [ClosedRange<Int32>] = [
      0...0, 0...1, 0...16, -50...50, -1_000_000_000...1_000_000_000, 0...255,
    ]
    let train = EncoderTests.matrix(
      spans.map { s in (0..<rows).map { _ in Int32.random(in: s, using: &rng) } })
    let test = EncoderTests.matrix(
      spans.map { s in (0..<11).map { _ in Int32.random(in: s, using: &rng) } })
    for placement in ThresholdPlacement.allCases {
      let e = try ThermometerEncoder(fittedOn: train, thresholdsPerFeature: k, placement: placement)
      for (f, _) in spans.enumerated() {
        let column = train.column(f).map(Int64.init)
        let sorted = column.sorted()
        for j in 1...k {
          let t = Int64(e.thresholds[f * k + j - 1])
          if placement == .quantile { #expect(t == sorted[j * rows / (k + 1)]) }
          if j > 1 { #expect(t >= Int64(e.thresholds[f * k + j - 2]), "thresholds ascend") }
        }
        for samples in [train, test] {
          let bits = e.encode(samples)
          for r in 0..<samples.rows {
            let x = Int64(samples[r, f])
            for j in 1...k {
              let expected: Bool
              switch placement {
              case .uniform:
                let lo = column.min()!
                let span = column.max()! - lo
                expected = x * Int64(k + 1) > lo * Int64(k + 1) + span * Int64(j)
              case .quantile:
                expected = x > sorted[j * rows / (k + 1)]
              }
              #expect(bits[r, f * k + j - 1] == expected, "f \(f) row \(r) j \(j) \(placement)")
            }
          }
        }
      }
    }
  }

  @Test func thresholdCountIsChecked() {
    let m = EncoderTests.matrix([[1, 2]])
    #expect(
      errorMessage {
        _ = try ThermometerEncoder(fittedOn: m, thresholdsPerFeature: 0, placement: .uniform)
      }
        == "thresholds per feature must be 1...1024 (got 0)")
  }

  @Test func rawWidthsAreMinimalAndSufficient() {
    let columns: [[Int32]] = [
      [0, 255], [0, 16], [-3, 2], [0, 0], [-1, -1], [-4, 3], [5, 9], [Int32.min, Int32.max],
    ]
    let e = RawIntegerEncoder(covering: [EncoderTests.matrix(columns)])
    #expect(e.bitWidths == [8, 5, 3, 1, 1, 3, 4, 32])
    #expect(e.isSigned == [false, false, true, false, true, true, false, true])
    #expect(e.inputBitCount == 57)
    for (c, values) in columns.enumerated() {
      let w = e.bitWidths[c]
      func fits(_ v: Int32, _ width: Int) -> Bool {
        e.isSigned[c]
          ? Int64(v) >= -(Int64(1) << (width - 1)) && Int64(v) < Int64(1) << (width - 1)
          : Int64(v) < Int64(1) << width
      }
      #expect(values.allSatisfy { fits($0, w) })
      if w > 1 { #expect(!values.allSatisfy { fits($0, w - 1) }) }
    }
  }

  @Test func fittedEncoderUsesTrainingForThresholdsAndBothSplitsForWidths() throws {
    let dir = TempFolder()
    let rows = (0..<20).map { "\($0 * 3),\($0 % 2)" }.joined(separator: "\n")
    let path = try dir.write("lin.csv", "x,label\n" + rows + "\n")
    let data = try DatasetLoader.load(DatasetRequest(source: path, dataDirectory: "."))
    let raw = try FittedEncoder(.raw, fittedOn: data)
    #expect(raw.inputBitCount == 6)  // 57 fits in 6 bits
    guard case .integers(let m) = raw.encode(data.test.inputs) else {
      Issue.record("raw encoding gives integers")
      return
    }
    #expect(m == data.test.inputs)
    let thermometer = try FittedEncoder(
      .thermometer(thresholds: 2, placement: .uniform), fittedOn: data)
    #expect(thermometer.inputBitCount == 2)
    guard case .thermometer(let e) = thermometer else {
      Issue.record("thermometer encoder expected")
      return
    }
    let lo = data.train.inputs.values.min()!
    let hi = data.train.inputs.values.max()!
    #expect(e.thresholds == [lo + (hi - lo) / 3, lo + 2 * (hi - lo) / 3])
  }
}
