#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Natural logarithm from the C library (kept in one place so the numerics stay portable).
@usableFromInline
func _log(_ x: Double) -> Double { log(x) }

/// Cosine from the C library.
@usableFromInline
func _cos(_ x: Double) -> Double { cos(x) }
