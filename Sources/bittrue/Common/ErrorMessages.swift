import ArgumentParser
import Cosim
import Foundation

/// Every failure a command reports is one line, `Error: <message>`, on standard error.
///
/// ArgumentParser's own messages lose their help and usage lines (`--help` still prints
/// the full help); Foundation file errors become `<path>: <reason>` with the reason in words
/// (`no space left on device`, `permission denied`) instead of their raw
/// `NSCocoaErrorDomain Code=… file:///…` form.
enum ErrorMessages {
  /// The one-line message of `error` raised while parsing or running `command`.
  static func oneLine(_ error: any Error, command: ParsableCommand.Type) -> String {
    let text: String
    let domain = (error as NSError).domain
    if domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain {
      let reason = FileIO.reason(for: error)
      text = FileIO.path(in: error).map { "\($0): \(reason)" } ?? reason
    } else {
      text = command.message(for: error)
    }
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    return shorteningLongWords(lines.filter { !$0.isEmpty }.joined(separator: " "))
  }

  /// The longest word (run without spaces) a message keeps whole: a longer one is an echoed
  /// value or path (`--limit 999…` of 100 kB) and shrinks to its ``Excerpt``.
  static let longestWord = 256

  /// `message` with every word longer than ``longestWord`` shortened to its excerpt, keeping
  /// a closing quote (`'`) when the word had one.
  static func shorteningLongWords(_ message: String) -> String {
    message.split(separator: " ", omittingEmptySubsequences: false).map { word in
      guard word.count > longestWord else { return String(word) }
      let quote = word.count > 1 && word.first == "'" && word.last == "'"
      return Excerpt.of(word) + (quote ? "'" : "")
    }.joined(separator: " ")
  }

  /// `arguments` with a negative number after an option joined to it (`--seed -1` →
  /// `--seed=-1`), so the option's own validation reports it instead of ArgumentParser's
  /// "Missing value" (it takes `-1` for an option). Nothing after `--` changes.
  static func joiningNegativeValues(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" {
        result += arguments[index...]
        break
      }
      if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
        isNegativeNumber(arguments[index + 1])
      {
        result.append(argument + "=" + arguments[index + 1])
        index += 2
      } else {
        result.append(argument)
        index += 1
      }
    }
    return result
  }

  /// `-1`, `-0.5`, `-.5`, `-1e3`: a minus sign, then a digit or a point and a digit.
  private static func isNegativeNumber(_ text: String) -> Bool {
    let rest = text.utf8.dropFirst()
    guard text.utf8.first == UInt8(ascii: "-"), let first = rest.first else { return false }
    if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { return true }
    guard first == UInt8(ascii: "."), let second = rest.dropFirst().first else { return false }
    return second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")
  }
}
