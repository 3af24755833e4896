// swift-tools-version: 6.1
// BitTrue benchmarks: a nested package so the main package stays free of benchmark-only
// code. Build and run in release mode only: `make -C Benchmarks all` (see BENCHMARKS.md).
import Foundation
import PackageDescription

// A path dependency is identified by its folder name, whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootPackage = root.lastPathComponent

let package = Package(
  name: "BitTrueBenchmarks",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "BenchSupport"),
    .executableTarget(
      name: "cosim-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "fixed-bench",
      dependencies: ["BenchSupport", .product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "gates-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "datasets-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "passes-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "logic-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "accumulate-bench",
      dependencies: ["BenchSupport", .product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "reports-bench", dependencies: [.product(name: "BitTrue", package: rootPackage)]),
    .executableTarget(
      name: "cnn-bench",
      dependencies: ["BenchSupport", .product(name: "BitTrue", package: rootPackage)]),
  ]
)
