#if canImport(Glibc)
  import Glibc
#endif

/// Allocation of the arrays that array operations return.
///
/// A fresh multi-megabyte array is a fresh `mmap` whose first write faults in one 4 KiB page at
/// a time; at 10^7 elements those faults cost more than the loop that fills the array. On
/// Linux, arrays of 4 MiB and more are therefore advised to use transparent huge pages (as
/// numpy does for its large arrays), which cuts the faults 512-fold where the system allows
/// it (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise` or `always`). The advice
/// changes no result.
enum LargeArrays {
  /// The size from which new arrays get the huge-page advice.
  static let hugePageThreshold = 4 << 20

  /// A new array of `count` elements, every one written by `fill` (which must initialise all
  /// of them).
  @inline(__always)
  static func uninitialized<W>(_ count: Int, _ fill: (UnsafeMutableBufferPointer<W>) -> Void)
    -> [W]
  {
    [W](unsafeUninitializedCapacity: count) { buffer, initialized in
      let buffer = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
      if count * MemoryLayout<W>.stride >= hugePageThreshold {
        adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      }
      fill(buffer)
      initialized = count
    }
  }

  /// Asks the kernel to back the whole 2 MiB pages inside `bytes` with huge pages (best
  /// effort: a refusal is ignored).
  static func adviseHugePages(_ bytes: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      let hugePage = 2 << 20
      guard let base = bytes.baseAddress else { return }
      let start = (Int(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
      let end = (Int(bitPattern: base) + bytes.count) & ~(hugePage - 1)
      if end > start {
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
      }
    #endif
  }
}
