// swift-tools-version: 6.1
// BitTrue: bit-true emulation, training and hardware generation for quantized and
// logic-gate neural networks. See README.md and ../shared/design/architecture.md.
import PackageDescription

let package = Package(
  name: "BitTrue",
  products: [
    .library(name: "BitTrue", targets: ["BitTrue"]),
    .executable(name: "bittrue", targets: ["bittrue"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // C interface to Debian's libgmp-dev for arbitrary-width exact arithmetic.
    .systemLibrary(
      name: "CGMP",
      pkgConfig: "gmp",
      providers: [.apt(["libgmp-dev"])]
    ),
    // Declared-width accumulator kernels in C with runtime CPU dispatch (AVX-512, AVX2, plain).
    .target(name: "CFixedKernels"),
    .target(name: "FixedPoint", dependencies: ["CGMP", "CFixedKernels"]),
    .target(name: "Hashing"),
    .target(name: "Datasets", dependencies: ["FixedPoint", "Hashing"]),
    .target(name: "NetlistIR", dependencies: ["FixedPoint"]),
    .target(name: "NetlistPasses", dependencies: ["FixedPoint", "NetlistIR"]),
    .target(name: "NetlistSim", dependencies: ["NetlistIR"]),
    .target(name: "VerilogEmit", dependencies: ["NetlistIR", "Hashing"]),
    .target(name: "Reports", dependencies: ["NetlistIR", "NetlistPasses"]),
    .target(name: "Cosim", dependencies: ["NetlistSim", "VerilogEmit"]),
    .target(name: "LogicNets", dependencies: ["FixedPoint", "Datasets"]),
    .target(
      name: "ModelLowering",
      dependencies: ["LogicNets", "NetlistIR", "NetlistPasses", "NetlistSim"]),
    .target(
      name: "BitTrue",
      dependencies: [
        "FixedPoint", "Datasets", "Hashing", "NetlistIR", "NetlistPasses", "NetlistSim",
        "VerilogEmit", "Reports", "LogicNets", "ModelLowering",
      ]
    ),
    .executableTarget(
      name: "bittrue",
      dependencies: [
        "BitTrue", "Cosim",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "_TestSupport",
      dependencies: ["NetlistIR", "NetlistSim", "Cosim"],
      path: "Tests/_TestSupport"
    ),
    .testTarget(
      name: "FixedPointTests",
      // CGMP: the mpq-based exact reference; NetlistIR: agreement with the hardware ops.
      dependencies: ["FixedPoint", "CGMP", "NetlistIR", "_TestSupport"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Hashing", "_TestSupport"]),
    .testTarget(name: "NetlistIRTests", dependencies: ["NetlistIR", "_TestSupport"]),
    .testTarget(
      name: "NetlistPassesTests", dependencies: ["NetlistPasses", "NetlistSim", "_TestSupport"]),
    .testTarget(
      // NetlistPasses: bit-blasted adders and popcounts, where adder fusion must trigger.
      name: "NetlistSimTests", dependencies: ["NetlistSim", "NetlistPasses", "_TestSupport"]),
    .testTarget(
      name: "VerilogEmitTests", dependencies: ["VerilogEmit", "_TestSupport"], exclude: ["Golden"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "NetlistPasses", "_TestSupport"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "CosimTests",
      dependencies: ["Cosim", "NetlistPasses", "ModelLowering", "_TestSupport"]
    ),
    .testTarget(name: "LogicNetsTests", dependencies: ["LogicNets", "_TestSupport"]),
    .testTarget(
      name: "ModelLoweringTests",
      dependencies: ["ModelLowering", "NetlistSim", "NetlistPasses", "_TestSupport"]
    ),
    .testTarget(
      name: "CLITests", dependencies: ["bittrue", "FixedPoint", "Reports", "_TestSupport"]),
  ]
)
