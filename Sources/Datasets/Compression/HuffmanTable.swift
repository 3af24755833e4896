/// A canonical Huffman code for DEFLATE (RFC 1951 §3.2.2), decoded with one table lookup for
/// codes of up to ``fastBits`` bits and a canonical bit-by-bit walk for longer ones.
///
/// The table does not own its memory: it views storage that the caller allocates and frees
/// (see ``storageCount``), so building one per block allocates nothing.
struct HuffmanTable {
  /// Codes up to this many bits decode with one lookup.
  static let fastBits = 10
  /// Number of `UInt16` slots one table needs (lookup table, counts, symbols).
  static let storageCount = (1 << fastBits) + 16 + 320

  /// Lookup table indexed by the next `fastBits` stream bits: `symbol << 4 | length`, or 0
  /// when the code is longer than `fastBits` bits or unused.
  let fast: UnsafeMutablePointer<UInt16>
  /// `counts[len]` is the number of codes of length `len` (1 … 15).
  let counts: UnsafeMutablePointer<UInt16>
  /// The symbols ordered by (code length, symbol value): the canonical order.
  let symbols: UnsafeMutablePointer<UInt16>

  /// A table over `storage`, which must hold ``storageCount`` slots.
  init(storage: UnsafeMutablePointer<UInt16>) {
    fast = storage
    counts = storage + (1 << HuffmanTable.fastBits)
    symbols = counts + 16
  }

  /// Why a list of code lengths does not describe a usable code.
  enum BuildFailure: Error {
    /// More codes of some length than the code space allows.
    case overSubscribed
    /// Unused code space where the format requires a complete code.
    case incomplete
  }

  /// Builds the code for symbols `0 ..< lengths.count` with the given code lengths (0 = unused).
  ///
  /// An incomplete code is accepted only when `allowSingleCode` and no code is longer than one
  /// bit (a code with zero or one symbol, as zlib accepts); decoding an unused code then fails.
  func build(lengths: UnsafeBufferPointer<UInt8>, allowSingleCode: Bool) throws(BuildFailure) {
    for len in 0..<16 { counts[len] = 0 }
    for len in lengths { counts[Int(len)] &+= 1 }
    counts[0] = 0
    var left = 1
    var maxLength = 0
    for len in 1..<16 {
      left = left << 1 - Int(counts[len])
      if left < 0 { throw .overSubscribed }
      if counts[len] > 0 { maxLength = len }
    }
    if left > 0 && !(allowSingleCode && maxLength <= 1) { throw .incomplete }

    var offset = [Int](repeating: 0, count: 16)
    for len in 1..<15 { offset[len + 1] = offset[len] + Int(counts[len]) }
    for (symbol, len) in lengths.enumerated() where len != 0 {
      symbols[offset[Int(len)]] = UInt16(symbol)
      offset[Int(len)] += 1
    }

    let size = 1 << HuffmanTable.fastBits
    fast.update(repeating: 0, count: size)
    var code = 0
    var index = 0
    for len in 1...HuffmanTable.fastBits {
      for _ in 0..<Int(counts[len]) {
        let entry = symbols[index] << 4 | UInt16(len)
        var slot = Int(reversed(code, bits: len))
        while slot < size {
          fast[slot] = entry
          slot += 1 << len
        }
        code += 1
        index += 1
      }
      code <<= 1
    }
  }

  /// Decodes one symbol (the reader holds at least 15 bits); −1 for an unused code.
  @inline(__always)
  func decode(_ reader: inout BitReader) -> Int {
    let entry = fast[Int(truncatingIfNeeded: reader.peek(HuffmanTable.fastBits))]
    if entry != 0 {
      reader.consume(Int(entry & 15))
      return Int(entry >> 4)
    }
    return decodeLong(&reader)
  }

  /// The canonical walk, one bit at a time, for codes the lookup table does not hold.
  @inline(never)
  func decodeLong(_ reader: inout BitReader) -> Int {
    var bits = reader.buffer
    var code = 0
    var first = 0
    var index = 0
    for len in 1..<16 {
      code |= Int(bits & 1)
      bits >>= 1
      let count = Int(counts[len])
      if code - first < count {
        reader.consume(len)
        return Int(symbols[index + code - first])
      }
      index += count
      first = (first + count) << 1
      code <<= 1
    }
    return -1
  }

  /// The low `bits` bits of `code` in reverse order (DEFLATE sends codes MSB first).
  private func reversed(_ code: Int, bits: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: code).bitReversed >> UInt32(32 - bits)
  }
}

extension UInt32 {
  /// The 32 bits in reverse order.
  fileprivate var bitReversed: UInt32 {
    var v = self
    v = (v >> 1) & 0x5555_5555 | (v & 0x5555_5555) << 1
    v = (v >> 2) & 0x3333_3333 | (v & 0x3333_3333) << 2
    v = (v >> 4) & 0x0F0F_0F0F | (v & 0x0F0F_0F0F) << 4
    v = (v >> 8) & 0x00FF_00FF | (v & 0x00FF_00FF) << 8
    return v >> 16 | v << 16
  }
}
