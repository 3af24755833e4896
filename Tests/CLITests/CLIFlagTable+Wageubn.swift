extension CLIFlagTable {
  /// The options of `bittrue wageubn quantize`.
  static let wageubn: [CLIFlag] = {
    let quantize = ["wageubn", "quantize"]
    let base = [("--quantizer", "shift"), ("--bits", "8")]
    let input = "0.3\n-0.9\n1.7\n"
    let train = ["wageubn", "train"]
    let trainBase = [
      ("--dataset", "@D/tiny.csv"), ("--model", "mlp:3-4-2"), ("--epochs", "1"),
      ("--batch", "8"), ("--threads", "1"), ("--out", "run"),
    ]
    func t(_ option: String, extras: [String] = [], sizesWork: Bool = false) -> CLIFlag {
      CLIFlag(
        words: train, positional: ["--quiet"], options: trainBase, option: option,
        extras: extras, sizesWork: sizesWork)
    }
    let training = [
      t("--seed", extras: ["18446744073709551615"]), t("--threads", extras: ["2", "1025"]),
      t("--out", extras: ["/", ".", "@D/tiny.csv"]),
      t("--model", extras: ["mlp:3-65536-65536-2", "mlp:3-2", "mlp:3--2", "lenet", "mlp:"]),
      t("--profile", extras: ["hardware", "officialCode"]), t("--epochs", sizesWork: true),
      t("--batch", extras: ["1", "100000"]), t("--schedule", extras: ["constant"]),
      t("--lr", extras: ["0.5", "0.000000001", "1.5", "0."]), t("--reference", extras: ["float"]),
      t("--accumulator-width", extras: ["2", "10", "63", "64"]),
      CLIFlag(
        words: train, positional: ["--quiet"], options: trainBase + [("--accumulator-width", "8")],
        option: "--accumulator-overflow", extras: ["wrap", "saturate"]),
      t("--capture", extras: ["/", ".", "@D/tiny.csv", "cap"]),
      CLIFlag(
        words: train, positional: ["--quiet"], options: trainBase + [("--capture", "cap")],
        option: "--capture-steps", extras: ["0,1,2", "0,,1", "5", "999999999"]),
      CLIFlag(
        words: train, positional: ["--quiet"], options: trainBase + [("--capture", "cap")],
        option: "--capture-dot-products", extras: ["1", "4096", "4097"]),
      t("--bits", extras: ["e1=2,e2=16", "e2=17", "e1=8,e1=4", "e2"]),
      CLIFlag(
        words: ["wageubn", "sweep"], positional: ["--quiet"],
        options: trainBase + [("--vary", "e2=8,16")], option: "--vary",
        extras: [
          "accumulator=2,63", "accumulator=64", "e1=2,16", "e2=8,8",
          "e2="
            + String(
              repeating: "8,", count: 70) + "8",
        ]),
      CLIFlag(words: ["wageubn", "report"], extras: ["@D", "@D/tiny.csv", "/"]),
      t("--resume", extras: ["/", ".", "@D", "@D/tiny.csv"]),
      CLIFlag(
        words: ["wageubn", "report"], positional: ["@D"], option: "--svg",
        extras: ["/", ".", "c.svg"]),
    ]
    return training + [
      CLIFlag(
        words: quantize, options: base, option: "--quantizer", extras: ["e2", "const"],
        stdin: input),
      CLIFlag(words: quantize, options: base, option: "--bits", extras: ["2", "32"], stdin: input),
      CLIFlag(
        words: quantize, options: [("--quantizer", "const"), ("--bits", "8")], option: "--seed",
        extras: ["18446744073709551615"], stdin: input),
      CLIFlag(
        words: quantize, options: base, option: "--profile", extras: ["officialCode"],
        stdin: input),
    ]
  }()
}
