import Foundation

/// A parsed JSON document, kept generic so readers can validate field by field and name the
/// exact path of a problem.
package enum JSONValue {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// Parses `data` strictly (see ``JSONParser``), or throws ``LogicNetsError/malformedJSON(_:)``
  /// naming the line and column of the problem.
  package static func parse(_ data: Data) throws(LogicNetsError) -> JSONValue {
    var parser = JSONParser([UInt8](data))
    return try parser.document()
  }

  /// A field of an object, or `missingField`.
  package func field(_ name: String, at path: String) throws(LogicNetsError) -> JSONValue {
    guard case .object(let members) = self else {
      throw .invalidField(path: path.isEmpty ? "(document)" : path, detail: "expected an object")
    }
    guard let value = members[name] else {
      throw .missingField(path: path.isEmpty ? name : "\(path).\(name)")
    }
    return value
  }

  /// This value as an integer in `range`.
  package func integer(at path: String, in range: ClosedRange<Int>) throws(LogicNetsError) -> Int {
    guard case .number(let x) = self, x.rounded() == x, x >= -9e15, x <= 9e15 else {
      throw .invalidField(path: path, detail: "expected an integer")
    }
    guard range.contains(Int(x)) else {
      throw .invalidField(
        path: path, detail: "\(Int(x)) is outside \(range.lowerBound)...\(range.upperBound)")
    }
    return Int(x)
  }

  /// This value as a number.
  package func number(at path: String) throws(LogicNetsError) -> Double {
    guard case .number(let x) = self else {
      throw .invalidField(path: path, detail: "expected a number")
    }
    return x
  }

  /// This value as a string.
  package func string(at path: String) throws(LogicNetsError) -> String {
    guard case .string(let s) = self else {
      throw .invalidField(path: path, detail: "expected a string")
    }
    return s
  }

  /// This value as an array.
  package func array(at path: String) throws(LogicNetsError) -> [JSONValue] {
    guard case .array(let items) = self else {
      throw .invalidField(path: path, detail: "expected an array")
    }
    return items
  }

  /// This value as an array of integers; an element that is not an integer is reported with
  /// `neuronError(index)`.
  package func integers(
    at path: String, orThrow neuronError: (Int) -> LogicNetsError
  ) throws(LogicNetsError) -> [Int] {
    let items = try array(at: path)
    var out: [Int] = []
    out.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      guard case .number(let x) = item, x.rounded() == x, abs(x) <= 9e15 else {
        throw neuronError(i)
      }
      out.append(Int(x))
    }
    return out
  }
}

extension String {
  /// This text for a one-line error message: at most 60 characters (then `…`), and control
  /// characters (a NUL, a line break, read from a file) escaped as `\u{…}`.
  var quotedForMessage: String {
    var out = ""
    for scalar in prefix(60).unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        out += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return count > 60 ? out + "…" : out
  }
}
