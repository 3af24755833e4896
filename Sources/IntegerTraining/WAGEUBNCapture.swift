import FixedPoint

/// Integer tensors entering and leaving the WAGEUBN datapath units at chosen training steps,
/// as text vector files for hardware testbenches (`bittrue wageubn train --capture DIR`;
/// docs/wageubn.md, "Captured tensors").
///
/// Every file is one vector per line, decimal integers (hexadecimal for random words)
/// separated by single spaces; ``entries`` describes each file (the manifest).
public struct WAGEUBNCapture: Sendable {
  /// One captured file: its name, the unit it feeds and the unit's parameters.
  public struct Entry: Sendable, Codable, Hashable {
    /// The file name, e.g. `s0-dense2-forward.mac.txt`.
    public var file: String
    /// `mac`, `shift` (E1), `e2` or `stochastic`.
    public var unit: String
    /// The training step (0-based).
    public var step: Int
    /// `dense1`, `conv1`, `bn1` (the E1 at the ReLU after it) …
    public var layer: String
    /// The product (`forward`, `error`, `gradient`) or tensor (`E1`, `E2`, `G`).
    public var tensor: String
    /// Vectors (lines) in the file.
    public var vectors: Int
    /// What each line holds, in order.
    public var columns: String
    /// The unit's parameters (widths, modes, the tensor's shift exponent …).
    public var parameters: [String: Int]
  }

  /// The steps to capture.
  public let steps: Set<Int>
  /// The most dot products captured per product (the first ones, row-major).
  public let dotProducts: Int
  /// The files so far, in capture order.
  public private(set) var entries: [Entry] = []
  /// The text of each file, by name.
  public private(set) var files: [String: String] = [:]

  /// A capture of `steps`, keeping `dotProducts` dot products of each product.
  public init(steps: Set<Int>, dotProducts: Int) {
    self.steps = steps
    self.dotProducts = dotProducts
  }

  /// The signed width (≥ 2) that holds every value.
  static func width(_ values: [Int64]) -> Int {
    values.reduce(2) { max($0, IntegerRounding.signedBitLength($1)) }
  }

  private mutating func add(_ entry: Entry, _ lines: [String]) {
    entries.append(entry)
    files[entry.file] = lines.map { $0 + "\n" }.joined()
  }

  /// Records a dense product: its first ``dotProducts`` dot products as `a_0 … a_(K−1) b_0 …
  /// b_(K−1) result overflow`, where `result` is the product's output and `overflow` 1 when
  /// some addition left the declared register (checked again here, term by term in increasing
  /// index, which must give `result`).
  mutating func recordProduct(
    step: Int, layer: String, kind: LayerProduct, left: [Int64], right: [Int64],
    output: [Int64], rows: Int, n: Int, m: Int, accumulator: Accumulator
  ) {
    recordProduct(
      step: step, layer: layer, name: Self.name(kind), kind: kind, left: left, right: right,
      output: output, rows: rows, n: n, m: m, accumulator: accumulator,
      selected: Array(0..<min(dotProducts, output.count)))
  }

  /// Records a convolution's product (`forward`, `error` or `gradient`, `kind` the matrix form
  /// the stage computes it in, shapes as ``LayerProduct``): a few dot products of every
  /// channel, spread over the positions (``convolutionSelection(positions:channels:)``).
  mutating func recordConvolution(
    step: Int, layer: String, name: String, kind: LayerProduct, left: [Int64], right: [Int64],
    output: [Int64], rows: Int, n: Int, m: Int, accumulator: Accumulator
  ) {
    // forward form: output [rows, m], channel = column; gradient form: output [m, n], channel
    // = row.
    let selected =
      kind == .gradient
      ? convolutionSelection(positions: n, channels: m).map { $0.channel * n + $0.position }
      : convolutionSelection(positions: rows, channels: m).map { $0.position * m + $0.channel }
    recordProduct(
      step: step, layer: layer, name: name, kind: kind, left: left, right: right, output: output,
      rows: rows, n: n, m: m, accumulator: accumulator, selected: selected)
  }

  /// The dot products a convolution's capture keeps: for every channel (in order),
  /// `max(1, dotProducts / channels)` positions at the middles of equal slices of
  /// `0..<positions`.
  func convolutionSelection(positions: Int, channels: Int) -> [(channel: Int, position: Int)] {
    let per = min(max(1, dotProducts / max(channels, 1)), positions)
    return (0..<channels).flatMap { c in
      (0..<per).map { k in (c, ((2 * k + 1) * positions) / (2 * per)) }
    }
  }

  static func name(_ kind: LayerProduct) -> String {
    switch kind {
    case .forward: "forward"
    case .error: "error"
    case .gradient: "gradient"
    }
  }

  /// Records the dot products `selected` (indices into `output`) of a product.
  private mutating func recordProduct(
    step: Int, layer: String, name: String, kind: LayerProduct, left: [Int64], right: [Int64],
    output: [Int64], rows: Int, n: Int, m: Int, accumulator: Accumulator, selected: [Int]
  ) {
    let k: Int
    let operands: (Int) -> ([Int64], [Int64])
    switch kind {
    case .forward:
      k = n
      operands = { j in
        let (b, o) = (j / m, j % m)
        return (Array(left[b * n..<(b + 1) * n]), Array(right[o * n..<(o + 1) * n]))
      }
    case .error:
      k = m
      operands = { j in
        let (b, i) = (j / n, j % n)
        return (Array(left[b * m..<(b + 1) * m]), (0..<m).map { right[$0 * n + i] })
      }
    case .gradient:
      k = rows
      operands = { j in
        let (o, i) = (j / n, j % n)
        return ((0..<rows).map { left[$0 * m + o] }, (0..<rows).map { right[$0 * n + i] })
      }
    }
    var lines: [String] = []
    var aWidth = 2
    var bWidth = 2
    for j in selected {
      let (a, b) = operands(j)
      let (sum, overflow) = Self.accumulate(a, b, accumulator)
      precondition(sum == output[j], "the captured dot product is the product's")
      aWidth = max(aWidth, Self.width(a))
      bWidth = max(bWidth, Self.width(b))
      lines.append(
        (a + b).map(String.init).joined(separator: " ") + " \(sum) \(overflow ? 1 : 0)")
    }
    add(
      Entry(
        file: "s\(step)-\(layer)-\(name).mac.txt", unit: "mac", step: step, layer: layer,
        tensor: name, vectors: selected.count,
        columns: "a[0..K-1] b[0..K-1] accumulator overflow",
        parameters: [
          "K": k, "A_WIDTH": aWidth, "B_WIDTH": bWidth, "ACC_WIDTH": accumulator.width,
          "SATURATE": accumulator.overflow == .saturate ? 1 : 0,
        ]), lines)
  }

  /// The declared register's sum of `a·b` (added in increasing index, checked after every
  /// addition) and whether any addition overflowed.
  static func accumulate(_ a: [Int64], _ b: [Int64], _ acc: Accumulator) -> (Int64, Bool) {
    let high = (Int128(1) << (acc.width - 1)) - 1
    let low = -(Int128(1) << (acc.width - 1))
    var sum: Int128 = 0
    var overflow = false
    for (x, y) in zip(a, b) {
      sum += Int128(x) * Int128(y)
      guard sum < low || sum > high else { continue }
      overflow = true
      switch acc.overflow {
      case .saturate: sum = sum < low ? low : high
      case .wrap:
        let span = Int128(1) << acc.width
        sum = ((sum - low) % span + span) % span + low
      }
    }
    return (Int64(sum), overflow)
  }

  /// Records a shift-type quantizer (E1) or E2: one `x y` line per element; the parameters
  /// give the bits, the clip bound (E1), the tensor's shift exponent relative to the input
  /// codes (`R_CODE`, so the output step is `2^(R_CODE − (k−1))` input units for E1 and
  /// `2^(R_CODE − 2(k−1))` for E2) and `ZERO` for an all-zero tensor.
  mutating func recordQuantizer(
    step: Int, layer: String, tensor: String, input: IntegerTensor, output: QuantizedCodes,
    bits: Int, bound: Int64?
  ) {
    let unit = tensor == "E2" ? "e2" : "shift"
    var parameters = [
      "BITS": bits, "IN_WIDTH": Self.width(input.codes),
      "OUT_WIDTH": Self.width(output.tensor.codes),
      "ZERO": output.zeroScale ? 1 : 0,
      "R_CODE": output.zeroScale ? 0 : (output.shiftExponent ?? 0) - input.exponent,
      "COUNT": input.codes.count,
    ]
    if let bound { parameters["BOUND"] = Int(bound) }
    add(
      Entry(
        file: "s\(step)-\(layer)-\(tensor).\(unit).txt", unit: unit, step: step, layer: layer,
        tensor: tensor, vectors: input.codes.count, columns: "x y", parameters: parameters),
      zip(input.codes, output.tensor.codes).map { "\($0) \($1)" })
  }

  /// Records constant quantization's stochastic rounding: one `x word y` line per element
  /// (`word` the element's 64-bit random word in 16 hexadecimal digits; `y =
  /// sign(x)·clamp(⌊|x|/2^SHIFT⌋ + (word >> (64 − SHIFT) < |x| mod 2^SHIFT), BOUND)`).
  mutating func recordStochastic(
    step: Int, layer: String, input: IntegerTensor, words: [UInt64], output: QuantizedCodes,
    shift: Int, bound: Int64
  ) {
    add(
      Entry(
        file: "s\(step)-\(layer)-G.stochastic.txt", unit: "stochastic", step: step,
        layer: layer, tensor: "G", vectors: input.codes.count, columns: "x word y",
        parameters: [
          "IN_WIDTH": Self.width(input.codes), "SHIFT": shift, "BOUND": Int(bound),
          "ZERO": output.zeroScale ? 1 : 0,
        ]),
      zip(zip(input.codes, words), output.tensor.codes).map { pair, y in
        let hex = String(pair.1, radix: 16)
        return "\(pair.0) \(String(repeating: "0", count: 16 - hex.count))\(hex) \(y)"
      })
  }
}

extension WAGEUBNCapture {
  /// The random words constant quantization reads for `count` elements under `key`
  /// (element `i`: word `i mod 4` of block `i/4 + 1`).
  static func words(_ key: StochasticKey, count: Int) -> [UInt64] {
    let rng = key.rng
    return (0..<count).map { i in
      let block = rng.block(UInt64(i / 4) + 1)
      return [block.0, block.1, block.2, block.3][i % 4]
    }
  }
}
