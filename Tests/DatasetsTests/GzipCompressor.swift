import CZlib

/// gzip compression through zlib for test fixtures (the reader under test only inflates).
enum GzipCompressor {
  /// `bytes` as one gzip member, compressed at `level` (0 = stored blocks … 9).
  static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer {
      deflateEnd(stream)
      stream.deinitialize(count: 1)
      stream.deallocate()
    }
    let status = deflateInit2_(
      stream, level, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK, "deflateInit2 failed")
    var input = bytes
    var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(bytes.count))) + 64)
    let written = input.withUnsafeMutableBufferPointer { inp in
      output.withUnsafeMutableBufferPointer { out in
        stream.pointee.next_in = inp.baseAddress
        stream.pointee.avail_in = UInt32(inp.count)
        stream.pointee.next_out = out.baseAddress
        stream.pointee.avail_out = UInt32(out.count)
        precondition(deflate(stream, Z_FINISH) == Z_STREAM_END, "deflate did not finish")
        return out.count - Int(stream.pointee.avail_out)
      }
    }
    return Array(output[0..<written])
  }
}
