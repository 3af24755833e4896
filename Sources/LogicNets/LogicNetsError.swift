import TrainingCore

/// Everything that can go wrong with user input to LogicNets: configurations, data, model
/// files and interchange files. Each case prints one line naming what is wrong and where.
public enum LogicNetsError: Error, Equatable, CustomStringConvertible {
  /// A configuration value is out of range.
  case invalidConfiguration(String)
  /// A layer cannot be wired: fewer than half as many neurons as inputs.
  case tooFewNeurons(layer: Int, inputs: Int, outputs: Int)
  /// The 'unique' scheme has fewer distinct input pairs than neurons.
  case tooFewUniquePairs(layer: Int, inputs: Int, outputs: Int)
  /// The last layer's width is not a multiple of the class count.
  case groupSumNotDivisible(neurons: Int, classes: Int)
  /// Training or evaluation data is inconsistent.
  case invalidData(String)
  /// An interchange or model file is not valid JSON.
  case malformedJSON(String)
  /// A field is missing; `path` names it, e.g. `layers[2].gates`.
  case missingField(path: String)
  /// A field has the wrong type or value; `path` names it, `detail` says what was expected.
  case invalidField(path: String, detail: String)
  /// Two arrays of one layer that must have equal lengths do not.
  case lengthMismatch(layer: Int, field: String, expected: Int, actual: Int)
  /// A neuron's input index points outside the previous layer (or the inputs).
  case indexOutOfRange(layer: Int, neuron: Int, field: String, value: Int, limit: Int)
  /// A gate id outside 0…15.
  case gateOutOfRange(layer: Int, neuron: Int, value: Int)
  /// A training option is out of range, or training diverged (from ``TrainingCore``).
  case training(TrainingError)

  /// The one-line message.
  public var description: String {
    switch self {
    case .invalidConfiguration(let message):
      return "invalid configuration: \(message)"
    case .tooFewNeurons(let layer, let inputs, let outputs):
      return "layer \(layer): \(outputs) neurons cannot use all \(inputs) inputs "
        + "(need at least \((inputs + 1) / 2))"
    case .tooFewUniquePairs(let layer, let inputs, let outputs):
      return "layer \(layer): 'unique' connections: \(inputs) inputs give fewer than "
        + "\(outputs) distinct pairs"
    case .groupSumNotDivisible(let neurons, let classes):
      return "group_sum: last layer has \(neurons) neurons, not a multiple of k = \(classes)"
    case .invalidData(let message):
      return "invalid data: \(message)"
    case .malformedJSON(let message):
      return "malformed JSON: \(message)"
    case .missingField(let path):
      return "missing field '\(path)'"
    case .invalidField(let path, let detail):
      return "field '\(path)': \(detail)"
    case .lengthMismatch(let layer, let field, let expected, let actual):
      return "layer \(layer): '\(field)' has \(actual) entries, expected \(expected)"
    case .indexOutOfRange(let layer, let neuron, let field, let value, let limit):
      return "layer \(layer), neuron \(neuron): '\(field)' = \(value) is outside 0..<\(limit)"
    case .gateOutOfRange(let layer, let neuron, let value):
      return "layer \(layer), neuron \(neuron): 'gates' = \(value) is not a gate id 0…15"
    case .training(let error):
      return error.description
    }
  }
}
