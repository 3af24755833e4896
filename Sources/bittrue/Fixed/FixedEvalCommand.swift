import ArgumentParser
import BitTrue

/// The binary operations of `bittrue fixed eval`.
enum FixedOperation: String, ExpressibleByArgument, CaseIterable {
  case add, sub, mul, div
}

/// `bittrue fixed eval`: one arithmetic operation per input line.
struct FixedEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Apply add, sub, mul or div to 'a,b' pairs, one pair per line.",
    discussion: """
      Each input line holds two decimals 'a,b'; a must be exactly representable
      in --a and b in --b. add, sub and mul give the exact result in the
      full-precision format of ap_fixed's growth rules:
        add, sub: F = max(F1,F2), I = max(I1 + [S2 and not S1],
                  I2 + [S1 and not S2]) + 1, signed if either is (sub: always)
        mul:      W = W1 + W2, I = I1 + I2, signed if either is
      With --to, that exact result is rounded once into --to (--round,
      --overflow). div needs --to: the exact quotient is rounded once.
      STOCHASTIC rounding of line n uses word n-1 of the (--seed, 0) stream
      (see 'cast --help'). --print-format prints the result format and exits
      without reading input.

      Examples:
        printf '1.5,-0.25\n' | bittrue fixed eval --op mul \
          --a sfix8_En4 --b sfix8_En4
        bittrue fixed eval --op add --a ufix8_En0 --b sfix8_En4 --print-format
        printf '1,3\n' | bittrue fixed eval --op div --a sfix8_En0 \
          --b sfix8_En0 --to sfix8_En6 --round RND_CONV
      """
  )

  @Option(help: "The operation.")
  var op: FixedOperation

  @Option(
    name: .customLong("a"), help: ArgumentHelp("The format of a.", valueName: "format"),
    transform: FixedArguments.format)
  var aFormat: FixedFormat

  @Option(
    name: .customLong("b"), help: ArgumentHelp("The format of b.", valueName: "format"),
    transform: FixedArguments.format)
  var bFormat: FixedFormat

  @Option(
    help: ArgumentHelp(
      "Round the exact result into this format (required for div).", valueName: "format"),
    transform: FixedArguments.format)
  var to: FixedFormat?

  @OptionGroup var quantization: QuantizationOptions

  @Flag(help: "Print the result format and exit.")
  var printFormat = false

  @Option(
    help: ArgumentHelp(
      "Read 'a,b' lines from this file instead of standard input.", valueName: "file"))
  var input: String?

  @OptionGroup var printing: ValuePrinting

  func validate() throws {
    if op == .div && to == nil {
      throw ValidationError("--op div needs --to (the quotient format)")
    }
  }

  /// The exact result format of the operation (before any --to).
  var exactFormat: FixedFormat {
    switch op {
    case .add: return FixedFormat.sum(aFormat, bFormat)
    case .sub: return FixedFormat.difference(aFormat, bFormat)
    case .mul, .div: return FixedFormat.product(aFormat, bFormat)
    }
  }

  func run() throws {
    let (round, overflow) = (quantization.round, quantization.overflow)
    if let to { try to.validate(overflow: overflow) }
    if printFormat {
      try StandardStreams.writeLine("\(to ?? exactFormat)")
      return
    }
    let input = try InputLines(path: input)
    var aCodes: [BigInt] = []
    var bCodes: [BigInt] = []
    for (i, line) in input.lines.enumerated() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == 2 else {
        throw input.error(at: i, "expected 'a,b', got '\(Excerpt.of(line))'")
      }
      for (name, field, format) in [("a", fields[0], aFormat), ("b", fields[1], bFormat)] {
        let decimal = try input.decimal(field, at: i)
        do {
          let code = try decimal.exactCode(
            in: format, text: Excerpt.of(field.trimmingCharacters(in: .whitespaces)))
          if name == "a" { aCodes.append(code) } else { bCodes.append(code) }
        } catch {
          throw input.error(at: i, "\(name): \(error.description)")
        }
      }
      if op == .div && bCodes.last!.isZero { throw input.error(at: i, "division by zero") }
    }
    let a = FixedArray(codes: aCodes, format: aFormat)
    let b = FixedArray(codes: bCodes, format: bFormat)
    let random = CounterRNG(seed: quantization.seed)
    let result: FixedArray
    switch op {
    case .add: result = a + b
    case .sub: result = a - b
    case .mul: result = a * b
    case .div:
      result = try a.divided(by: b, to: to!, rounding: round, overflow: overflow, random: random)
    }
    if let to, op != .div {
      try printing.write(
        result.quantized(to: to, rounding: round, overflow: overflow, random: random))
    } else {
      try printing.write(result)
    }
  }
}
