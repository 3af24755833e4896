import Foundation

/// A constant of the graph (an initializer or a `Constant` node's value): its shape and its
/// elements, row-major, as float32 values or as integers, by its ONNX data type.
struct Tensor: Sendable {
  /// The elements.
  enum Elements: Sendable {
    /// FLOAT (or DOUBLE holding only float32 values).
    case floats([Float])
    /// INT64, INT32 and the narrower integer types.
    case integers([Int])
  }

  let dims: [Int]
  let elements: Elements

  /// The largest tensor read (elements).
  static let maxCount = 1 << 26

  init(dims: [Int], elements: Elements) {
    self.dims = dims
    self.elements = elements
  }

  var count: Int {
    switch elements {
    case .floats(let x): return x.count
    case .integers(let x): return x.count
    }
  }

  /// The elements as floats, or `nil` for an integer tensor.
  var floats: [Float]? {
    if case .floats(let x) = elements { return x }
    return nil
  }

  /// The elements as integers, or `nil` for a float tensor.
  var integers: [Int]? {
    if case .integers(let x) = elements { return x }
    return nil
  }

  /// The element count of a shape, or `nil` when a side is negative or the product exceeds
  /// ``maxCount``.
  static func count(of dims: [Int]) -> Int? {
    var n = 1
    for d in dims {
      guard d >= 0 else { return nil }
      let (p, overflow) = n.multipliedReportingOverflow(by: d)
      guard !overflow, p <= maxCount else { return nil }
      n = p
    }
    return n
  }

  /// A tensor read from its protobuf form; the message says what is wrong.
  init(_ proto: Onnx_TensorProto) throws(TensorError) {
    guard proto.dataLocation == .default else { throw .init("external data is not supported") }
    let dims = proto.dims.map { Int(truncatingIfNeeded: $0) }
    guard proto.dims.allSatisfy({ (0...Int64(Self.maxCount)).contains($0) }),
      let count = Self.count(of: dims)
    else { throw .init("bad shape \(proto.dims)") }
    let raw = proto.hasRawData ? proto.rawData : nil
    let type = Onnx_TensorProto.DataType(rawValue: Int(proto.dataType))
    let elements: Elements
    switch type {
    case .float:
      if let raw {
        elements = .floats(
          try Self.read(raw, count, 4) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
      } else {
        elements = .floats(try Self.typed(proto.floatData, count))
      }
    case .double:
      let doubles =
        if let raw { try Self.read(raw, count, 8) { Double(bitPattern: $0) } } else {
          try Self.typed(proto.doubleData, count)
        }
      let floats = doubles.map { Float($0) }
      guard zip(doubles, floats).allSatisfy({ Double($1) == $0 }) else {
        throw .init("DOUBLE values that are not float32 values")
      }
      elements = .floats(floats)
    case .int64:
      if let raw {
        elements = .integers(try Self.read(raw, count, 8) { Int(Int64(bitPattern: $0)) })
      } else {
        elements = .integers(try Self.typed(proto.int64Data, count).map { Int($0) })
      }
    case .int32, .int16, .int8, .uint8, .uint16, .bool:
      guard raw == nil else { throw .init("raw data of type \(proto.dataType) is not supported") }
      guard proto.int32Data.count == count else {
        throw .init("\(proto.int32Data.count) values, expected \(count)")
      }
      elements = .integers(proto.int32Data.map { Int($0) })
    default:
      throw .init("data type \(proto.dataType) is not supported")
    }
    self.init(dims: dims, elements: elements)
  }

  /// `count` elements of `size` bytes each from little-endian raw bytes.
  static func read<T>(
    _ raw: Data, _ count: Int, _ size: Int, _ make: (UInt64) -> T
  ) throws(TensorError) -> [T] {
    guard raw.count == count * size else {
      throw .init("\(raw.count) raw bytes, expected \(count * size)")
    }
    let bytes = [UInt8](raw)
    return (0..<count).map { i in
      var bits: UInt64 = 0
      for k in 0..<size { bits |= UInt64(bytes[i * size + k]) << (8 * k) }
      return make(bits)
    }
  }

  /// The typed field's values, exactly `count` of them.
  static func typed<T>(_ values: [T], _ count: Int) throws(TensorError) -> [T] {
    guard values.count == count else { throw .init("\(values.count) values, expected \(count)") }
    return values
  }
}

/// Why a tensor cannot be read.
struct TensorError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
