import ArgumentParser
import BitTrue

/// `bittrue wageubn`: WAGEUBN's exact integer quantizers, integer MLP training and its report.
struct WageubnCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wageubn",
    abstract: "WAGEUBN 8-bit integer training, exactly: quantizers, training, reports.",
    discussion: """
      Profiles (--profile) resolve the spec's ambiguities (docs/wageubn.md):
        paper         SQ and E1 clip to +-(2^(k-1)-1), exact R exponent
        officialCode  E1 clips to +-2^(k-1), R exponent in float32
        hardware      direct Q also saturates to k bits; activations, momentum and master
                      weights saturate to their widths; accumulators 24/32/32-bit saturating

      Examples:
        printf '0.3\\n-0.9\\n1.7\\n' | bittrue wageubn quantize --quantizer shift \\
          --bits 8
        bittrue wageubn train --dataset digits --model mlp:64-64-10 --epochs 3 --out out/w
        bittrue wageubn report out/w
      """,
    subcommands: [
      WageubnQuantizeCommand.self, WageubnTrainCommand.self, WageubnReportCommand.self,
      WageubnSweepCommand.self,
    ]
  )
}
