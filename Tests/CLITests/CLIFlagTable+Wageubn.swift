extension CLIFlagTable {
  /// The options of `bittrue wageubn quantize`.
  static let wageubn: [CLIFlag] = {
    let quantize = ["wageubn", "quantize"]
    let base = [("--quantizer", "shift"), ("--bits", "8")]
    let input = "0.3\n-0.9\n1.7\n"
    return [
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
