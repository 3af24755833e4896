import ArgumentParser
import BitTrue

/// The options of one WAGEUBN training run (`wageubn train`, and every setting of
/// `wageubn sweep`).
struct WageubnTrainOptions: ParsableArguments {
  @Option(
    help:
      "The model: mlp:<input>-<hidden>…-<classes> (e.g. mlp:784-256-10) or lenet (28×28 images, 10 classes)."
  )
  var model: String = "mlp:784-256-10"
  @Option(help: "The quantizer profile: paper, officialCode or hardware.")
  var profile: String = "paper"
  @Option(help: "Epochs.")
  var epochs: Int = 1
  @Option(help: "Samples per step.")
  var batch: Int = 64
  @Option(
    help:
      "Learning-rate / g_scale schedule: official (the recipe's phases over the epochs) or constant."
  )
  var schedule: String = "official"
  @Option(
    help: ArgumentHelp(
      "Base learning rate, a decimal (quantized to C(Q(lr,10),10), units 2^-9).",
      valueName: "decimal"))
  var lr: String = "0.05"
  @Option(help: ArgumentHelp("Run the float reference instead: float.", valueName: "float"))
  var reference: String?
  @Option(
    name: .customLong("accumulator-width"),
    help: "Declare every accumulator this wide (2...63 bits) instead of the profile's.")
  var accumulatorWidth: Int?
  @Option(
    name: .customLong("accumulator-overflow"),
    help: "With --accumulator-width: wrap or saturate (default saturate).")
  var accumulatorOverflow: String?
  @Option(
    help: ArgumentHelp(
      "Error quantizer widths, e.g. e1=8,e2=16 (2...16 bits each; default 8).",
      valueName: "class=bits,…"))
  var bits: String = "e1=8,e2=8"

  static let maximumEpochs = 10_000
  static let maximumBatch = 100_000

  func validate() throws {
    guard (1...Self.maximumEpochs).contains(epochs) else {
      throw ValidationError("--epochs must be in 1...\(Self.maximumEpochs) (got \(epochs))")
    }
    guard (1...Self.maximumBatch).contains(batch) else {
      throw ValidationError("--batch must be in 1...\(Self.maximumBatch) (got \(batch))")
    }
    if let reference, reference != "float" {
      throw ValidationError("--reference: expected float, got '\(reference)'")
    }
    if let accumulatorWidth, !(2...63).contains(accumulatorWidth) {
      throw ValidationError("--accumulator-width must be in 2...63 (got \(accumulatorWidth))")
    }
    if let accumulatorOverflow {
      guard accumulatorWidth != nil else {
        throw ValidationError("--accumulator-overflow needs --accumulator-width")
      }
      guard ["wrap", "saturate"].contains(accumulatorOverflow) else {
        throw ValidationError(
          "--accumulator-overflow: expected wrap or saturate, got '\(accumulatorOverflow)'")
      }
    }
    guard Self.parseRate(lr) != nil else {
      throw ValidationError("--lr: expected a decimal in (0, 1) such as 0.05, got '\(lr)'")
    }
    guard ["official", "constant"].contains(schedule) else {
      throw ValidationError("--schedule: expected official or constant, got '\(schedule)'")
    }
    guard WAGEUBNProfile.named.contains(where: { $0.name == profile }) else {
      throw ValidationError(
        "--profile: expected paper, officialCode or hardware, got '\(profile)'")
    }
    guard Self.parseBits(bits) != nil else {
      throw ValidationError(
        "--bits: expected class=bits pairs such as e1=8,e2=16 (classes e1, e2; bits 2...16), "
          + "got '\(Excerpt.of(bits))'")
    }
  }

  /// The most parameters (weights) of one model: three `Int64` codes each.
  static let maximumParameters = 1 << 26
  /// The most activation codes of one layer's batch (batch × width).
  static let maximumActivations = 1 << 26

  /// The model's widths, once the model, the thread count and the sizes are checked.
  func checkedWidths(threads: Int) throws -> [Int] {
    let widths = try Self.parseModel(model)
    guard threads <= TrainingLimits.maximumThreads else {
      throw CommandFailure(
        description: "--threads must be in 1...\(TrainingLimits.maximumThreads), got \(threads)")
    }
    let parameters = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    guard parameters <= Self.maximumParameters else {
      throw CommandFailure(
        description:
          "--model \(model) has \(parameters) weights; at most \(Self.maximumParameters) fit")
    }
    let widest = model == "lenet" ? WAGEUBNArchitecture.lenet.largestPerSample : widths.max()!
    guard batch * widest <= Self.maximumActivations else {
      throw CommandFailure(
        description:
          "--batch \(batch) × the widest layer (\(widest)) exceeds "
          + "\(Self.maximumActivations) activations; use a smaller batch")
    }
    return widths
  }

  /// Fails unless the model's input and class counts are the data set's.
  func check(_ widths: [Int], against loaded: WageubnData) throws {
    guard widths.first == loaded.train.features, widths.last == loaded.dataset.classCount else {
      throw CommandFailure(
        description:
          "--model \(model) needs \(widths.first!) inputs and \(widths.last!) classes; "
          + "\(loaded.dataset.name) has \(loaded.train.features) features and "
          + "\(loaded.dataset.classCount) classes")
    }
  }

  /// The configuration the options describe.
  func configuration(_ widths: [Int], seed: UInt64) -> WAGEUBNTrainingConfiguration {
    let chosen = WAGEUBNProfile.named.first { $0.name == profile }!.profile
    let rate = Self.parseRate(lr)!
    var plan: AccumulatorPlan = profile == "hardware" ? .hardware : .reference
    if let accumulatorWidth {
      plan = AccumulatorPlan(
        all: Accumulator(
          width: accumulatorWidth, overflow: accumulatorOverflow == "wrap" ? .wrap : .saturate))
    }
    return WAGEUBNTrainingConfiguration(
      widths: widths, profileName: profile, profile: chosen, plan: plan,
      schedule: schedule == "constant"
        ? .constant(numerator: rate.numerator, denominator: rate.denominator)
        : .official(epochs: epochs, numerator: rate.numerator, denominator: rate.denominator),
      arithmetic: reference == nil ? .integer : .floatReference, seed: seed, batchSize: batch,
      epochs: epochs, bits: Self.parseBits(bits)!,
      architecture: model == "lenet" ? .lenet : nil)
  }

  /// `e1=8,e2=16` → the widths (a class not named keeps 8).
  static func parseBits(_ text: String) -> WAGEUBNBitWidths? {
    var widths = ["e1": 8, "e2": 8]
    for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
      let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
      guard parts.count == 2, widths[String(parts[0])] != nil, parts[1].count <= 2,
        let k = Int(parts[1]), WAGEUBNBitWidths.allowed.contains(k)
      else { return nil }
      widths[String(parts[0])] = k
    }
    return WAGEUBNBitWidths(e1: widths["e1"]!, e2: widths["e2"]!)
  }

  /// `0.05` → 5/100: a decimal in (0, 1) with at most 9 fraction digits.
  static func parseRate(_ text: String) -> (numerator: Int64, denominator: Int64)? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == "0", (1...9).contains(parts[1].count),
      parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(parts[1]), n > 0
    else { return nil }
    var denominator: Int64 = 1
    for _ in 0..<parts[1].count { denominator *= 10 }
    return (n, denominator)
  }

  /// `mlp:784-256-10` → `[784, 256, 10]`; `lenet` → its input and class counts `[784, 10]`.
  static func parseModel(_ text: String) throws -> [Int] {
    if text == "lenet" { return [WAGEUBNArchitecture.lenet.inputCount, 10] }
    let fail = ValidationError(
      "--model: expected mlp:<input>-<hidden>…-<classes> such as mlp:784-256-10, or lenet, "
        + "got '\(Excerpt.of(text))'")
    guard text.hasPrefix("mlp:") else { throw fail }
    let parts = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
    let widths = parts.compactMap { Int($0) }
    guard widths.count == parts.count, widths.count >= 2, widths.count <= 16,
      widths.allSatisfy({ (1...65_536).contains($0) })
    else { throw fail }
    return widths
  }
}
