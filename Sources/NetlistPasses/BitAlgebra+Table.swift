import NetlistIR

// A read-only table lookup over any bit algebra: the bit-level meaning of `rom`.

extension BitAlgebra {
  /// `table[address]`, zero when the address is at or above `table.count`, as a decoder
  /// (one line per entry, shared by every result bit) and, per result bit, the OR of the
  /// lines of the entries whose bit is one.
  ///
  /// The decoder splits the address from its most significant used bit down, so a line
  /// exists only for entries below `table.count`; address bits above the used ones must all
  /// be zero. About `2·count` gates for the decoder plus one per one bit of the table.
  package mutating func tableLookup(_ table: [BitVector], address: [Bit]) -> [Bit] {
    let used = Netlist.bitLength(table.count - 1)
    let high = address.count > used ? Array(address[used...]) : []
    var lines = [high.isEmpty ? constant(true) : not(anyOne(high))]
    for k in stride(from: min(used, address.count) - 1, through: 0, by: -1) {
      let span = 1 << k
      var next: [Bit] = []
      next.reserveCapacity(min(table.count, 2 * lines.count))
      for (prefix, line) in lines.enumerated() {
        next.append(gate(.notAAndB, address[k], line))
        if (2 * prefix + 1) * span < table.count { next.append(and(address[k], line)) }
      }
      lines = next
    }
    let width = table[0].width
    return (0..<width).map { j in
      reduce(
        lines.indices.filter { $0 < table.count && table[$0][bit: j] }.map { lines[$0] }, .or,
        empty: false)
    }
  }
}
