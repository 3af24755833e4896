// swift-tools-version: 6.1
// BitTrue benchmarks: a nested package so the main package stays free of benchmark-only
// code. Build and run in release mode only: `make -C Benchmarks all` (see BENCHMARKS.md).
import PackageDescription

let package = Package(
  name: "BitTrueBenchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .executableTarget(
      name: "fixed-bench", dependencies: [.product(name: "BitTrue", package: "main")]),
    .executableTarget(
      name: "gates-bench", dependencies: [.product(name: "BitTrue", package: "main")]),
    .executableTarget(
      name: "logic-bench", dependencies: [.product(name: "BitTrue", package: "main")]),
  ]
)
