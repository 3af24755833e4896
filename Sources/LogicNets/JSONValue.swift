import Foundation

/// A parsed JSON document, kept generic so readers can validate field by field and name the
/// exact path of a problem.
enum JSONValue: Decodable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let x = try? container.decode(Double.self) {
      self = .number(x)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Parses `data`, or throws ``LogicNetsError/malformedJSON(_:)``.
  static func parse(_ data: Data) throws(LogicNetsError) -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: data)
    } catch {
      throw .malformedJSON("not a JSON document")
    }
  }

  /// A field of an object, or `missingField`.
  func field(_ name: String, at path: String) throws(LogicNetsError) -> JSONValue {
    guard case .object(let members) = self else {
      throw .invalidField(path: path.isEmpty ? "(document)" : path, detail: "expected an object")
    }
    guard let value = members[name] else {
      throw .missingField(path: path.isEmpty ? name : "\(path).\(name)")
    }
    return value
  }

  /// This value as an integer in `range`.
  func integer(at path: String, in range: ClosedRange<Int>) throws(LogicNetsError) -> Int {
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
  func number(at path: String) throws(LogicNetsError) -> Double {
    guard case .number(let x) = self else {
      throw .invalidField(path: path, detail: "expected a number")
    }
    return x
  }

  /// This value as a string.
  func string(at path: String) throws(LogicNetsError) -> String {
    guard case .string(let s) = self else {
      throw .invalidField(path: path, detail: "expected a string")
    }
    return s
  }

  /// This value as an array.
  func array(at path: String) throws(LogicNetsError) -> [JSONValue] {
    guard case .array(let items) = self else {
      throw .invalidField(path: path, detail: "expected an array")
    }
    return items
  }

  /// This value as an array of integers; an element that is not an integer is reported with
  /// `neuronError(index)`.
  func integers(
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
