import Foundation

/// A self-contained SVG chart of a training log: training loss (left axis) and the
/// evaluated model's train / validation / test accuracy in percent (right axis) against the
/// iteration.
public enum TrainingCurveSVG {
  private static let width = 720.0
  private static let height = 420.0
  private static let left = 70.0
  private static let right = 70.0
  private static let top = 40.0
  private static let bottom = 60.0

  /// The chart as an SVG document; `accuracyAxis` labels the right axis (logic nets say
  /// `accuracy (discretised)`).
  public static func render(
    _ log: [TrainingLogEntry], title: String, accuracyAxis: String = "accuracy"
  ) -> String {
    let plotW = width - left - right
    let plotH = height - top - bottom
    let maxIteration = Double(max(log.map(\.iteration).max() ?? 1, 1))
    let losses = log.map(\.loss).filter(\.isFinite)
    let maxLoss = niceCeiling(losses.max() ?? 1)
    let accuracies = log.flatMap { [$0.trainAccuracy, $0.validationAccuracy, $0.testAccuracy] }
      .compactMap { $0 }
    let minAccuracy = niceFloor(accuracies.min().map { $0 * 100 } ?? 0)
    func x(_ iteration: Int) -> Double { left + Double(iteration) / maxIteration * plotW }
    func yLoss(_ loss: Double) -> Double { top + plotH - loss / maxLoss * plotH }
    func yAccuracy(_ fraction: Double) -> Double {
      top + plotH - (fraction * 100 - minAccuracy) / (100 - minAccuracy) * plotH
    }

    var svg = SVGDocument(width: width, height: height)
    svg.rect(x: left, y: top, width: plotW, height: plotH, stroke: "#888")
    svg.text(title, x: width / 2, y: 24, anchor: "middle", size: 15)
    for i in 0...5 {
      let f = Double(i) / 5
      let gy = top + plotH - f * plotH
      svg.line(x1: left, y1: gy, x2: left + plotW, y2: gy, stroke: "#eee")
      svg.text(fixed(maxLoss * f, 2), x: left - 6, y: gy + 4, anchor: "end", size: 11)
      svg.text(
        fixed(minAccuracy + (100 - minAccuracy) * f, 1) + "%", x: left + plotW + 6, y: gy + 4,
        anchor: "start", size: 11)
      let iteration = Int((maxIteration * f).rounded())
      svg.text("\(iteration)", x: x(iteration), y: top + plotH + 18, anchor: "middle", size: 11)
    }
    svg.text("iteration", x: left + plotW / 2, y: height - 22, anchor: "middle", size: 12)
    svg.text("loss", x: 18, y: top + plotH / 2, anchor: "middle", size: 12)
    svg.text(
      accuracyAxis, x: width - 14, y: top + plotH / 2, anchor: "middle", size: 12,
      rotate: 90)

    let series: [(String, String, [(Double, Double)])] = [
      (
        "loss", "#d62728", log.filter { $0.loss.isFinite }.map { (x($0.iteration), yLoss($0.loss)) }
      ),
      ("train", "#1f77b4", log.map { (x($0.iteration), yAccuracy($0.trainAccuracy)) }),
      (
        "valid", "#9467bd",
        log.compactMap { e in e.validationAccuracy.map { (x(e.iteration), yAccuracy($0)) } }
      ),
      (
        "test", "#2ca02c",
        log.compactMap { e in e.testAccuracy.map { (x(e.iteration), yAccuracy($0)) } }
      ),
    ]
    var legendX = left
    for (name, color, points) in series where !points.isEmpty {
      svg.polyline(points, stroke: color)
      svg.line(x1: legendX, y1: height - 8, x2: legendX + 18, y2: height - 8, stroke: color)
      svg.text(name, x: legendX + 22, y: height - 4, anchor: "start", size: 11)
      legendX += 80
    }
    return svg.finish()
  }

  private static func niceCeiling(_ x: Double) -> Double {
    guard x > 0 else { return 1 }
    var step = 0.01
    while step * 10 < x { step *= 10 }
    return (x / step).rounded(.up) * step
  }

  private static func niceFloor(_ percent: Double) -> Double {
    min(90, max(0, (percent / 10).rounded(.down) * 10))
  }
}

/// A minimal SVG writer: shapes and text appended in order.
struct SVGDocument {
  private var body: [String] = []
  private let width: Double
  private let height: Double

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  mutating func rect(x: Double, y: Double, width: Double, height: Double, stroke: String) {
    body.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
        + "fill=\"none\" stroke=\"\(stroke)\"/>")
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String) {
    body.append(
      "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" "
        + "stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
  }

  mutating func polyline(_ points: [(Double, Double)], stroke: String) {
    let coordinates = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    body.append(
      "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\"/>")
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String, size: Int, rotate: Int = 0
  ) {
    let transform = rotate == 0 ? "" : " transform=\"rotate(\(rotate) \(n(x)) \(n(y)))\""
    body.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" "
        + "font-family=\"sans-serif\"\(transform)>\(escape(content))</text>")
  }

  func finish() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
      + "viewBox=\"0 0 \(n(width)) \(n(height))\">\n"
      + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      + body.joined(separator: "\n") + "\n</svg>\n"
  }

  private func n(_ v: Double) -> String { fixed(v, 1) }

  private func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }
}
