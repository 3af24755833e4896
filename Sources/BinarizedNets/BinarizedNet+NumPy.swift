import Foundation
import LogicNets

/// The NumPy form of a ``BinarizedNet`` (`bittrue bnn export`), documented in
/// docs/binarized.md: a folder with `manifest.json` (format `bittrue-bnn-npy`, version 1: the
/// input format and, per layer, its weight mode and file names) and per layer `l`:
/// - `layer<l>_weights.npy`: the weights, `outputs × inputs`, int8 (int16 for int9…int16);
/// - on hidden layers, `layer<l>_thresholds.npy` (int64) and `layer<l>_directions.npy`
///   (int8): neuron `o` outputs 1 when `directions[o] = 1` and `dot ≥ thresholds[o]`, when
///   `directions[o] = −1` and `dot ≤ thresholds[o]`, and always `thresholds[o]` (0 or 1)
///   when `directions[o] = 0`.
extension BinarizedNet {
  /// The `format` of the manifest.
  public static let numpyFormat = "bittrue-bnn-npy"

  /// The manifest's file name.
  public static let numpyManifest = "manifest.json"

  /// The files of the NumPy form (the manifest first), as names and contents. The form
  /// holds dense layers only: a net with a convolutional front or an output affine is an
  /// error rather than an export that silently leaves them out.
  public func numpyFiles() throws(BinarizedNetError) -> [(name: String, bytes: [UInt8])] {
    guard features.isEmpty else {
      throw .file("the NumPy form holds dense layers only; this net has a convolutional front")
    }
    guard outputAffine == nil else {
      throw .file("the NumPy form holds dense layers only; this net has an output affine")
    }
    var files: [(name: String, bytes: [UInt8])] = []
    var layerTexts: [String] = []
    for (l, layer) in layers.enumerated() {
      let weights = "layer\(l)_weights.npy"
      let itemSize = layer.mode.weightRange.upperBound > Int(Int8.max) ? 2 : 1
      files.append(
        (
          weights,
          NumPyArray(shape: [layer.outputs, layer.inputs], values: layer.weights.map { Int($0) })
            .bytes(itemSize: itemSize)
        ))
      var text = "  {\"mode\": \"\(layer.mode.name)\", \"weights\": \"\(weights)\""
      if let activations = layer.activations {
        let coded = activations.map { a -> (Int, Int) in
          switch a {
          case .atLeast(let t): return (t, 1)
          case .atMost(let t): return (t, -1)
          case .constant(let bit): return (bit ? 1 : 0, 0)
          }
        }
        let names = ("layer\(l)_thresholds.npy", "layer\(l)_directions.npy")
        files.append(
          (names.0, NumPyArray(shape: [coded.count], values: coded.map(\.0)).bytes(itemSize: 8)))
        files.append(
          (names.1, NumPyArray(shape: [coded.count], values: coded.map(\.1)).bytes(itemSize: 1)))
        text += ", \"thresholds\": \"\(names.0)\", \"directions\": \"\(names.1)\""
      }
      layerTexts.append(text + "}")
    }
    let inputText: String
    switch input {
    case .bits: inputText = "{\"kind\": \"bits\", \"count\": \(inputs)}"
    case .integers(let bits, let signed):
      inputText =
        "{\"kind\": \"\(signed ? "int" : "uint")\", \"bits\": \(bits), \"count\": \(inputs)}"
    }
    let manifest =
      "{\"format\": \"\(Self.numpyFormat)\", \"version\": 1,\n \"input\": \(inputText),\n"
      + " \"layers\": [\n" + layerTexts.joined(separator: ",\n") + "]}\n"
    return [(Self.numpyManifest, Array(manifest.utf8))] + files
  }

  /// Reads the NumPy form strictly: `manifest` is the manifest's bytes and `file(name)` the
  /// bytes of a file it names. Every problem is a one-line error naming the file (and the
  /// manifest field or array element).
  public init(
    numpyManifest manifest: [UInt8], file: (String) throws(BinarizedNetError) -> [UInt8]
  ) throws(BinarizedNetError) {
    let m = Self.numpyManifest
    let root: JSONValue
    let input: InputFormat
    let count: Int
    let layerValues: [JSONValue]
    do throws(LogicNetsError) {
      root = try JSONValue.parse(Data(manifest))
      let format = try root.field("format", at: "").string(at: "format")
      guard format == Self.numpyFormat else {
        throw .invalidField(path: "format", detail: "expected '\(Self.numpyFormat)'")
      }
      _ = try root.field("version", at: "").integer(at: "version", in: 1...1)
      let inputValue = try root.field("input", at: "")
      count = try inputValue.field("count", at: "input").integer(
        at: "input.count", in: 1...Self.maxWidth)
      input = try Self.inputFormat(inputValue)
      layerValues = try root.field("layers", at: "").array(at: "layers")
      guard (1...Self.maxLayers).contains(layerValues.count) else {
        throw .invalidField(path: "layers", detail: "expected 1...\(Self.maxLayers) layers")
      }
    } catch {
      throw .file("\(m): \(error.description)")
    }
    var layers: [DenseLayer] = []
    var width = count
    for (l, value) in layerValues.enumerated() {
      let layer = try Self.numpyLayer(
        value, path: "layers[\(l)]", inputs: width, hidden: l + 1 < layerValues.count, file: file)
      layers.append(layer)
      width = layer.outputs
    }
    do {
      try self.init(input: input, inputs: count, layers: layers)
    } catch {
      throw .file("\(m): \(error.description)")
    }
  }

  /// One layer of the manifest and the arrays it names.
  private static func numpyLayer(
    _ value: JSONValue, path: String, inputs: Int, hidden: Bool,
    file: (String) throws(BinarizedNetError) -> [UInt8]
  ) throws(BinarizedNetError) -> DenseLayer {
    let m = numpyManifest
    let mode: WeightMode
    var names: [String: String] = [:]
    do throws(LogicNetsError) {
      mode = try Self.mode(
        try value.field("mode", at: path).string(at: "\(path).mode"), path: "\(path).mode")
      for key in hidden ? ["weights", "thresholds", "directions"] : ["weights"] {
        let name = try value.field(key, at: path).string(at: "\(path).\(key)")
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"),
          !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else {
          throw .invalidField(
            path: "\(path).\(key)", detail: "'\(NumPyError.printable(name))' is not a file name")
        }
        names[key] = name
      }
      if !hidden, case .object(let members) = value,
        let extra = ["thresholds", "directions"].first(where: { members[$0] != nil })
      {
        throw .invalidField(path: "\(path).\(extra)", detail: "not allowed on the last layer")
      }
    } catch {
      throw .file("\(m): \(error.description)")
    }
    func array(_ key: String, shape: [Int?]) throws(BinarizedNetError) -> NumPyArray {
      let name = names[key]!
      let bytes = try file(name)
      let array: NumPyArray
      do throws(NumPyError) {
        array = try NumPyArray(bytes: bytes)
      } catch {
        throw .file("\(name): \(error.message)")
      }
      let matches =
        array.shape.count == shape.count
        && zip(array.shape, shape).allSatisfy { $1 == nil || $0 == $1 }
      guard matches else {
        let expected = shape.map { $0.map(String.init) ?? "N" }.joined(separator: ", ")
        throw .file("\(name): shape \(array.shape), expected (\(expected)) for \(path)")
      }
      return array
    }
    let weights = try array("weights", shape: [nil, inputs])
    let outputs = weights.shape[0]
    guard outputs >= 1 else { throw .file("\(names["weights"]!): no neurons") }
    let range = mode.weightRange
    if let bad = weights.values.firstIndex(where: { !range.contains($0) }) {
      throw .file(
        "\(names["weights"]!): element [\(bad / inputs)][\(bad % inputs)]: \(weights.values[bad]) "
          + "is outside \(range.lowerBound)...\(range.upperBound) (\(mode.name) weights)")
    }
    var activations: [NeuronActivation]?
    if hidden {
      let thresholds = try array("thresholds", shape: [outputs])
      let directions = try array("directions", shape: [outputs])
      let bounds = -(1 << 53)...(1 << 53)
      var parsed: [NeuronActivation] = []
      for o in 0..<outputs {
        let t = thresholds.values[o]
        switch directions.values[o] {
        case 1 where bounds.contains(t): parsed.append(.atLeast(t))
        case -1 where bounds.contains(t): parsed.append(.atMost(t))
        case 0 where t == 0 || t == 1: parsed.append(.constant(t == 1))
        case 1, -1:
          throw .file("\(names["thresholds"]!): element [\(o)]: \(t) is outside ±2^53")
        case 0:
          throw .file(
            "\(names["thresholds"]!): element [\(o)]: \(t) is not 0 or 1 (a constant neuron)")
        default:
          throw .file(
            "\(names["directions"]!): element [\(o)]: \(directions.values[o]) is not 1, -1 or 0")
        }
      }
      activations = parsed
    }
    return DenseLayer(
      mode: mode, inputs: inputs, outputs: outputs, weights: weights.values.map { Int16($0) },
      activations: activations)
  }
}
