import ArgumentParser
import BitTrue
import Foundation

/// A user-input error at one line of the input, printed as `<input>:<line>: <message>`.
struct FixedInputError: Error, CustomStringConvertible {
  /// The input's name: a file path or `<stdin>`.
  var input: String
  /// The 1-based line number.
  var line: Int
  /// What is wrong.
  var message: String

  var description: String { "\(input):\(line): \(message)" }
}

/// Errors of the `fixed` commands that are not tied to an input line.
enum FixedCommandError: Error, CustomStringConvertible {
  /// `--input` names a file that cannot be read.
  case unreadableInput(String)
  /// The input is not UTF-8 text.
  case notText(String)

  var description: String {
    switch self {
    case .unreadableInput(let path): return "cannot read input file '\(path)'"
    case .notText(let name): return "\(name) is not UTF-8 text"
    }
  }
}

/// Option transforms shared by the `fixed` commands (their errors become one-line messages).
enum FixedArguments {
  @Sendable static func format(_ text: String) throws -> FixedFormat {
    try FixedFormat(parsing: text)
  }

  @Sendable static func rounding(_ text: String) throws -> RoundingMode {
    try RoundingMode(parsing: text)
  }

  @Sendable static func overflow(_ text: String) throws -> OverflowMode {
    try OverflowMode(parsing: text)
  }
}

/// How a value is brought into a narrower format: `--round`, `--overflow` and the `--seed` of
/// the STOCHASTIC stream, shared by `fixed cast` and `fixed eval`.
struct QuantizationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Rounding mode (default TRN).", valueName: "mode"),
    transform: FixedArguments.rounding)
  var round: RoundingMode = .trn

  @Option(
    help: ArgumentHelp("Overflow mode (default WRAP).", valueName: "mode"),
    transform: FixedArguments.overflow)
  var overflow: OverflowMode = .wrap

  @Option(help: ArgumentHelp("Seed of the STOCHASTIC rounding stream.", valueName: "n"))
  var seed: UInt64 = 0
}

/// The lines of the input: a file, or standard input when no path is given.
struct InputLines {
  /// How errors name the input.
  let name: String
  /// The lines without their line breaks (a final line break ends the last line).
  let lines: [Substring]

  init(path: String?) throws {
    let data: Data
    if let path {
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw FixedCommandError.unreadableInput(path)
      }
      data = contents
      name = path
    } else {
      data = try StandardStreams.readInput()
      name = "<stdin>"
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw FixedCommandError.notText(name)
    }
    // "\r\n" is one Character in Swift, so both line-break styles are separators here.
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    if lines.last?.isEmpty == true { lines.removeLast() }
    self.lines = lines
  }

  /// An error at 0-based line `index`.
  func error(at index: Int, _ message: String) -> FixedInputError {
    FixedInputError(input: name, line: index + 1, message: message)
  }

  /// The exact decimal on line `index` (surrounding blanks ignored); a message that echoes
  /// the text shows an ``Excerpt`` of it.
  func decimal(_ text: Substring, at index: Int) throws -> DecimalNumber {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty { throw error(at: index, "empty line") }
    do {
      return try DecimalNumber(parsing: trimmed)
    } catch {
      let message = error.description.replacingOccurrences(of: trimmed, with: Excerpt.of(trimmed))
      throw self.error(at: index, message)
    }
  }
}

/// How a result value is printed.
struct ValuePrinting: ParsableArguments {
  @Flag(help: "Print the raw integer code instead of the value.")
  var raw = false

  @Flag(help: "Print the raw bits in hex (0x…, ⌈W/4⌉ digits) instead of the value.")
  var hex = false

  func validate() throws {
    if raw && hex { throw ValidationError("--raw and --hex cannot be combined") }
  }

  /// One output line for `value`.
  func text(_ value: Fixed) -> String {
    if raw { return value.code.description }
    if hex { return value.hexBits }
    return value.decimalDescription
  }

  /// Writes one line per element to standard output in one piece (nothing is written before
  /// every line has been computed).
  func write(_ values: FixedArray) throws {
    var out = ""
    out.reserveCapacity(values.count * 8)
    for value in values {
      out += text(value)
      out += "\n"
    }
    try StandardStreams.write(out)
  }
}
