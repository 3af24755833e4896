/// A short excerpt of user input for error messages, so that a 1-MB line is not echoed
/// whole: at most ``limit`` characters, then `…`.
enum Excerpt {
  /// The most characters an excerpt keeps.
  static let limit = 40

  /// `text` itself when it is short, else its first ``limit`` characters and `…`.
  static func of<S: StringProtocol>(_ text: S) -> String {
    text.count <= limit ? String(text) : String(text.prefix(limit)) + "…"
  }
}
