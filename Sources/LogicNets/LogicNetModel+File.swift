import Foundation

/// The saved form of a trainable model (`*.logicnet.json`), exact to the bit:
///
/// ```json
/// {"format": "bittrue-logicnet", "version": 1,
///  "config": {"inputs": 400, "layer_widths": [8000, …], "classes": 10, "tau": 10,
///             "connections": "unique", "initialization": {"kind": "gaussian"},
///             "seed": 0, "grad_factor": 1},
///  "layers": [{"a": [...], "b": [...], "logits": "3f8000003e99999a…"}, …],
///  "adam": {"step": 1200, "m": ["…", …], "v": ["…", …]}}
/// ```
///
/// `logits` (and each Adam moment string) holds every float of the layer as 8 hex digits
/// of its IEEE-754 bit pattern, neuron-major (neuron `j`'s gate `g` is float `16·j + g`), so
/// values round-trip exactly. `initialization` is `{"kind": "gaussian"}` or
/// `{"kind": "residual", "z": 5}`. `adam` is optional: present, it lets training resume.
extension LogicNetModel {
  /// The value of `"format"`.
  package static let fileFormat = "bittrue-logicnet"

  /// The model (and optionally its optimiser state) as a model file.
  public func fileData(adam: AdamState? = nil) -> Data {
    let record = ModelFile(
      format: Self.fileFormat, version: 1, config: ConfigRecord(config),
      layers: layers.map {
        LayerRecord(a: $0.connections.a, b: $0.connections.b, logits: HexFloats.encode($0.logits))
      },
      adam: adam.map {
        AdamRecord(
          step: $0.step, m: $0.m.map(HexFloats.encode), v: $0.v.map(HexFloats.encode))
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try! encoder.encode(record)
  }

  /// Reads a model file; returns the model and the Adam state when the file has one.
  public static func load(fileData data: Data) throws(LogicNetsError) -> (
    model: LogicNetModel, adam: AdamState?
  ) {
    // The strict reader first: syntax errors with line and column, duplicate keys and
    // non-finite numbers are rejected before the typed decoding below.
    _ = try JSONValue.parse(data)
    let record: ModelFile
    do {
      record = try JSONDecoder().decode(ModelFile.self, from: data)
    } catch {
      throw .malformedJSON("not a \(fileFormat) file (\(Self.describe(error)))")
    }
    guard record.format == fileFormat, record.version == 1 else {
      throw .invalidField(path: "format", detail: "expected \"\(fileFormat)\" version 1")
    }
    let config = try record.config.config()
    guard config.inputs <= DiscreteLogicNet.maxInputs else {
      throw .invalidField(
        path: "config.inputs",
        detail: "\(config.inputs) is outside 1...\(DiscreteLogicNet.maxInputs)")
    }
    try config.validate()
    guard record.layers.count == config.layerWidths.count else {
      throw .lengthMismatch(
        layer: record.layers.count, field: "layers", expected: config.layerWidths.count,
        actual: record.layers.count)
    }
    var layers: [LogicLayerParameters] = []
    for (l, layer) in record.layers.enumerated() {
      let width = config.layerWidths[l]
      for (field, values) in [("a", layer.a), ("b", layer.b)] where values.count != width {
        throw .lengthMismatch(layer: l, field: field, expected: width, actual: values.count)
      }
      let logits = try HexFloats.decode(
        layer.logits, count: 16 * width, path: "layers[\(l)].logits")
      layers.append(
        LogicLayerParameters(
          inputs: config.inputCount(ofLayer: l),
          connections: LayerConnections(a: layer.a, b: layer.b), logits: logits))
    }
    let model = try LogicNetModel(config: config, layers: layers)
    guard let adam = record.adam else { return (model, nil) }
    guard adam.m.count == layers.count, adam.v.count == layers.count, adam.step >= 0 else {
      throw .invalidField(path: "adam", detail: "one m and one v string per layer")
    }
    var m: [[Float]] = []
    var v: [[Float]] = []
    for l in 0..<layers.count {
      let n = layers[l].logits.count
      m.append(try HexFloats.decode(adam.m[l], count: n, path: "adam.m[\(l)]"))
      v.append(try HexFloats.decode(adam.v[l], count: n, path: "adam.v[\(l)]"))
    }
    return (model, AdamState(m: m, v: v, step: adam.step))
  }

  private static func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "unreadable" }
    switch decoding {
    case .keyNotFound(let key, let context):
      return "missing '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? "not JSON" : "bad value at '\(path)'"
    @unknown default:
      return "unreadable"
    }
  }
}

private struct ModelFile: Codable {
  var format: String
  var version: Int
  var config: ConfigRecord
  var layers: [LayerRecord]
  var adam: AdamRecord?
}

private struct LayerRecord: Codable {
  var a: [Int32]
  var b: [Int32]
  var logits: String
}

private struct AdamRecord: Codable {
  var step: Int
  var m: [String]
  var v: [String]
}

private struct InitRecord: Codable {
  var kind: String
  var z: Float?
}

private struct ConfigRecord: Codable {
  var inputs: Int
  var layerWidths: [Int]
  var classes: Int
  var tau: Float
  var connections: String
  var initialization: InitRecord
  var seed: UInt64
  var gradFactor: Float

  enum CodingKeys: String, CodingKey {
    case inputs, classes, tau, connections, initialization, seed
    case layerWidths = "layer_widths"
    case gradFactor = "grad_factor"
  }

  init(_ c: LogicNetConfig) {
    inputs = c.inputs
    layerWidths = c.layerWidths
    classes = c.classes
    tau = c.tau
    connections = c.connections.rawValue
    switch c.initialization {
    case .gaussian: initialization = InitRecord(kind: "gaussian", z: nil)
    case .residual(let z): initialization = InitRecord(kind: "residual", z: z)
    }
    seed = c.seed
    gradFactor = c.gradFactor
  }

  func config() throws(LogicNetsError) -> LogicNetConfig {
    guard let scheme = ConnectionScheme(rawValue: connections) else {
      throw .invalidField(path: "config.connections", detail: "expected \"random\" or \"unique\"")
    }
    let initialization: LogitInitialization
    switch (self.initialization.kind, self.initialization.z) {
    case ("gaussian", _): initialization = .gaussian
    case ("residual", let z?): initialization = .residual(z: z)
    default:
      throw .invalidField(
        path: "config.initialization",
        detail: "expected {\"kind\":\"gaussian\"} or {\"kind\":\"residual\",\"z\":…}")
    }
    return LogicNetConfig(
      inputs: inputs, layerWidths: layerWidths, classes: classes, tau: tau, connections: scheme,
      initialization: initialization, seed: seed, gradFactor: gradFactor)
  }
}

/// Floats as concatenated 8-digit hex bit patterns; reading rejects NaN and infinities.
enum HexFloats {
  private static let digits = Array("0123456789abcdef".utf8)

  static func encode(_ values: [Float]) -> String {
    var bytes = [UInt8]()
    bytes.reserveCapacity(values.count * 8)
    for value in values {
      let bits = value.bitPattern
      for shift in stride(from: 28, through: 0, by: -4) {
        bytes.append(digits[Int((bits >> UInt32(shift)) & 0xF)])
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func decode(_ text: String, count: Int, path: String) throws(LogicNetsError) -> [Float] {
    let bytes = Array(text.utf8)
    guard bytes.count == 8 * count else {
      throw .invalidField(
        path: path, detail: "expected \(8 * count) hex digits (\(count) floats), got \(bytes.count)"
      )
    }
    var out = [Float]()
    out.reserveCapacity(count)
    for i in 0..<count {
      var bits: UInt32 = 0
      for k in 0..<8 {
        let c = bytes[8 * i + k]
        let nibble: UInt8
        switch c {
        case 48...57: nibble = c - 48
        case 97...102: nibble = c - 87
        case 65...70: nibble = c - 55
        default:
          throw .invalidField(path: path, detail: "character \(8 * i + k) is not a hex digit")
        }
        bits = bits << 4 | UInt32(nibble)
      }
      let value = Float(bitPattern: bits)
      guard value.isFinite else {
        throw .invalidField(path: path, detail: "float \(i) is not finite (\(value))")
      }
      out.append(value)
    }
    return out
  }
}
