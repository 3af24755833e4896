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
    // C interface to Debian's zlib1g-dev: gzip decompression for the data sets.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // The leaf core every layer shares: the gate table, CounterRNG, rounding/overflow modes,
    // the bit-matrix container.
    .target(name: "BitCore"),
    // Declared-width accumulator kernels in C with runtime CPU dispatch (AVX-512, AVX2, plain).
    .target(name: "CFixedKernels"),
    // XNOR-popcount kernels for the bit-packed BNN runtime (AVX-512 VPOPCNTDQ, POPCNT, plain).
    .target(name: "CBinaryKernels"),
    .target(name: "FixedPoint", dependencies: ["CGMP", "BitCore", "CFixedKernels"]),
    .target(name: "Hashing"),
    .target(name: "Datasets", dependencies: ["BitCore", "CZlib", "FixedPoint"]),
    .target(name: "NetlistIR", dependencies: ["BitCore"]),
    .target(name: "NetlistPasses", dependencies: ["FixedPoint", "NetlistIR"]),
    .target(name: "NetlistSim", dependencies: ["NetlistIR"]),
    .target(name: "VerilogEmit", dependencies: ["NetlistIR", "Hashing"]),
    .target(name: "Reports", dependencies: ["NetlistIR", "NetlistPasses"]),
    .target(name: "Designs", dependencies: ["NetlistIR", "NetlistPasses", "NetlistSim"]),
    .target(name: "Cosim", dependencies: ["Designs", "NetlistSim", "VerilogEmit"]),
    .target(name: "TrainingCore", dependencies: ["BitCore", "Hashing"]),
    // WAGEUBN integer training: the quantizers and their profiles.
    .target(name: "IntegerTraining", dependencies: ["BitCore", "FixedPoint"]),
    .target(name: "LogicNets", dependencies: ["BitCore", "TrainingCore"]),
    // Binarized/ternary nets: the integer deployable model, its file, BN folding, the
    // bit-packed runtime (LogicNets: the strict JSON reader).
    .target(
      name: "BinarizedNets", dependencies: ["BitCore", "CBinaryKernels", "FixedPoint", "LogicNets"]),
    .target(name: "ModelLowering", dependencies: ["LogicNets", "BinarizedNets", "NetlistIR"]),
    .target(
      name: "Inference",
      dependencies: ["LogicNets", "ModelLowering", "NetlistPasses", "NetlistSim"]),
    .target(
      name: "ModelFamilies",
      dependencies: ["Designs", "LogicNets", "BinarizedNets", "ModelLowering", "NetlistSim"]),
    .target(
      name: "BitTrue",
      dependencies: [
        "BitCore", "FixedPoint", "Datasets", "Hashing", "NetlistIR", "NetlistPasses",
        "NetlistSim", "VerilogEmit", "Reports", "LogicNets", "ModelLowering", "Designs",
        "Inference", "ModelFamilies", "TrainingCore", "IntegerTraining", "BinarizedNets",
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
      dependencies: ["NetlistIR", "BinarizedNets"],
      path: "Tests/_TestSupport"
    ),
    .testTarget(name: "BitCoreTests", dependencies: ["BitCore", "_TestSupport"]),
    .testTarget(
      name: "FixedPointTests",
      // CGMP: the mpq-based exact reference; NetlistIR/NetlistPasses/NetlistSim: agreement
      // with the hardware ops and the netlist quantize builder.
      dependencies: [
        "FixedPoint", "CGMP", "NetlistIR", "NetlistPasses", "NetlistSim", "_TestSupport",
      ]),
    .testTarget(
      // LogicNets: the model files are fuzzed beside the data readers.
      name: "DatasetsTests",
      dependencies: ["Datasets", "CZlib", "Hashing", "LogicNets", "_TestSupport"]),
    .testTarget(
      name: "NetlistIRTests", dependencies: ["NetlistIR", "_TestSupport"],
      exclude: ["FuzzCorpus"]),
    .testTarget(
      name: "NetlistPassesTests", dependencies: ["NetlistPasses", "NetlistSim", "_TestSupport"]),
    .testTarget(
      // NetlistPasses: bit-blasted adders and popcounts, where adder fusion must trigger.
      name: "NetlistSimTests", dependencies: ["NetlistSim", "NetlistPasses", "_TestSupport"]),
    .testTarget(
      // Cosim: Verilator lint of the emitted Verilog.
      name: "VerilogEmitTests", dependencies: ["VerilogEmit", "Cosim", "_TestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "NetlistPasses", "_TestSupport"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "CosimTests",
      dependencies: [
        "Cosim", "NetlistPasses", "Inference", "ModelFamilies", "BinarizedNets", "_TestSupport",
      ]
    ),
    .testTarget(name: "LogicNetsTests", dependencies: ["LogicNets", "_TestSupport"]),
    .testTarget(name: "TrainingCoreTests", dependencies: ["TrainingCore"]),
    .testTarget(name: "IntegerTrainingTests", dependencies: ["IntegerTraining", "FixedPoint"]),
    .testTarget(
      name: "BinarizedNetsTests", dependencies: ["BinarizedNets", "FixedPoint", "_TestSupport"]),
    .testTarget(
      name: "ModelLoweringTests",
      // Inference: the runtime checked against the lowering.
      dependencies: [
        "ModelLowering", "Inference", "NetlistSim", "NetlistPasses", "BinarizedNets",
        "_TestSupport",
      ]
    ),
    .testTarget(
      name: "ModelFamiliesTests",
      dependencies: [
        "Designs", "ModelFamilies", "Inference", "ModelLowering", "LogicNets", "NetlistPasses",
        "_TestSupport",
      ]
    ),
    .testTarget(
      name: "CLITests", dependencies: ["bittrue", "FixedPoint", "Reports", "_TestSupport"]),
  ]
)
