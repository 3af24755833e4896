import ArgumentParser
import BitTrue

/// `bittrue fixed info`: what a format holds.
struct FixedInfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Show a format's range, resolution, width and both notations.",
    discussion: """
      Examples:
        bittrue fixed info sfix16_En8
        bittrue fixed info 'ufix<8,2>'
      """
  )

  @Argument(help: "A format, e.g. sfix16_En8 or 'fix<16,8>'.", transform: FixedArguments.format)
  var format: FixedFormat

  func run() throws {
    let f = format
    let integerNote = f.isSigned ? "integer bits including the sign" : "integer bits"
    try StandardStreams.writeLine(
      """
      format      \(f)
      ap_fixed    \(f.apFixedNotation)
      signed      \(f.isSigned ? "yes" : "no")
      width       \(f.width) bits (\(f.integerBits) \(integerNote), \(f.fractionBits) fraction bits)
      resolution  \(f.resolution) (2^\(-f.fractionBits))
      range       [\(f.minValue), \(f.maxValue)]
      codes       [\(f.minCode), \(f.maxCode)]
      """)
  }
}
