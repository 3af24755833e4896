import NetlistIR

/// The vector files the harnesses read and write: one sample per line, one hex value per
/// port (⌈width/4⌉ digits, most significant first), separated by single spaces.
package enum VectorText {
  /// The text of `vectors` (each one value per port), one line per vector.
  package static func format(_ vectors: [[BitVector]]) -> String {
    var out = ""
    for vector in vectors {
      out += vector.map(\.hexDigits).joined(separator: " ")
      out += "\n"
    }
    return out
  }

  /// Parses `text` written by simulator `source` for ports of `widths`; expects `count`
  /// lines.
  package static func parse(
    _ text: String, widths: [Int], count: Int, source: String
  ) throws(CosimError) -> [[BitVector]] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    guard lines.count == count else {
      throw .badSimulatorOutput(
        source: source, line: lines.count, "expected \(count) lines, found \(lines.count)")
    }
    var result: [[BitVector]] = []
    result.reserveCapacity(count)
    for (i, line) in lines.enumerated() {
      let fields = line.split(separator: " ")
      guard fields.count == widths.count else {
        throw .badSimulatorOutput(
          source: source, line: i + 1, "expected \(widths.count) values, found \(fields.count)")
      }
      var vector: [BitVector] = []
      for (field, width) in zip(fields, widths) {
        guard let value = BitVector(hexDigits: field, width: width) else {
          throw .badSimulatorOutput(source: source, line: i + 1, "bad value '\(field)'")
        }
        vector.append(value)
      }
      result.append(vector)
    }
    return result
  }
}
