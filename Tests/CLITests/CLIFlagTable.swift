import Foundation

/// Every numeric, enumerated or path option of every `bittrue` subcommand, each with a small,
/// fast, valid invocation to put the option into: the table the CLI flag fuzzer walks.
///
/// An invocation is `words + positional + options`, where the fuzzed option's value replaces
/// the one in `options` (or is added). `@D` in any argument is the fixture folder (see
/// ``CLIFlagFixtures``). Outputs (`--out`) are relative paths: each run has a fresh, empty
/// working folder, which must still be empty after a failed run.
struct CLIFlag: Sendable, CustomStringConvertible {
  /// The subcommand, e.g. `["logic", "train"]`.
  var words: [String]
  /// Positional arguments put before the options.
  var positional: [String] = []
  /// The other options of the base invocation, in order.
  var options: [(String, String)] = []
  /// The fuzzed option; `nil` fuzzes the (single) positional argument instead.
  var option: String?
  /// Values to try besides ``CLIFlagValues/hostile`` (structured values: formats, lists).
  var extras: [String] = []
  /// Standard input.
  var stdin: String = ""
  /// The option sizes the work asked for (`--iterations`): a huge valid value may run until
  /// the wall-clock limit, which then counts as a clean run (it did not trap or grow).
  var sizesWork = false

  var description: String { (words + [option ?? "<positional>"]).joined(separator: " ") }

  /// The arguments with `value` for the fuzzed option.
  func arguments(_ value: [UInt8], fixtures: String) -> [[UInt8]] {
    func raw(_ s: String) -> [UInt8] {
      Array(s.replacingOccurrences(of: "@D", with: fixtures).utf8)
    }
    var result = (words + positional).map(raw)
    guard let option else { return result + [value] }
    for (name, v) in options where name != option { result += [raw(name), raw(v)] }
    return result + [raw(option), value]
  }
}

/// The hostile values every option gets.
enum CLIFlagValues {
  /// The values of the assignment: boundaries, overflowing and non-finite numbers, empty and
  /// non-numeric text, a 100 kB string and bytes that are not UTF-8.
  static let hostile: [[UInt8]] =
    [
      "-1", "0", "9223372036854775807", "-9223372036854775808", "4611686018427387904", "1e8",
      "3e38", "1e-45", "nan", "inf", "", "x", String(repeating: "9", count: 100_000),
    ].map { Array($0.utf8) } + [[0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80]]
}

/// The option table.
enum CLIFlagTable {
  static let formatExtras = [
    "sfix9223372036854775807_En4", "ufix4611686018427387904_En0", "sfix8_En-9223372036854775808",
    "fix<4611686018427387904,2>", "ufix<8,-9223372036854775808>", "sfix0_En0", "ufix1_E4096",
  ]

  /// The data-set options, fuzzed inside `words` + `positional` + `base` (which loads a data
  /// set), each with the options that make it take effect.
  static func datasetFlags(
    _ words: [String], positional: [String] = [], base: [(String, String)],
    dataset: [(String, String)] = [("--dataset", "@D/tiny.csv")]
  ) -> [CLIFlag] {
    let thermometer = [("--encoding", "thermometer")]
    let fixed = [("--encoding", "fixed"), ("--format", "ufix4_En0")]
    let images = [("--dataset", "@D/tiny-images-idx3-ubyte")]
    func flag(_ option: String, _ context: [(String, String)], extras: [String] = []) -> CLIFlag {
      CLIFlag(
        words: words, positional: positional, options: base + context, option: option,
        extras: extras)
    }
    return [
      flag("--dataset", [], extras: ["digits", "mnist", "@D/tiny-images-idx3-ubyte", "/", "@D"]),
      flag("--data-dir", [("--dataset", "digits")], extras: ["@D", "/"]),
      flag("--split-seed", dataset), flag("--limit", dataset),
      flag("--crop-border", images, extras: ["1", "2", "3", "4"]),
      flag("--encoding", dataset), flag("--thresholds", dataset + thermometer),
      flag("--threshold-placement", dataset + thermometer, extras: ["quantile", "uniform"]),
      flag("--format", dataset + [("--encoding", "fixed")], extras: formatExtras),
      flag("--round", dataset + fixed, extras: ["STOCHASTIC", "RND_CONV"]),
      flag("--overflow", dataset + fixed, extras: ["SAT_SYM", "WRAP"]),
      flag("--feature-scale", dataset + fixed, extras: ["power-of-two"]),
    ]
  }

  static let fixed: [CLIFlag] = {
    let cast = ["fixed", "cast"]
    let castBase = [("--to", "sfix8_En4")]
    let eval = ["fixed", "eval"]
    let evalBase = [("--op", "mul"), ("--a", "sfix8_En4"), ("--b", "ufix4_En2")]
    let castIn = "0.5\n-1.25\n"
    let evalIn = "0.5,0.25\n-1,3.75\n"
    return [
      CLIFlag(
        words: cast, options: castBase, option: "--from", extras: formatExtras, stdin: castIn),
      CLIFlag(words: cast, option: "--to", extras: formatExtras, stdin: castIn),
      CLIFlag(
        words: cast, options: castBase, option: "--round", extras: ["STOCHASTIC"], stdin: castIn),
      CLIFlag(
        words: cast, options: castBase, option: "--overflow", extras: ["SAT_ZERO"], stdin: castIn),
      CLIFlag(
        words: cast, options: castBase + [("--round", "STOCHASTIC")], option: "--seed",
        extras: ["18446744073709551615"], stdin: castIn),
      CLIFlag(words: cast, options: castBase, option: "--input", extras: ["@D", "/dev/null"]),
      CLIFlag(words: eval, options: evalBase, option: "--op", extras: ["div"], stdin: evalIn),
      CLIFlag(words: eval, options: evalBase, option: "--a", extras: formatExtras, stdin: evalIn),
      CLIFlag(words: eval, options: evalBase, option: "--b", extras: formatExtras, stdin: evalIn),
      CLIFlag(words: eval, options: evalBase, option: "--to", extras: formatExtras, stdin: evalIn),
      CLIFlag(
        words: eval, options: evalBase + [("--to", "sfix6_En2")], option: "--round",
        extras: ["STOCHASTIC"], stdin: evalIn),
      CLIFlag(
        words: eval, options: evalBase + [("--to", "sfix6_En2")], option: "--overflow",
        extras: ["SAT"], stdin: evalIn),
      CLIFlag(
        words: eval, options: evalBase + [("--to", "sfix6_En2"), ("--round", "STOCHASTIC")],
        option: "--seed", stdin: evalIn),
      CLIFlag(words: ["fixed", "info"], option: nil, extras: formatExtras),
    ]
  }()

  static let data: [CLIFlag] = {
    let info = ["data", "info"]
    let export = ["data", "export"]
    return datasetFlags(info, base: [])
      + datasetFlags(export, positional: ["--quiet"], base: [("--out", "out")])
      + [CLIFlag(words: export, positional: ["@D/tiny.csv"], option: "--out", extras: ["/", "."])]
  }()

  static let logic: [CLIFlag] = {
    let train = ["logic", "train"]
    let trainBase = [
      ("--dataset", "@D/tiny.csv"), ("--layers", "8,4"), ("--iterations", "2"), ("--batch", "8"),
      ("--eval-every", "1"), ("--threads", "1"), ("--connections", "random"), ("--out", "run"),
    ]
    func t(_ option: String, extras: [String] = [], sizesWork: Bool = false) -> CLIFlag {
      CLIFlag(
        words: train, positional: ["--quiet"], options: trainBase, option: option,
        extras: extras, sizesWork: sizesWork)
    }
    let evalBase = [("--model", "@D/net.json"), ("--inputs", "@D/bits.csv")]
    let eval = ["logic", "eval"]
    let emit = ["logic", "emit"]
    let emitBase = [("--model", "@D/net.json"), ("--out", "v")]
    let export = ["logic", "export"]
    let exportBase = [("--model", "@D/net.json"), ("--out", "net.json")]
    return [
      t("--seed", extras: ["18446744073709551615"]),
      t("--threads", extras: ["2", "1025"]), t("--out", extras: ["/", ".", "@D/tiny.csv"]),
      t(
        "--layers",
        extras: [
          "1x9223372036854775807", "9223372036854775807x1", "4611686018427387904,2", "999999999",
          "9000000000000000000", "1x4097", "0,1", "8,", ",", "x", "1x", "-1x2", "2x-1",
        ]),
      t("--tau"), t("--connections", extras: ["unique"]),
      t("--initialization", extras: ["residual"]),
      t("--iterations", sizesWork: true), t("--batch", extras: ["1", "1000000"]), t("--lr"),
      t("--partitions", extras: ["1099511627776", "1", "64", "65"]),
      t("--eval-every", extras: ["1"]), t("--validation", extras: ["1", "39", "40"]),
    ] + datasetFlags(train, positional: ["--quiet"], base: trainBase.filter { $0.0 != "--dataset" })
      + [
        CLIFlag(words: eval, options: evalBase, option: "--threads", extras: ["2", "1025"]),
        CLIFlag(words: eval, options: evalBase, option: "--inputs", extras: ["@D/tiny.csv", "@D"]),
        CLIFlag(words: eval, options: evalBase, option: "--model", extras: ["@D/tiny.csv", "@D"]),
        CLIFlag(words: eval, options: evalBase, option: "--scores", extras: ["/", ".", "a/b.csv"]),
      ] + datasetFlags(eval, base: [("--model", "@D/net.json")]) + [
        CLIFlag(words: emit, options: emitBase, option: "--pipeline", extras: ["1", "2"]),
        CLIFlag(words: emit, options: emitBase, option: "--lanes", extras: ["64", "2", "65"]),
        CLIFlag(
          words: emit, options: emitBase, option: "--module", extras: ["module", "a b", "1x"]),
        CLIFlag(words: emit, options: emitBase, option: "--out", extras: ["/", "."]),
        CLIFlag(words: export, options: exportBase, option: "--out", extras: ["/", "."]),
        CLIFlag(words: export, options: exportBase, option: "--model", extras: ["@D/design.nl"]),
      ]
  }()

  static let netlist: [CLIFlag] = {
    let design = ["@D/design.nl"]
    let opt = ["netlist", "opt"]
    let emit = ["netlist", "emit"]
    let report = ["netlist", "report"]
    let passes = [
      "bitblast", "bitblast,bitblast", ",", "constfold,,dce",
      String(repeating: "dce,", count: 2000),
    ]
    return [
      CLIFlag(words: opt, positional: design, option: "--passes", extras: passes),
      CLIFlag(
        words: opt, positional: design, options: [("--passes", "bitblast")], option: "--pipeline",
        extras: ["1", "2"]),
      CLIFlag(words: opt, positional: design, option: "--out", extras: ["/", "."]),
      CLIFlag(words: opt, option: nil, extras: ["@D/net.json", "@D", "/dev/null"]),
      CLIFlag(
        words: emit, positional: design, options: [("--out", "v")], option: "--lanes",
        extras: ["64", "65"]),
      CLIFlag(
        words: emit, positional: design, options: [("--out", "v")], option: "--pipeline",
        extras: ["1"]),
      CLIFlag(
        words: emit, positional: design, options: [("--out", "v")], option: "--module",
        extras: ["a b"]),
      CLIFlag(
        words: emit, positional: design, options: [("--out", "v")], option: "--report",
        extras: ["json", "markdown"]),
      CLIFlag(words: emit, positional: design, option: "--out", extras: ["/", "."]),
      CLIFlag(words: report, positional: design, option: "--format", extras: ["json", "markdown"]),
      CLIFlag(words: report, positional: design, option: "--pipeline", extras: ["1", "3"]),
      CLIFlag(words: report, positional: design, option: "--place-route", extras: ["ice40-hx9k"]),
      CLIFlag(words: report, positional: design, option: "--out", extras: ["/", ".", "a/b"]),
      CLIFlag(words: report, option: nil, extras: ["@D/net.json", "@D/huge.json"]),
    ]
  }()

  /// `cosim` stops at the missing Verilator (`VERILATOR` names no file): every option is
  /// parsed, validated and used up to the build, at no build cost.
  static let cosim: [CLIFlag] = {
    let words = ["cosim"]
    let design = ["@D/design.nl"]
    let base = [("--vectors", "4")]
    func c(_ option: String, extras: [String] = []) -> CLIFlag {
      CLIFlag(words: words, positional: design, options: base, option: option, extras: extras)
    }
    return [
      c("--vectors", extras: ["1000000", "1000001"]), c("--seed"),
      c("--opt-level", extras: ["O2", "auto"]), c("--lanes", extras: ["64", "65"]),
      c("--pipeline", extras: ["1"]), c("--cache", extras: ["/", "."]),
      c("--arch", extras: ["folded", "unrolled"]), c("--pe", extras: ["1"]),
      c("--simd", extras: ["1"]),
      CLIFlag(words: words, option: nil, extras: ["@D/net.json", "@D", "@D/huge.json"]),
    ] + datasetFlags(words, positional: ["@D/net.json"], base: base)
  }()

  /// The whole table.
  static let all = fixed + data + logic + netlist + cosim + wageubn + bnn
}
