import Datasets
import Testing

/// The `NN.NN%` rounding rule.
@Suite struct AccuracyTests {
  @Test func knownValues() {
    let cases: [(Int, Int, String)] = [
      (0, 0, "0.00%"), (0, 7, "0.00%"), (1, 3, "33.33%"), (2, 3, "66.67%"), (1, 8, "12.50%"),
      (1, 32, "3.13%"), (9999, 10000, "99.99%"), (59999, 60000, "100.00%"),
      (10000, 10000, "100.00%"), (1, 20000, "0.01%"), (1, 20001, "0.00%"),
    ]
    for (correct, total, text) in cases {
      #expect(Accuracy(correct: correct, total: total).percentText == text, "\(correct)/\(total)")
    }
    #expect(Accuracy(predictions: [1, 2, 3, 4], labels: [1, 0, 3, 0]).percentText == "50.00%")
  }

  /// Every ratio with up to 300 samples against a separately written rule: whole hundredths
  /// plus a remainder, rounded up when the remainder is at least half.
  @Test func matchesRemainderRuleExhaustively() {
    for total in 1...300 {
      for correct in 0...total {
        let scaled = correct * 10_000
        var hundredths = scaled / total
        if 2 * (scaled - hundredths * total) >= total { hundredths += 1 }
        let text = "\(hundredths / 100)." + String(format2: hundredths % 100) + "%"
        #expect(Accuracy(correct: correct, total: total).percentText == text)
      }
    }
  }
}

extension String {
  /// Two decimal digits, zero-padded.
  fileprivate init(format2 value: Int) {
    self = value < 10 ? "0\(value)" : "\(value)"
  }
}
