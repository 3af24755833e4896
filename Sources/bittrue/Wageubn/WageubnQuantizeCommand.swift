import ArgumentParser
import BitTrue

/// `bittrue wageubn quantize`: one WAGEUBN quantizer applied to one tensor read from stdin.
struct WageubnQuantizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quantize",
    abstract: "Quantize one tensor (one decimal per line) with a WAGEUBN quantizer.",
    discussion: """
      All lines of one call form one tensor: shift, e1, e2 and const take R,
      the power of two nearest max|x|, from its largest magnitude. Each output
      line is the quantized value as an exact decimal; the exponent, R and the
      counts go to standard error (or, with --json, everything is printed as
      JSON instead).

      Quantizers (k = --bits, step 2^(1-k)):
        direct  Q(x,k) = round(x*2^(k-1))/2^(k-1), unbounded (hardware: +-127)
        clip    C(x,k) = clamp(x, -1+2^(1-k), 1-2^(1-k)), no rounding
        shift   SQ(x,k) = R*C(Q(x/R,k),k)
        e1      SQ, clipped to +-2^(k-1) under --profile officialCode
        e2      the flag format: fine step R*2^(2-2k) below R*2^(1-k), coarse
                step R*2^(1-k) above (magnitude at most 2^(k-1)-1)
        const   n = clamp(SR(2^(k-1)*x/R), +-(2^(k-1)-1)), value n*2^(-(k+6))
      Rounding is ties-to-even. const rounds stochastically: value n (1-based)
      uses word n-1 of numpy.random.Philox(key=[seed, 0]).random_raw, and its
      magnitude rounds up when that word, as a fraction of 2^64, is below the
      dropped fraction. Each decimal is first read onto a 2^-F grid fine
      enough that no rounding decision changes (F grows with the digits).

      Examples:
        printf '0.3\\n-0.9\\n1.7\\n' | bittrue wageubn quantize --quantizer direct \\
          --bits 8
        printf '0.3\\n-0.02\\n1.2\\n' | bittrue wageubn quantize --quantizer e1 \\
          --bits 8 --profile officialCode --json
        printf '3e-3\\n-1e-3\\n' | bittrue wageubn quantize --quantizer const \\
          --bits 8 --seed 7

      A malformed line stops the command with '<stdin>:<line>: <message>' and
      a non-zero exit status; nothing is printed then.
      """
  )

  /// The quantizers the command offers.
  enum Quantizer: String, ExpressibleByArgument, CaseIterable {
    case direct, shift, clip, e1, e2, const
  }

  /// The profiles by name.
  enum Profile: String, ExpressibleByArgument, CaseIterable {
    case paper, officialCode, hardware
    var profile: WAGEUBNProfile {
      switch self {
      case .paper: return .paper
      case .officialCode: return .officialCode
      case .hardware: return .hardware
      }
    }
  }

  @Option(help: ArgumentHelp("The quantizer.", valueName: "name"))
  var quantizer: Quantizer

  @Option(help: ArgumentHelp("k: the grid step is 2^(1-k) (2 to 32).", valueName: "k"))
  var bits: Int

  @Option(help: ArgumentHelp("Seed of the stochastic rounding of const.", valueName: "n"))
  var seed: UInt64 = 0

  @Option(help: ArgumentHelp("The options of the spec's ambiguities.", valueName: "name"))
  var profile: Profile = .paper

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    guard (2...32).contains(bits) else { throw ValidationError("--bits must be 2 to 32") }
  }

  func run() throws {
    let x = try WageubnInput.read(bits: bits)
    let q = WAGEUBNQuantizer(profile: profile.profile)
    let result: QuantizedTensor
    switch quantizer {
    case .direct: result = q.direct(x, bits: bits)
    case .clip: result = q.clip(x, bits: bits)
    case .shift: result = q.shift(x, bits: bits)
    case .e1: result = q.e1(x, bits: bits)
    case .e2: result = q.e2(x, bits: bits)
    case .const:
      result = q.constant(x, bits: bits, gScaleBits: bits - 1, key: StochasticKey(seed: seed))
    }
    let values = result.values
    let decimals = (0..<values.count).map { values[$0].decimalDescription }
    if json {
      try RunSummary.printJSON(WageubnQuantizeSummary(result, decimals: decimals))
      return
    }
    try StandardStreams.write(decimals.map { $0 + "\n" }.joined())
    var note = "exponent \(result.exponent)"
    if let r = result.shiftExponent { note += ", R = 2^\(r)" }
    if result.zeroScale { note += ", all zero (R undefined)" }
    note += ", \(result.events.rounded) rounded, \(result.events.overflowed) clipped\n"
    StandardStreams.writeError(note)
  }
}

/// The `--json` document of `wageubn quantize`.
struct WageubnQuantizeSummary: Encodable {
  /// The quantized values, exact decimals.
  var values: [String]
  /// The integer codes (decimal strings: they may exceed 64 bits).
  var codes: [String]
  /// value = code · 2^exponent.
  var exponent: Int
  /// r of R = 2^r, for the shift-type quantizers.
  var shiftExponent: Int?
  /// E2's flag bits (true: coarse).
  var coarse: [Bool]?
  /// The tensor was all zero.
  var zeroScale: Bool
  /// Values rounded and values clipped.
  var rounded: Int
  var clipped: Int

  init(_ q: QuantizedTensor, decimals: [String]) {
    values = decimals
    codes = q.codes.codes.map(\.description)
    exponent = q.exponent
    shiftExponent = q.shiftExponent
    coarse = q.coarse
    zeroScale = q.zeroScale
    rounded = q.events.rounded
    clipped = q.events.overflowed
  }
}
