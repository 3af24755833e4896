import ArgumentParser
import BitTrue

/// `bittrue wageubn`: WAGEUBN's exact integer quantizers.
struct WageubnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wageubn",
    abstract: "WAGEUBN 8-bit integer training: its quantizers, exactly.",
    discussion: """
      Profiles (--profile) resolve the spec's ambiguities (docs/wageubn.md):
        paper         SQ and E1 clip to +-(2^(k-1)-1), exact R exponent
        officialCode  E1 clips to +-2^(k-1), R exponent in float32
        hardware      direct Q also saturates to k bits

      Examples:
        printf '0.3\\n-0.9\\n1.7\\n' | bittrue wageubn quantize --quantizer shift \\
          --bits 8
      """,
    subcommands: [WageubnQuantizeCommand.self]
  )
}
