import ArgumentParser
import BitTrue

/// `bittrue fixed cast`: quantize decimal values into a format.
struct FixedCastCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cast",
    abstract: "Quantize one decimal value per line into a fixed-point format.",
    discussion: """
      Reads one decimal per line (stdin or --input) and prints each value
      converted to --to, one per line: the exact decimal, or with --raw the
      integer code, or with --hex the raw bits. Decimals may have a sign, a
      fraction and an exponent: -1.25, .5, 3e-2.

      With --from, every input must be exactly representable in that format
      (like a hardware signal of that format) and the cast from --from to --to
      is performed. Without --from, each decimal is an exact rational rounded
      once into --to.

      STOCHASTIC rounding of the value on line n (1-based) uses word n-1 of
      the Philox4x64-10 stream keyed by (--seed, 0), the stream of
      numpy.random.Philox(key=[seed, 0]).random_raw(n). The value rounds up
      when that word, read as a fraction of 2^64, is below the dropped
      fraction.

      Examples:
        printf '3.14159\n-2.5\n' | bittrue fixed cast --to sfix8_En4 \
          --round RND_CONV
        printf '19\n-19\n' | bittrue fixed cast --from sfix8_En0 \
          --to sfix4_En0 --overflow WRAP_SM
        bittrue fixed cast --from sfix32_En16 --to sfix8_En4 \
          --round RND_CONV --overflow SAT --input values.txt --hex

      A malformed or unrepresentable line stops the command with
      '<input>:<line>: <message>' and a non-zero exit status; nothing is
      printed then.
      """
  )

  @Option(
    help: ArgumentHelp(
      "The format the input values are in (each must be exact in it).", valueName: "format"),
    transform: FixedArguments.format)
  var from: FixedFormat?

  @Option(
    help: ArgumentHelp("The result format, e.g. sfix8_En4 or 'fix<8,4>'.", valueName: "format"),
    transform: FixedArguments.format)
  var to: FixedFormat

  @OptionGroup var quantization: QuantizationOptions

  @Option(
    help: ArgumentHelp("Read values from this file instead of standard input.", valueName: "file"))
  var input: String?

  @OptionGroup var printing: ValuePrinting

  func run() throws {
    let (round, overflow) = (quantization.round, quantization.overflow)
    try to.validate(overflow: overflow)
    let input = try InputLines(path: input)
    let random = CounterRNG(seed: quantization.seed)
    let result: FixedArray
    if let from {
      var codes: [BigInt] = []
      codes.reserveCapacity(input.lines.count)
      for (i, line) in input.lines.enumerated() {
        let decimal = try input.decimal(line, at: i)
        do {
          codes.append(try decimal.exactCode(in: from, text: Excerpt.of(line)))
        } catch {
          throw input.error(at: i, error.description)
        }
      }
      result = FixedArray(codes: codes, format: from).quantized(
        to: to, rounding: round, overflow: overflow, random: random)
    } else {
      var events = QuantizationEvents()
      var codes: [BigInt] = []
      codes.reserveCapacity(input.lines.count)
      for (i, line) in input.lines.enumerated() {
        let decimal = try input.decimal(line, at: i)
        codes.append(
          decimal.code(
            in: to, rounding: round, overflow: overflow, random: random, index: UInt64(i),
            events: &events))
      }
      result = FixedArray(codes: codes, format: to)
    }
    try printing.write(result)
  }
}
