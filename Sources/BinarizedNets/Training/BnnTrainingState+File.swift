import Foundation
import LogicNets

/// The training-state file (`DIR/training-state`): everything needed to continue training
/// bit for bit — the configuration, Adam's step count, and per layer the float master
/// weights, batch-norm parameters and running statistics and Adam's moments. JSON; every
/// float32 is written as its IEEE-754 bit pattern (an unsigned 32-bit integer), so nothing
/// is rounded. Documented in docs/binarized.md ("Training state file").
extension BnnTrainingState {
  /// The `format` value of the files.
  public static let fileFormat = "bittrue-bnn-state"

  /// The file text.
  public func fileText() -> String {
    var out = "{\"format\": \"\(Self.fileFormat)\", \"version\": 1,\n"
    switch config.input {
    case .bits: out += " \"input\": {\"kind\": \"bits\", \"count\": \(config.inputs)},\n"
    case .integers(let bits, let signed):
      out += " \"input\": {\"kind\": \"\(signed ? "int" : "uint")\", \"bits\": \(bits), "
      out += "\"count\": \(config.inputs)},\n"
    }
    let layerList =
      (config.features.map(\.name)
      + config.layers.map { "\($0.weights.name):\($0.outputs)" }).joined(separator: ",")
    out += " \"layers\": \"\(layerList)\",\n"
    if let image = config.image {
      out += " \"image\": [\(image.channels), \(image.height), \(image.width)],\n"
    }
    switch config.estimator {
    case .ste: out += " \"act\": \"sign\",\n"
    case .reste(let o, let t):
      out += " \"act\": \"reste\", \"reste_power\": \(o.bitPattern), "
      out += "\"reste_threshold\": \(t.bitPattern),\n"
    }
    out += " \"qmode\": \"\(config.binarization.rawValue)\", "
    out += "\"output_bn\": \(config.outputBatchNorm ? 1 : 0), \"seed\": \"\(config.seed)\", "
    out += "\"batch_size\": \(config.batchSize), \"step\": \(step),\n \"state\": [\n"
    let items = (features + layers).map { layer in
      let tensors: [(String, [Float])] = [
        ("latent", layer.latent), ("gamma", layer.gamma), ("beta", layer.beta),
        ("running_mean", layer.runningMean), ("running_var", layer.runningVariance),
        ("adam_m", layer.m), ("adam_v", layer.v),
      ]
      return "  {"
        + tensors.map { name, values in
          "\"\(name)\": [" + values.map { String($0.bitPattern) }.joined(separator: ",") + "]"
        }.joined(separator: ",\n   ") + layer.prunedField + "}"
    }
    return out + items.joined(separator: ",\n") + "]}\n"
  }

  /// Reads a state file written by ``fileText()``; `options` supplies what may change
  /// between runs (epochs, learning rate, threads). Every problem is a one-line error
  /// naming the field.
  public init(fileData data: Data, options: BnnTrainingConfig) throws(BnnTrainingError) {
    do throws(LogicNetsError) {
      let root = try JSONValue.parse(data)
      guard try root.field("format", at: "").string(at: "format") == Self.fileFormat else {
        throw .invalidField(path: "format", detail: "expected '\(Self.fileFormat)'")
      }
      _ = try root.field("version", at: "").integer(at: "version", in: 1...1)
      let inputValue = try root.field("input", at: "")
      let count = try inputValue.field("count", at: "input").integer(
        at: "input.count", in: 1...(1 << 20))
      let kind = try inputValue.field("kind", at: "input").string(at: "input.kind")
      var input = InputFormat.bits
      if kind != "bits" {
        guard kind == "uint" || kind == "int" else {
          throw .invalidField(path: "input.kind", detail: "expected 'bits', 'uint' or 'int'")
        }
        let bits = try inputValue.field("bits", at: "input").integer(at: "input.bits", in: 1...16)
        input = .integers(bits: bits, signed: kind == "int")
      }
      let layerText = try root.field("layers", at: "").string(at: "layers")
      let specs: [DenseLayerSpec]
      let featureSpecs: [FeatureLayerSpec]
      do throws(BnnTrainingError) {
        (featureSpecs, specs) = try FeatureLayerSpec.parseNet(layerText)
      } catch {
        throw .invalidField(path: "layers", detail: error.description)
      }
      var image: ImageShape?
      if case .object(let members) = root, let value = members["image"] {
        let sides = try value.array(at: "image")
        guard sides.count == 3 else {
          throw .invalidField(path: "image", detail: "expected [channels, height, width]")
        }
        var n: [Int] = []
        for (k, side) in sides.enumerated() {
          n.append(try side.integer(at: "image[\(k)]", in: 1...(1 << 20)))
        }
        image = ImageShape(channels: n[0], height: n[1], width: n[2])
      }
      let act = try root.field("act", at: "").string(at: "act")
      var estimator = SignEstimator.ste
      if act == "reste" {
        func float(_ name: String) throws(LogicNetsError) -> Float {
          Float(
            bitPattern: UInt32(
              try root.field(name, at: "").integer(at: name, in: 0...Int(UInt32.max))))
        }
        estimator = .reste(power: try float("reste_power"), threshold: try float("reste_threshold"))
      } else if act != "sign" {
        throw .invalidField(path: "act", detail: "expected 'sign' or 'reste'")
      }
      let qmode = try root.field("qmode", at: "").string(at: "qmode")
      guard let binarization = Binarization(rawValue: qmode) else {
        throw .invalidField(path: "qmode", detail: "expected 'det' or 'stoch'")
      }
      let outputBN = try root.field("output_bn", at: "").integer(at: "output_bn", in: 0...1)
      let seedText = try root.field("seed", at: "").string(at: "seed")
      guard let seed = UInt64(seedText) else {
        throw .invalidField(path: "seed", detail: "expected a 64-bit unsigned integer")
      }
      let batch = try root.field("batch_size", at: "").integer(at: "batch_size", in: 1...(1 << 20))
      let step = try root.field("step", at: "").integer(at: "step", in: 0...(1 << 27))
      var config = options
      (config.input, config.inputs, config.layers, config.estimator) =
        (input, count, specs, estimator)
      (config.binarization, config.outputBatchNorm, config.seed, config.batchSize) =
        (binarization, outputBN == 1, seed, batch)
      (config.image, config.features) = (image, featureSpecs)
      do throws(BnnTrainingError) { try config.validate() } catch {
        throw .invalidField(path: "layers", detail: error.description)
      }
      let items = try root.field("state", at: "").array(at: "state")
      let front = featureSpecs.count
      guard items.count == front + specs.count else {
        throw .invalidField(path: "state", detail: "expected \(front + specs.count) layers")
      }
      let fresh = BnnTrainingState(config: config)
      var layers: [BnnLayerState] = []
      for (l, item) in items.enumerated() {
        // The sizes of a fresh state of the configuration.
        let shape = l < front ? fresh.features[l] : fresh.layers[l - front]
        let (weights, n) = (shape.latent.count, shape.gamma.count)
        func tensor(_ name: String, count: Int) throws(LogicNetsError) -> [Float] {
          let path = "state[\(l)].\(name)"
          let values = try item.field(name, at: "state[\(l)]").array(at: path)
          guard values.count == count else {
            throw .invalidField(path: path, detail: "\(values.count) entries, expected \(count)")
          }
          var out: [Float] = []
          for (k, v) in values.enumerated() {
            let bits = try v.integer(at: "\(path)[\(k)]", in: 0...Int(UInt32.max))
            let x = Float(bitPattern: UInt32(bits))
            guard x.isFinite else {
              throw .invalidField(path: "\(path)[\(k)]", detail: "not finite")
            }
            out.append(x)
          }
          return out
        }
        var layer = BnnLayerState(
          latent: try tensor("latent", count: weights),
          gamma: try tensor("gamma", count: n),
          beta: try tensor("beta", count: n),
          runningMean: try tensor("running_mean", count: n),
          runningVariance: try tensor("running_var", count: n),
          m: try tensor("adam_m", count: weights + 2 * n),
          v: try tensor("adam_v", count: weights + 2 * n))
        layer.pruned = try BnnLayerState.prunedMask(
          in: item, at: "state[\(l)]", count: l < front ? nil : config.prunableWeights(l - front))
        layers.append(layer)
      }
      self.init(
        config: config, layers: Array(layers[front...]), features: Array(layers[..<front]),
        step: step)
    } catch {
      throw .state(error.description)
    }
  }
}
