import CBinaryKernels

/// The XNOR-popcount kernels ``PackedBinarizedNet`` runs on (C, chosen at run time by CPU
/// feature); every one computes the same integers.
package enum PackedKernel: CaseIterable, Sendable {
  /// Plain C, any CPU.
  case portable
  /// The scalar `popcnt` instruction (x86-64).
  case popcnt
  /// AVX-512 `vpternlogq` + `vpopcntq`, 8 samples per instruction (x86-64 with VPOPCNTDQ).
  case avx512

  /// The fastest kernel this CPU runs.
  package static let best: PackedKernel = {
    switch cbk_best_path() {
    case Int32(CBK_AVX512): return .avx512
    case Int32(CBK_POPCNT): return .popcnt
    default: return .portable
    }
  }()

  /// Whether this CPU runs the kernel.
  package var isAvailable: Bool { cbk_path_available(code) != 0 }

  /// The C path number.
  var code: Int32 {
    switch self {
    case .portable: return Int32(CBK_PORTABLE)
    case .popcnt: return Int32(CBK_POPCNT)
    case .avx512: return Int32(CBK_AVX512)
    }
  }
}
