extension CLIFlagTable {
  /// The options of `bittrue bnn eval | emit | export` (`@D/bnn.json`: the three-layer
  /// fixture on three 4-bit inputs; `@D/bits.csv`: two samples it accepts).
  static let bnn: [CLIFlag] = {
    let eval = ["bnn", "eval"]
    let evalBase = [("--model", "@D/bnn.json"), ("--inputs", "@D/bits.csv")]
    let emit = ["bnn", "emit"]
    let emitBase = [("--model", "@D/bnn.json"), ("--out", "v")]
    let export = ["bnn", "export"]
    let exportBase = [("--model", "@D/bnn.json"), ("--out", "npy")]
    let report = ["bnn", "report"]
    let scaled = [("--model", "@D/bnn.json"), ("--dataset", "digits")]
    return [
      CLIFlag(words: eval, options: evalBase, option: "--threads", extras: ["2", "1025"]),
      CLIFlag(words: eval, options: evalBase, option: "--inputs", extras: ["@D/tiny.csv", "@D"]),
      CLIFlag(
        words: eval, options: evalBase, option: "--model", extras: ["@D/net.json", "@D"]),
      CLIFlag(words: eval, options: evalBase, option: "--scores", extras: ["/", ".", "a/b.csv"]),
      CLIFlag(
        words: eval, options: scaled, option: "--input-scale", extras: ["1/0", "1/16", "a/b/c"]),
      CLIFlag(
        words: eval, options: scaled, option: "--input-offset", extras: ["nan", "inf", "-1"]),
    ] + datasetFlags(eval, base: [("--model", "@D/bnn.json")]) + [
      CLIFlag(words: emit, options: emitBase, option: "--arch", extras: ["folded", "unrolled"]),
      CLIFlag(words: emit, options: emitBase, option: "--pipeline", extras: ["1", "2"]),
      CLIFlag(
        words: emit, options: emitBase + [("--arch", "folded"), ("--simd", "2")], option: "--pe",
        extras: ["1", "3"]),
      CLIFlag(
        words: emit, options: emitBase + [("--arch", "folded"), ("--pe", "2")], option: "--simd",
        extras: ["1", "3"]),
      CLIFlag(words: emit, options: emitBase, option: "--module", extras: ["module", "a b"]),
      CLIFlag(words: emit, options: emitBase, option: "--out", extras: ["/", "."]),
      CLIFlag(words: export, options: exportBase, option: "--out", extras: ["/", "."]),
      CLIFlag(
        words: report, options: [("--model", "@D/bnn.json")], option: "--pipeline", extras: ["1"]),
      CLIFlag(words: report, options: [], option: "--model", extras: ["@D/net.json", "@D"]),
      CLIFlag(
        words: export, options: exportBase, option: "--model", extras: ["@D/design.nl", "@D"]),
      CLIFlag(
        words: export, options: [("--out", "m.json")], option: "--from", extras: ["@D", "/"]),
    ]
  }()
}
