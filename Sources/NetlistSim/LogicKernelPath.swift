import CLogicKernels

/// The instruction sets the native tile kernels (the `CLogicKernels` C target) are compiled
/// for, chosen at run time by CPU feature; every one computes the same bits as
/// ``portable``, which runs everywhere (on arm64 its 512-bit vector code compiles to NEON).
public enum LogicKernelPath: Int32, CaseIterable, Sendable, CustomStringConvertible {
  /// Plain C over 512-bit vector types (SSE2 on x86-64, NEON on arm64).
  case portable = 1
  /// x86-64 AVX2: 256-bit operations, `pmovmskb`-style byte tests.
  case avx2 = 2
  /// x86-64 AVX-512 F + BW + VL: 512-bit operations, `vpternlogq`, mask-register byte tests.
  case avx512 = 3

  /// Whether this CPU runs the path.
  public var isAvailable: Bool { clk_path_available(rawValue) != 0 }

  /// The fastest path this CPU runs.
  public static var best: LogicKernelPath {
    LogicKernelPath(rawValue: clk_best_path()) ?? .portable
  }

  /// Every path this CPU runs, slowest first.
  public static var available: [LogicKernelPath] { allCases.filter(\.isAvailable) }

  /// `portable`, `AVX2` or `AVX-512`.
  public var description: String {
    switch self {
    case .portable: return "portable"
    case .avx2: return "AVX2"
    case .avx512: return "AVX-512"
    }
  }
}
