import LogicNets

/// The optional `output` field of a `bittrue-bnn` file:
/// `"output": {"scale": [...], "offset": [...]}`, one float32 of each per class.
///
/// Numbers are written as the shortest decimal that reads back as the same double, and a
/// float32 is exactly a double, so writing then reading gives the same bits. The reader is
/// strict: a number that is not exactly a finite float32 value (as the JSON reader's double
/// holds it, e.g. `0.1`) is an error naming the field — nothing is rounded silently.
extension OutputAffine {
  /// The `output` field of `root`, or `nil` when absent.
  static func fileFields(
    _ root: JSONValue
  ) throws(LogicNetsError) -> (scale: [Float], offset: [Float])? {
    guard case .object(let members) = root, let value = members["output"] else { return nil }
    return (
      try floats(value.field("scale", at: "output"), path: "output.scale"),
      try floats(value.field("offset", at: "output"), path: "output.offset")
    )
  }

  private static func floats(_ value: JSONValue, path: String) throws(LogicNetsError) -> [Float] {
    let items = try value.array(at: path)
    guard (1...BinarizedNet.maxWidth).contains(items.count) else {
      throw .invalidField(path: path, detail: "expected 1...\(BinarizedNet.maxWidth) entries")
    }
    var out: [Float] = []
    for (i, item) in items.enumerated() {
      let x = try item.number(at: "\(path)[\(i)]")
      let f = Float(x)
      guard f.isFinite, Double(f) == x else {
        throw .invalidField(path: "\(path)[\(i)]", detail: "\(x) is not exactly a float32")
      }
      out.append(f)
    }
    return out
  }

  /// The `output` field's text, starting with the comma that separates it from `layers`.
  var fileText: String {
    func list(_ xs: [Float]) -> String { xs.map { Double($0).description }.joined(separator: ", ") }
    return ",\n \"output\": {\"scale\": [\(list(scale))],\n  \"offset\": [\(list(offset))]}"
  }
}
