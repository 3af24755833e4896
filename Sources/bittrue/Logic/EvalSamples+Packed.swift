import BitTrue

extension EvalSamples {
  /// The packed rows of a `.npy` file (`--packed-bits`), which must have `width` inputs.
  static func readPacked(_ path: String, width: Int) throws -> PackedSampleNPY {
    do {
      return try PackedSampleNPY.read(path, inputs: width)
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
  }

  /// The samples of `packed` as one byte (0 or 1) per input, sample after sample (for
  /// `--check`), without labels.
  static func unpacked(_ packed: PackedSampleNPY, inputs: Int, source: String) -> (
    bits: [UInt8], labels: [Int32]?, count: Int, source: String
  ) {
    var bits = [UInt8](repeating: 0, count: packed.count * inputs)
    for s in 0..<packed.count {
      for i in 0..<inputs {
        bits[s * inputs + i] = packed.rows[s * packed.rowBytes + i / 8] >> UInt8(i % 8) & 1
      }
    }
    return (bits, nil, packed.count, source)
  }
}
