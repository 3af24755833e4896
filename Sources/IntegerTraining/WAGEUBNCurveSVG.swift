/// An SVG chart of a run: train and test accuracy (left axis, percent) and the cumulative
/// accumulator overflows (right axis) after each epoch.
public enum WAGEUBNCurveSVG {
  /// The chart of `report`'s epochs.
  public static func render(_ report: WAGEUBNRunReport) -> String {
    let (width, height) = (720.0, 420.0)
    let (left, right, top, bottom) = (70.0, 80.0, 40.0, 60.0)
    let plotW = width - left - right
    let plotH = height - top - bottom
    let epochs = report.epochs
    let lastEpoch = Double(max(epochs.map(\.epoch).max() ?? 1, 1))
    let maxOverflows = Double(max(epochs.map(\.overflows).max() ?? 0, 1))
    func x(_ epoch: Int) -> Double { left + Double(epoch) / lastEpoch * plotW }
    func yAccuracy(_ a: Double) -> Double { top + plotH - a * plotH }
    func yOverflow(_ n: Int) -> Double { top + plotH - Double(n) / maxOverflows * plotH }
    func n(_ v: Double) -> String { WAGEUBNRunReport.fixed(v, 1) }
    var body: [String] = [
      "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotW))\" height=\"\(n(plotH))\" "
        + "fill=\"none\" stroke=\"#888\"/>",
      text(
        "WAGEUBN \(report.configuration.profileName), \(report.configuration.arithmetic.rawValue): "
          + report.dataset, width / 2, 24, "middle", 15),
    ]
    for i in 0...5 {
      let f = Double(i) / 5
      let gy = top + plotH - f * plotH
      body.append(
        "<line x1=\"\(n(left))\" y1=\"\(n(gy))\" x2=\"\(n(left + plotW))\" y2=\"\(n(gy))\" "
          + "stroke=\"#eee\"/>")
      body.append(text(n(f * 100) + "%", left - 6, gy + 4, "end", 11))
      body.append(
        text("\(Int((maxOverflows * f).rounded()))", left + plotW + 6, gy + 4, "start", 11))
    }
    for e in epochs { body.append(text("\(e.epoch)", x(e.epoch), top + plotH + 18, "middle", 11)) }
    body.append(text("epoch", left + plotW / 2, height - 24, "middle", 12))
    let series: [(String, String, [(Double, Double)])] = [
      ("train", "#1f77b4", epochs.map { (x($0.epoch), yAccuracy($0.trainAccuracy)) }),
      ("test", "#2ca02c", epochs.map { (x($0.epoch), yAccuracy($0.testAccuracy)) }),
      ("overflows", "#d62728", epochs.map { (x($0.epoch), yOverflow($0.overflows)) }),
    ]
    var legendX = left
    for (name, color, points) in series {
      let coordinates = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
      body.append(
        "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
      )
      for p in points {
        body.append("<circle cx=\"\(n(p.0))\" cy=\"\(n(p.1))\" r=\"3\" fill=\"\(color)\"/>")
      }
      body.append(
        "<line x1=\"\(n(legendX))\" y1=\"\(n(height - 8))\" x2=\"\(n(legendX + 18))\" "
          + "y2=\"\(n(height - 8))\" stroke=\"\(color)\" stroke-width=\"2\"/>")
      body.append(text(name, legendX + 22, height - 4, "start", 11))
      legendX += 100
    }
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
      + "viewBox=\"0 0 \(n(width)) \(n(height))\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      + body.joined(separator: "\n") + "\n</svg>\n"
  }

  private static func text(_ s: String, _ x: Double, _ y: Double, _ anchor: String, _ size: Int)
    -> String
  {
    let escaped = s.map { c -> String in
      switch c {
      case "&": return "&amp;"
      case "<": return "&lt;"
      case ">": return "&gt;"
      default: return String(c)
      }
    }.joined()
    return "<text x=\"\(WAGEUBNRunReport.fixed(x, 1))\" y=\"\(WAGEUBNRunReport.fixed(y, 1))\" "
      + "text-anchor=\"\(anchor)\" font-size=\"\(size)\" font-family=\"sans-serif\">\(escaped)</text>"
  }
}
