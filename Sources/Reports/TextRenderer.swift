/// Prints a report as aligned plain text for the terminal.
struct TextRenderer {
  let report: NetlistReport
  let signalLimit: Int

  func render() -> String {
    let document = ReportDocument(report, signalLimit: signalLimit)
    var lines = [Self.clean(document.title)]
    for section in document.sections {
      lines.append("")
      lines.append(section.title)
      for block in section.blocks {
        switch block {
        case .line(let text): lines.append("  " + Self.clean(text))
        case .table(let table): lines += Self.lines(of: table)
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The table's lines, indented by two spaces, columns two spaces apart; numbers are
  /// right-aligned, the last text column is not padded.
  static func lines(of table: ReportDocument.Table) -> [String] {
    let rows = ([table.header] + table.rows).map { $0.map(clean) }
    let widths = table.header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
    return rows.map { row in
      var line = " "
      for (c, cell) in row.enumerated() {
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        let last = c == row.count - 1
        line += " " + (table.numeric[c] ? pad + cell : (last ? cell : cell + pad))
        if !last { line += " " }
      }
      return String(line.reversed().drop { $0 == " " }.reversed())
    }
  }

  /// One line: newlines and tabs (from names in the netlist) become spaces.
  static func clean(_ s: String) -> String {
    String(s.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}
