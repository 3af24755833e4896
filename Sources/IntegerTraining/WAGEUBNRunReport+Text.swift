/// The report as text (aligned columns) or Markdown (pipe tables).
extension WAGEUBNRunReport {
  /// Plain text for a terminal.
  public var text: String { render(markdown: false) }

  /// Markdown.
  public var markdown: String { render(markdown: true) }

  /// The tensors of a layer in report order.
  static let tensorOrder = ["A", "E1", "E2", "G"]
  /// The accumulators of a layer in report order.
  static let accumulatorOrder = ["forward", "error", "gradient"]

  private func render(markdown: Bool) -> String {
    let c = configuration
    var out: [String] = []
    func heading(_ title: String) { out.append(markdown ? "\n## \(title)\n" : "\n\(title)") }
    func table(_ header: [String], _ rows: [[String]]) {
      out.append(markdown ? Self.markdownTable(header, rows) : Self.textTable(header, rows))
    }
    out.append(markdown ? "# WAGEUBN training run\n" : "WAGEUBN training run")
    let model = c.architecture.name
    let facts: [(String, String)] = [
      ("data set", dataset), ("model", model), ("profile", c.profileName),
      ("arithmetic", c.arithmetic.rawValue), ("epochs", "\(c.epochs)"),
      ("batch", "\(c.batchSize)"), ("seed", "\(c.seed)"),
      ("test accuracy", Self.percent(testAccuracy)), ("weights digest", weightsDigest),
      (
        "step time",
        Self.fixed(stepSeconds, 1) + " s (" + Self.fixed(secondsPerEpoch, 1)
          + " s per epoch, \(threads) threads)"
      ),
    ]
    for (k, v) in facts { out.append(markdown ? "- \(k): \(v)" : "  \(k): \(v)") }

    heading("Format map")
    table(
      ["tensor", "container", "step", "clip", "quantizer", "arithmetic"],
      formatMap.map { [$0.tensor, $0.container, $0.step, $0.clip, $0.quantizer, $0.arithmetic] })

    heading("Accumulators")
    var accumulatorRows: [[String]] = []
    for layer in layers {
      for name in Self.accumulatorOrder {
        guard let a = layer.accumulators[name] else { continue }
        accumulatorRows.append([
          layer.name, name, c.arithmetic == .integer ? a.declared.description : "Double",
          "\(a.events.additions)",
          "\(a.events.overflows)", "\(a.events.saturations)", "\(a.events.maxBitLength)",
          a.smallestOverflowFreeWidth.map { "\($0)" } ?? "unknown (overflowed)",
        ])
      }
    }
    table(
      [
        "layer", "product", "declared", "additions", "overflows", "saturations", "widest",
        "overflow-free width",
      ], accumulatorRows)

    heading("Quantized tensors")
    var tensorRows: [[String]] = []
    for layer in layers {
      for name in Self.tensorOrder {
        guard let t = layer.tensors[name] else { continue }
        let e = t.events
        let r = t.shiftExponents
        let jumps = t.jumpSteps
        tensorRows.append([
          layer.name, name, "\(e.count)", Self.ratio(e.rounded, e.count),
          Self.ratio(e.overflowed, e.count), "\(e.maxBitLength)",
          r.isEmpty ? "—" : "\(r.min()!)…\(r.max()!)", "\(t.zeroScaleSteps.count)",
          jumps.isEmpty
            ? "0"
            : "\(jumps.count) (steps \(jumps.prefix(5).map(String.init).joined(separator: ", "))\(jumps.count > 5 ? ", …" : ""))",
        ])
      }
    }
    table(
      [
        "layer", "tensor", "elements", "rounded", "clipped", "widest bits", "r range", "R(0)",
        "r jumps (≥\(TensorRecord.jumpThreshold))",
      ], tensorRows)

    heading("Updates versus the LSB")
    table(
      [
        "layer", "updates", "zero updates", "W_q flips", "Acc saturated", "W saturated",
        "Acc bits", "W bits",
      ],
      layers.map { l in
        let u = l.updates
        return [
          l.name, "\(u.updates)", Self.ratio(u.zeroUpdates, u.updates),
          Self.ratio(u.flips, u.updates), "\(u.momentumSaturations)", "\(u.weightSaturations)",
          "\(u.momentumMaxBits)", "\(u.weightMaxBits)",
        ]
      })

    heading("Epochs")
    table(
      ["epoch", "steps", "loss", "train", "test", "overflows", "seconds"],
      epochs.map {
        [
          "\($0.epoch)", "\($0.steps)", Self.fixed($0.loss, 4), Self.percent($0.trainAccuracy),
          Self.percent($0.testAccuracy), "\($0.overflows)", Self.fixed($0.seconds, 1),
        ]
      })
    return out.joined(separator: "\n") + "\n"
  }

  static func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
    let lines =
      ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---|" }.joined()]
      + rows.map { "| " + $0.joined(separator: " | ") + " |" }
    return lines.joined(separator: "\n")
  }

  static func textTable(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
    return all.map { row in
      "  "
        + row.enumerated().map { i, cell in
          cell + String(repeating: " ", count: widths[i] - cell.count)
        }.joined(separator: "  ").trimmingTrailingSpaces
    }.joined(separator: "\n")
  }

  /// `part / whole` as a percentage with two decimals (`—` when `whole` is 0).
  static func ratio(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "—" : percent(Double(part) / Double(whole))
  }

  package static func percent(_ x: Double) -> String { fixed(x * 100, 2) + "%" }

  /// `x` with `digits` decimals, no locale.
  package static func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = String(Int(scaled - Double(whole) * scale))
    let padded = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
    return (x < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + padded : "")
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
