import ArgumentParser
import BitTrue

/// `bittrue fixed`: bit-exact fixed-point arithmetic with ap_fixed semantics.
struct FixedCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fixed",
    abstract: "Bit-exact fixed-point arithmetic with ap_fixed semantics.",
    discussion: """
      Formats (both notations are accepted; the first is printed):
        sfix16_En8   signed, 16 bits, 8 fraction bits  (same as fix<16,8>)
        ufix8_En0    unsigned 8-bit integer            (same as ufix<8,8>)
        sfix8_E2     signed, 8 bits, step 4            (same as fix<8,10>)
        fix<W,I>     ap_fixed<W,I>: W bits, I integer bits including the sign
      Quote the ap_fixed form in a shell: 'fix<16,8>'.

      Rounding modes (--round, default TRN):
        TRN toward -inf        TRN_ZERO toward 0        RND nearest, ties up
        RND_ZERO ties to 0     RND_MIN_INF ties down    RND_INF ties from 0
        RND_CONV ties to even  STOCHASTIC up with probability = dropped
                               fraction (seeded; see 'cast --help')
      Overflow modes (--overflow, default WRAP):
        WRAP keep the low bits  SAT saturate           SAT_ZERO 0 on overflow
        SAT_SYM saturate to +-max (also -min -> -max)
        WRAP_SM sign-magnitude wrap (signed formats only)

      Examples:
        bittrue fixed info sfix16_En8
        printf '3.14159\\n' | bittrue fixed cast --to sfix8_En4 --round RND_CONV
        printf '1.5,-0.25\\n' | bittrue fixed eval --op mul --a sfix8_En4 \\
          --b sfix8_En4
      """,
    subcommands: [FixedCastCommand.self, FixedEvalCommand.self, FixedInfoCommand.self]
  )
}
