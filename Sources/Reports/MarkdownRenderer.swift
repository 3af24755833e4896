/// Prints a report as GitHub-flavoured Markdown: a title, a `##` heading per section,
/// paragraphs and pipe tables.
struct MarkdownRenderer {
  let report: NetlistReport
  let signalLimit: Int

  func render() -> String {
    let document = ReportDocument(report, signalLimit: signalLimit)
    var lines = ["# " + Self.escape(document.title)]
    for section in document.sections {
      lines += ["", "## " + section.title]
      for block in section.blocks {
        lines.append("")
        switch block {
        case .line(let text): lines.append(Self.escape(text))
        case .table(let table): lines += Self.lines(of: table)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A pipe table; number columns right-aligned.
  static func lines(of table: ReportDocument.Table) -> [String] {
    func row(_ cells: [String]) -> String {
      "| " + cells.map { escape($0, inTable: true) }.joined(separator: " | ") + " |"
    }
    let rule = "|" + table.numeric.map { $0 ? "---:|" : "---|" }.joined()
    return [row(table.header), rule] + table.rows.map(row)
  }

  /// One line of Markdown text: newlines and tabs become spaces; characters that would
  /// start emphasis, code or HTML (and in a table, `|`) are escaped.
  static func escape(_ s: String, inTable: Bool = false) -> String {
    var out = ""
    for c in s {
      if c.isNewline || c == "\t" {
        out.append(" ")
      } else {
        if "\\`*_<>".contains(c) || (inTable && c == "|") { out.append("\\") }
        out.append(c)
      }
    }
    return out
  }
}
