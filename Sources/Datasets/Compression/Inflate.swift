/// A raw DEFLATE (RFC 1951) decoder: stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Every malformation is an error, never a trap: bad block type, stored length whose
/// complement does not match, over-subscribed or incomplete codes, a missing end-of-block
/// code, invalid length or distance symbols, distances reaching before the output's start,
/// and input that ends before the final block does.
enum Inflate {
  /// Decodes the DEFLATE stream that starts at byte `start` of `input`.
  ///
  /// `sizeHint` (the expected output size, e.g. gzip's ISIZE) only sizes the first output
  /// allocation. Returns the output and the offset of the first byte after the stream (the
  /// stream ends on a byte boundary). `source` names the input in error messages.
  static func decode(
    _ input: UnsafeBufferPointer<UInt8>, from start: Int, sizeHint: Int, source: String
  ) throws -> (bytes: [UInt8], end: Int) {
    guard start < input.count else {
      throw DatasetError.malformedGzip(
        path: source, offset: start, reason: "data ends inside the DEFLATE stream")
    }
    var reader = BitReader(input, start: start)
    var sink = ByteSink(capacity: max(sizeHint, 1 << 16))
    defer { sink.release() }
    let storage = UnsafeMutablePointer<UInt16>.allocate(
      capacity: 3 * HuffmanTable.storageCount + Tables.all.count)
    defer { storage.deallocate() }
    let litLen = HuffmanTable(storage: storage)
    let distance = HuffmanTable(storage: storage + HuffmanTable.storageCount)
    let codeLengths = HuffmanTable(storage: storage + 2 * HuffmanTable.storageCount)
    let constants = storage + 3 * HuffmanTable.storageCount
    constants.initialize(from: Tables.all, count: Tables.all.count)

    do {
      var isFinal = false
      while !isFinal {
        reader.refill()
        isFinal = reader.take(1) == 1
        switch reader.take(2) {
        case 0:
          try copyStoredBlock(&reader, into: &sink)
        case 1:
          try buildFixedCodes(litLen: litLen, distance: distance)
          try decodeCompressedBlock(
            &reader, litLen: litLen, distance: distance, constants: constants, into: &sink)
        case 2:
          try readDynamicCodes(
            &reader, litLen: litLen, distance: distance, codeLengths: codeLengths)
          try decodeCompressedBlock(
            &reader, litLen: litLen, distance: distance, constants: constants, into: &sink)
        default:
          throw Fault.invalid("invalid block type 3")
        }
        if reader.isOverrun { throw Fault.truncated }
      }
    } catch let fault as Fault {
      var reason = "data ends inside the DEFLATE stream"
      if case .invalid(let why) = fault, !reader.isOverrun { reason = why }
      throw DatasetError.malformedGzip(
        path: source, offset: min(reader.byteOffset, input.count), reason: reason)
    }
    reader.alignToByte()
    return (sink.array(), reader.position)
  }

  /// A malformation found while decoding (wrapped into ``DatasetError`` with the position).
  private enum Fault: Error {
    /// The input ends before the stream does.
    case truncated
    /// The stream is invalid for the stated reason.
    case invalid(String)
  }

  /// Copies a stored (uncompressed) block: LEN, its one's complement NLEN, then LEN bytes.
  private static func copyStoredBlock(
    _ reader: inout BitReader, into sink: inout ByteSink
  ) throws {
    reader.alignToByte()
    let p = reader.position
    guard p + 4 <= reader.count else { throw Fault.truncated }
    let length = Int(reader.base[p]) | Int(reader.base[p + 1]) << 8
    let complement = Int(reader.base[p + 2]) | Int(reader.base[p + 3]) << 8
    guard length == complement ^ 0xFFFF else {
      throw Fault.invalid(
        "stored block length \(length) does not match its complement \(complement)")
    }
    guard p + 4 + length <= reader.count else { throw Fault.truncated }
    sink.reserve(length)
    (sink.base + sink.count).update(from: reader.base + p + 4, count: length)
    sink.count += length
    reader.position = p + 4 + length
  }

  /// The fixed codes of RFC 1951 §3.2.6.
  private static func buildFixedCodes(litLen: HuffmanTable, distance: HuffmanTable) throws {
    var lengths = [UInt8](repeating: 8, count: 288)
    for s in 144..<256 { lengths[s] = 9 }
    for s in 256..<280 { lengths[s] = 7 }
    try build(litLen, "fixed literal/length", from: lengths[...], allowSingleCode: false)
    let distances = [UInt8](repeating: 5, count: 32)
    try build(distance, "fixed distance", from: distances[...], allowSingleCode: false)
  }

  /// Reads a dynamic block's header (RFC 1951 §3.2.7) and builds its two codes.
  private static func readDynamicCodes(
    _ reader: inout BitReader, litLen: HuffmanTable, distance: HuffmanTable,
    codeLengths: HuffmanTable
  ) throws {
    reader.refill()
    let litLenCount = reader.take(5) + 257
    let distanceCount = reader.take(5) + 1
    let codeLengthCount = reader.take(4) + 4
    guard litLenCount <= 286, distanceCount <= 30 else {
      throw Fault.invalid("too many length or distance symbols (\(litLenCount), \(distanceCount))")
    }
    var lengths = [UInt8](repeating: 0, count: 320)
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    for i in 0..<codeLengthCount {
      reader.refill()
      lengths[order[i]] = UInt8(reader.take(3))
    }
    try build(codeLengths, "code-length", from: lengths[0..<19], allowSingleCode: false)
    for i in 0..<19 { lengths[i] = 0 }

    let total = litLenCount + distanceCount
    var i = 0
    while i < total {
      reader.refill()
      let symbol = codeLengths.decode(&reader)
      if symbol < 0 { throw Fault.invalid("invalid code-length symbol") }
      if symbol < 16 {
        lengths[i] = UInt8(symbol)
        i += 1
        continue
      }
      var value: UInt8 = 0
      let repeats: Int
      switch symbol {
      case 16:
        guard i > 0 else { throw Fault.invalid("length repeat with no previous length") }
        value = lengths[i - 1]
        repeats = 3 + reader.take(2)
      case 17: repeats = 3 + reader.take(3)
      default: repeats = 11 + reader.take(7)
      }
      guard i + repeats <= total else {
        throw Fault.invalid("code lengths run past the last symbol")
      }
      for k in i..<(i + repeats) { lengths[k] = value }
      i += repeats
    }
    guard lengths[256] != 0 else { throw Fault.invalid("no end-of-block code") }
    try build(litLen, "literal/length", from: lengths[0..<litLenCount], allowSingleCode: true)
    try build(distance, "distance", from: lengths[litLenCount..<total], allowSingleCode: true)
  }

  /// Builds `table` from code lengths, naming the code in the error.
  private static func build(
    _ table: HuffmanTable, _ name: String, from lengths: ArraySlice<UInt8>, allowSingleCode: Bool
  ) throws {
    let failure = lengths.withUnsafeBufferPointer { buffer -> HuffmanTable.BuildFailure? in
      do throws(HuffmanTable.BuildFailure) {
        try table.build(lengths: buffer, allowSingleCode: allowSingleCode)
        return nil
      } catch {
        return error
      }
    }
    switch failure {
    case nil: return
    case .overSubscribed: throw Fault.invalid("over-subscribed \(name) code")
    case .incomplete: throw Fault.invalid("incomplete \(name) code")
    }
  }

  /// Decodes literals and (length, distance) pairs up to the end-of-block symbol.
  @inline(__always)
  private static func decodeCompressedBlock(
    _ reader: inout BitReader, litLen: HuffmanTable, distance: HuffmanTable,
    constants: UnsafeMutablePointer<UInt16>, into sink: inout ByteSink
  ) throws {
    let lengthBase = constants
    let lengthExtra = constants + Tables.lengthExtraOffset
    let distanceBase = constants + Tables.distanceBaseOffset
    let distanceExtra = constants + Tables.distanceExtraOffset
    while true {
      reader.refill()
      if reader.position > reader.count && reader.isOverrun { throw Fault.truncated }
      sink.reserve(258 + 8)
      var symbol = litLen.decode(&reader)
      if symbol < 256 {
        if symbol < 0 { throw Fault.invalid("invalid literal/length code") }
        sink.base[sink.count] = UInt8(truncatingIfNeeded: symbol)
        sink.count &+= 1
        continue
      }
      if symbol == 256 { return }
      symbol &-= 257
      if symbol >= 29 { throw Fault.invalid("invalid length symbol \(symbol + 257)") }
      let length = Int(lengthBase[symbol]) &+ reader.take(Int(lengthExtra[symbol]))
      let d = distance.decode(&reader)
      if d < 0 { throw Fault.invalid("invalid distance code") }
      if d >= 30 { throw Fault.invalid("invalid distance symbol \(d)") }
      let back = Int(distanceBase[d]) &+ reader.take(Int(distanceExtra[d]))
      if back > sink.count {
        throw Fault.invalid("distance \(back) reaches before the start of the output")
      }
      sink.copyMatch(distance: back, length: length)
    }
  }

  /// Base values and extra-bit counts of the length and distance symbols (RFC 1951 §3.2.5),
  /// concatenated so they can sit in the decoder's scratch memory.
  private enum Tables {
    static let lengthBase: [UInt16] = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
      131, 163, 195, 227, 258,
    ]
    static let lengthExtra: [UInt16] = [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [UInt16] = [
      1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
      2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra: [UInt16] = [
      0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
      13, 13,
    ]
    static let lengthExtraOffset = 29
    static let distanceBaseOffset = 58
    static let distanceExtraOffset = 88
    static let all = lengthBase + lengthExtra + distanceBase + distanceExtra
  }
}
