import BitCore

/// A named ``CounterRNG`` stream of one model family: every random decision of training has
/// its own `(seed, stream id)` key, so changing one (say, the number of epochs) never shifts
/// another (say, the initial weights).
///
/// The stream id of index `i` (a layer, an epoch …) is
///
/// ```
/// family << 40 | purpose << 32 | UInt32(truncatingIfNeeded: i)
/// ```
///
/// and word `k` of the stream is `CounterRNG(seed: seed, stream: id).word(at: k)`, which
/// Python replays with numpy's Philox (see ``CounterRNG``):
///
/// ```python
/// stream_id = family << 40 | purpose << 32 | (index & 0xFFFF_FFFF)
/// words = np.random.Philox(key=[seed, stream_id]).random_raw(n)
/// ```
///
/// Logic nets are family 0, so their ids are `purpose << 32 | index` as before the registry.
/// How the words are turned into a permutation, a normal sample … is documented by the
/// ``CounterRNG`` method each stream's user calls (`permutation`, `normal(at:)`).
public struct RandomStream: Sendable, Hashable, CustomStringConvertible {
  /// The model family that owns the stream.
  public let family: RandomStreamFamily
  /// The purpose number, unique within the family (1…255).
  public let purpose: UInt8
  /// A short name for documentation and error messages, e.g. `epoch shuffle`.
  public let name: String
  /// What the index selects (`layer`, `epoch` …), for documentation.
  public let index: String

  /// A stream of `family` with purpose number `purpose` (1…255).
  public init(family: RandomStreamFamily, purpose: UInt8, name: String, index: String) {
    precondition(purpose >= 1, "purpose 0 is reserved")
    self.family = family
    self.purpose = purpose
    self.name = name
    self.index = index
  }

  /// The stream id of index `index` (only the low 32 bits of the index are used).
  @inlinable
  public func id(index: Int) -> UInt64 {
    UInt64(family.rawValue) << 40 | UInt64(purpose) << 32
      | UInt64(UInt32(truncatingIfNeeded: index))
  }

  /// The generator of index `index` under `seed`.
  @inlinable
  public func generator(seed: UInt64, index: Int) -> CounterRNG {
    CounterRNG(seed: seed, stream: id(index: index))
  }

  /// `family/purpose name`, e.g. `logic-nets/5 epoch shuffle`.
  public var description: String { "\(family)/\(purpose) \(name)" }
}

/// The model families that draw random streams; the raw value is the family field of a
/// stream id (bits 40–47).
public enum RandomStreamFamily: UInt8, Sendable, Hashable, CaseIterable,
  CustomStringConvertible
{
  /// difflogic-style logic-gate networks (`LogicNets`).
  case logicNets = 0
  /// Binarized and ternary networks (`BinarizedNets`).
  case binarizedNets = 1
  /// WAGEUBN integer training (`IntegerTraining`).
  case integerTraining = 2

  /// The family's name in stream descriptions.
  public var description: String {
    switch self {
    case .logicNets: return "logic-nets"
    case .binarizedNets: return "binarized-nets"
    case .integerTraining: return "integer-training"
    }
  }
}

/// The streams one family registers: purposes are unique, so no two random decisions share
/// a key. A family declares its registry once (a `static let`) and draws only from it.
public struct RandomStreamRegistry: Sendable {
  /// The registered streams, in purpose order.
  public let streams: [RandomStream]

  /// A registry of `streams`, all of one family with distinct purposes (checked: a clash is
  /// a programming error).
  public init(_ streams: [RandomStream]) {
    let purposes = streams.map { "\($0.family)/\($0.purpose)" }
    precondition(Set(purposes).count == purposes.count, "two streams share a purpose")
    precondition(Set(streams.map(\.family)).count <= 1, "one registry per family")
    self.streams = streams.sorted { $0.purpose < $1.purpose }
  }

  /// The registry as a Markdown table (family, purpose, name, index), for documentation
  /// and for writing a Python replay.
  public var markdownTable: String {
    var lines = ["| family | purpose | stream | index |", "|---|---|---|---|"]
    for s in streams {
      lines.append("| \(s.family.rawValue) \(s.family) | \(s.purpose) | \(s.name) | \(s.index) |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
