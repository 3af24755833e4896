import BitCore
import NetlistIR

/// Seeded input vectors for cosimulation, drawn from ``CounterRNG`` (so a seed replays the
/// same vectors anywhere). A quarter of the values are edge cases: 0, all ones, the signed
/// minimum and maximum, and 1.
public enum VectorGenerator {
  /// `count` vectors for the inputs of `netlist`.
  public static func random(for netlist: Netlist, count: Int, seed: UInt64) -> [[BitVector]] {
    random(widths: netlist.inputs.map { netlist.width($0) }, count: count, seed: seed)
  }

  /// `count` vectors with one value of each width.
  public static func random(widths: [Int], count: Int, seed: UInt64) -> [[BitVector]] {
    var rng = CounterRNG(seed: seed).sequential()
    return (0..<count).map { _ in widths.map { value(width: $0, using: &rng) } }
  }

  private static func value(width: Int, using rng: inout CounterRNG.Sequential) -> BitVector {
    switch rng.next() % 16 {
    case 0: return BitVector(zeroWidth: width)
    case 1: return BitVector.ones(width: width)
    case 2: return BitVector.minimum(width: width, .signed)
    case 3: return BitVector.maximum(width: width, .signed)
    default:
      let words = (0..<BitVector.wordCount(forWidth: width)).map { _ in rng.next() }
      return BitVector(width: width, words: words)
    }
  }
}
