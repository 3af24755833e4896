import Foundation
import LogicNets

/// The `bittrue-bnn` file (version 1), documented in docs/binarized.md.
extension BinarizedNet {
  /// The `format` value of the files.
  public static let fileFormat = "bittrue-bnn"

  /// The largest input count, neuron count and layer count a file may declare.
  static let maxWidth = 1 << 20
  static let maxLayers = 64

  /// Reads a file strictly; every problem is a one-line error naming the field.
  public init(fileData data: Data) throws(BinarizedNetError) {
    let parsed:
      (
        input: InputFormat, count: Int, image: ImageShape?, features: [FeatureLayer],
        layers: [DenseLayer]
      )
    let output: (scale: [Float], offset: [Float])?
    do throws(LogicNetsError) {
      let root = try JSONValue.parse(data)
      let format = try root.field("format", at: "").string(at: "format")
      guard format == Self.fileFormat else {
        throw .invalidField(path: "format", detail: "expected '\(Self.fileFormat)'")
      }
      _ = try root.field("version", at: "").integer(at: "version", in: 1...1)
      let inputValue = try root.field("input", at: "")
      let count = try inputValue.field("count", at: "input").integer(
        at: "input.count", in: 1...Self.maxWidth)
      let input = try Self.inputFormat(inputValue)
      let image = try Self.imageShape(inputValue)
      let front = try Self.parseFeatures(root, input: input, count: count, image: image)
      let layerValues = try root.field("layers", at: "").array(at: "layers")
      guard (1...Self.maxLayers).contains(layerValues.count) else {
        throw .invalidField(path: "layers", detail: "expected 1...\(Self.maxLayers) layers")
      }
      var layers: [DenseLayer] = []
      var width = front.width
      for (l, value) in layerValues.enumerated() {
        let layer = try Self.layer(value, path: "layers[\(l)]", inputs: width)
        layers.append(layer)
        width = layer.outputs
      }
      parsed = (input, count, image, front.features, layers)
      output = try OutputAffine.fileFields(root)
    } catch {
      throw .file(error.description)
    }
    try self.init(
      input: parsed.input, inputs: parsed.count, image: parsed.image, features: parsed.features,
      layers: parsed.layers,
      outputAffine: try output.map { f throws(BinarizedNetError) in
        try OutputAffine(scale: f.scale, offset: f.offset)
      })
  }

  private static func inputFormat(_ value: JSONValue) throws(LogicNetsError) -> InputFormat {
    let kind = try value.field("kind", at: "input").string(at: "input.kind")
    switch kind {
    case "bits": return .bits
    case "uint", "int":
      let bits = try value.field("bits", at: "input").integer(at: "input.bits", in: 1...16)
      return .integers(bits: bits, signed: kind == "int")
    default:
      throw .invalidField(path: "input.kind", detail: "expected 'bits', 'uint' or 'int'")
    }
  }

  static func mode(_ name: String, path: String) throws(LogicNetsError) -> WeightMode {
    if name == "binary" { return .binary }
    if name == "ternary" { return .ternary }
    if name.hasPrefix("int"), let k = Int(name.dropFirst(3)), (2...16).contains(k),
      name.dropFirst(3).allSatisfy(\.isNumber)
    {
      return .integer(bits: k)
    }
    throw .invalidField(path: path, detail: "expected 'binary', 'ternary' or 'int2'…'int16'")
  }

  private static func layer(
    _ value: JSONValue, path: String, inputs: Int
  ) throws(LogicNetsError) -> DenseLayer {
    let mode = try mode(
      try value.field("mode", at: path).string(at: "\(path).mode"), path: "\(path).mode")
    let rows = try value.field("weights", at: path).array(at: "\(path).weights")
    guard (1...maxWidth).contains(rows.count) else {
      throw .invalidField(path: "\(path).weights", detail: "expected 1...\(maxWidth) rows")
    }
    guard rows.count <= (1 << 26) / inputs else {
      throw .invalidField(path: "\(path).weights", detail: "more than 2^26 weights")
    }
    var weights: [Int16] = []
    weights.reserveCapacity(rows.count * inputs)
    for (o, row) in rows.enumerated() {
      let rowPath = "\(path).weights[\(o)]"
      let items = try row.array(at: rowPath)
      guard items.count == inputs else {
        throw .invalidField(path: rowPath, detail: "\(items.count) entries, expected \(inputs)")
      }
      for (i, item) in items.enumerated() {
        weights.append(Int16(try item.integer(at: "\(rowPath)[\(i)]", in: mode.weightRange)))
      }
    }
    var activations: [NeuronActivation]?
    if case .object(let members) = value, let list = members["activations"] {
      let items = try list.array(at: "\(path).activations")
      guard items.count == rows.count else {
        throw .invalidField(
          path: "\(path).activations", detail: "\(items.count) entries, expected \(rows.count)")
      }
      var parsed: [NeuronActivation] = []
      for (o, item) in items.enumerated() {
        parsed.append(try activation(item, path: "\(path).activations[\(o)]"))
      }
      activations = parsed
    }
    return DenseLayer(
      mode: mode, inputs: inputs, outputs: rows.count, weights: weights,
      activations: activations)
  }

  static func activation(
    _ value: JSONValue, path: String
  ) throws(LogicNetsError) -> NeuronActivation {
    guard case .object(let members) = value, members.count == 1, let (key, x) = members.first
    else {
      throw .invalidField(
        path: path, detail: "expected one of {\"ge\": T}, {\"le\": T}, {\"const\": 0|1}")
    }
    let bound = 1 << 53
    switch key {
    case "ge": return .atLeast(try x.integer(at: "\(path).ge", in: -bound...bound))
    case "le": return .atMost(try x.integer(at: "\(path).le", in: -bound...bound))
    case "const": return .constant(try x.integer(at: "\(path).const", in: 0...1) == 1)
    default:
      throw .invalidField(
        path: path, detail: "expected one of {\"ge\": T}, {\"le\": T}, {\"const\": 0|1}")
    }
  }

  /// The file text of the net (compact JSON, one layer row per line).
  public func fileText() -> String {
    var out = "{\"format\": \"\(Self.fileFormat)\", \"version\": 1,\n"
    switch input {
    case .bits: out += " \"input\": {\"kind\": \"bits\", \"count\": \(inputs)\(shapeText)},\n"
    case .integers(let bits, let signed):
      out += " \"input\": {\"kind\": \"\(signed ? "int" : "uint")\", \"bits\": \(bits), "
      out += "\"count\": \(inputs)\(shapeText)},\n"
    }
    let layerTexts = layers.map { layer in
      let rows = (0..<layer.outputs).map { o in
        "  [" + layer.row(o).map { String($0) }.joined(separator: ",") + "]"
      }
      var text = "{\"mode\": \"\(layer.mode.name)\", \"weights\": [\n"
      text += rows.joined(separator: ",\n") + "]"
      if let activations = layer.activations {
        let items = activations.map { a -> String in
          switch a {
          case .atLeast(let t): return "{\"ge\": \(t)}"
          case .atMost(let t): return "{\"le\": \(t)}"
          case .constant(let bit): return "{\"const\": \(bit ? 1 : 0)}"
          }
        }
        text += ",\n  \"activations\": [" + items.joined(separator: ", ") + "]"
      }
      return text + "}"
    }
    let affine = outputAffine?.fileText ?? ""
    return out + featuresText + " \"layers\": [\n" + layerTexts.joined(separator: ",\n") + "]"
      + affine + "}\n"
  }
}
