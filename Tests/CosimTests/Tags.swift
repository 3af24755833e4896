import Testing

extension Tag {
  /// Tests that run Verilator (or Icarus): skipped without it, failing in CI without it.
  @Tag static var verilator: Self
}
