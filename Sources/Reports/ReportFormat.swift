import Foundation

/// The printed forms of a ``NetlistReport``.
public enum ReportFormat: String, CaseIterable, Sendable {
  /// Aligned plain text for the terminal.
  case text
  /// GitHub-flavoured Markdown with tables.
  case markdown
  /// Pretty, key-sorted JSON with every field.
  case json

  /// The usual file extension (`txt`, `md`, `json`).
  public var fileExtension: String {
    switch self {
    case .text: return "txt"
    case .markdown: return "md"
    case .json: return "json"
    }
  }
}

extension NetlistReport {
  /// The report as text, Markdown or JSON. Text and Markdown list every signal when there
  /// are at most `signalLimit`, else the `signalLimit / 4` widest and the `signalLimit / 4`
  /// with most spare bits (and as many narrowing changes); JSON always has everything.
  public func render(_ format: ReportFormat, signalLimit: Int = 40) -> String {
    switch format {
    case .text: return TextRenderer(report: self, signalLimit: signalLimit).render()
    case .markdown: return MarkdownRenderer(report: self, signalLimit: signalLimit).render()
    case .json: return json()
    }
  }

  /// Pretty, key-sorted JSON with a final newline: deterministic.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try! encoder.encode(self)
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Parses the JSON form; `nil` when the text is not a report.
  public static func parse(json text: String) -> NetlistReport? {
    try? JSONDecoder().decode(NetlistReport.self, from: Data(text.utf8))
  }
}
