import CZlib

/// gzip data (RFC 1952) decompressed through zlib, chunk by chunk, with a bound on the size
/// of the result.
///
/// Every member of a multi-member file is decoded and the outputs concatenated, as `gzip -d`
/// does; zlib checks each member's CRC-32 and length. Anything after the last member that is
/// not another member is an error, and so is a stream that stops before its trailer.
public enum Gzip {
  /// The default bound on the decompressed size: 512 MiB, ten times MNIST's training images.
  /// DEFLATE expands up to ~1000-fold, so a 1 MB file could otherwise take a gigabyte (an IDX
  /// header claiming 100000×100×100 images of zeros); such a file stops here.
  public static let maxDecompressedBytes = 1 << 29

  /// Whether `bytes` start with the gzip magic number 1F 8B.
  package static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
    var i = bytes.makeIterator()
    return i.next() == 0x1F && i.next() == 0x8B
  }

  /// The decompressed content of the gzip data `bytes`; `source` (a file name) appears in
  /// error messages. More than `limit` decompressed bytes is an error.
  public static func decompress(
    _ bytes: [UInt8], source: String, limit: Int = maxDecompressedBytes
  ) throws -> [UInt8] {
    var position = 0
    return try decompress(source: source, limit: limit) {
      let end = min(position + (1 << 20), bytes.count)
      defer { position = end }
      return bytes[position..<end]
    }
  }

  /// Decompresses the gzip data that `nextChunk` returns piece by piece (an empty piece ends
  /// it); at most `limit` bytes of output.
  static func decompress(
    source: String, limit: Int, nextChunk: () throws -> ArraySlice<UInt8>
  ) throws -> [UInt8] {
    let stream = try InflateStream(source: source)
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var consumed = 0  // compressed bytes before the current chunk
    var members = 0  // members started
    var inMember = false
    while true {
      let chunk = try nextChunk()
      if chunk.isEmpty { break }
      try chunk.withUnsafeBufferPointer { input in
        var offset = 0
        while offset < input.count {
          if !inMember {
            try stream.startMember(at: consumed + offset)
            members += 1
            inMember = true
          }
          let step = try buffer.withUnsafeMutableBufferPointer { out in
            try stream.inflate(
              UnsafeBufferPointer(rebasing: input[offset...]), into: out,
              at: consumed + offset, afterMember: members > 1)
          }
          offset += step.consumed
          guard step.produced <= limit - output.count else {
            throw DatasetError.malformedGzip(
              path: source, offset: consumed + offset,
              reason: "decompresses to more than \(limit) bytes (the limit)")
          }
          output += buffer[0..<step.produced]
          if step.memberEnded { inMember = false }
        }
      }
      consumed += chunk.count
    }
    guard !inMember, members > 0 else {
      throw DatasetError.malformedGzip(
        path: source, offset: consumed,
        reason: members == 0 ? "empty file" : "truncated: the stream ends inside a member")
    }
    return output
  }
}

/// A zlib inflate state for gzip members, at a fixed address as zlib requires.
private final class InflateStream {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private let source: String
  private var initialized = false

  init(source: String) throws {
    self.source = source
    stream.initialize(to: z_stream())
  }

  deinit {
    if initialized { inflateEnd(stream) }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Prepares for a member starting at compressed byte `offset`.
  func startMember(at offset: Int) throws {
    let status: Int32
    if initialized {
      status = inflateReset(stream)
    } else {
      // 15 + 16: the largest window, gzip wrapper only.
      status = inflateInit2_(
        stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
      initialized = status == Z_OK
    }
    guard status == Z_OK else { throw failure(offset, "zlib cannot start (status \(status))") }
  }

  /// One call of zlib's `inflate`: how much input it took, how much output it wrote, and
  /// whether the member (and its trailer) ended.
  func inflate(
    _ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>,
    at offset: Int, afterMember: Bool
  ) throws -> (consumed: Int, produced: Int, memberEnded: Bool) {
    let inputCount = UInt32(min(input.count, Int(UInt32.max)))
    stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
    stream.pointee.avail_in = inputCount
    stream.pointee.next_out = output.baseAddress
    stream.pointee.avail_out = UInt32(output.count)
    let status = CZlib.inflate(stream, Z_NO_FLUSH)
    let consumed = Int(inputCount - stream.pointee.avail_in)
    let produced = output.count - Int(stream.pointee.avail_out)
    switch status {
    case Z_OK,
      Z_BUF_ERROR where consumed > 0 || produced > 0:
      return (consumed, produced, false)
    case Z_STREAM_END:
      return (consumed, produced, true)
    default:
      if afterMember && stream.pointee.total_in == UInt(consumed) && status == Z_DATA_ERROR
        && stream.pointee.total_out == 0
      {
        throw failure(offset, "trailing data after the last gzip member")
      }
      let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
      throw failure(offset + consumed, message)
    }
  }

  private func failure(_ offset: Int, _ reason: String) -> DatasetError {
    .malformedGzip(path: source, offset: offset, reason: reason)
  }
}
