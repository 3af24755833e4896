/// Samples of 0/1 inputs packed eight to a byte, read from a NumPy `.npy` file: the packed
/// form of `bittrue logic eval --inputs` (with `--packed-bits`). The array is C-order uint8
/// (`|u1`) of shape (samples, ⌈inputs / 8⌉) as
/// `np.packbits(x, axis=1, bitorder="little")` writes it: input `i` of a sample is bit `i % 8`
/// (least significant first) of its byte `i / 8`, and the padding bits past the last input
/// are zero (a set one means another bit order or width, so the file is refused).
///
/// Every problem is one ``DatasetError/malformedNPY(path:field:reason:)``; a wrong width
/// names the shape the net needs.
public struct PackedSampleNPY: Equatable, Sendable {
  /// The packed rows, `rowBytes` bytes per sample.
  public let rows: [UInt8]
  /// The number of samples (the array's first dimension).
  public let count: Int
  /// The bytes of one row, ⌈inputs / 8⌉ (the array's second dimension).
  public let rowBytes: Int

  /// Reads the file at `path` (stored, not gzipped), which must hold rows of `inputs` bits.
  public static func read(_ path: String, inputs: Int) throws -> PackedSampleNPY {
    try parse(FileBytes.readRaw(path), source: path, inputs: inputs)
  }

  /// Parses a whole `.npy` file of rows of `inputs` bits; `source` names it in error messages.
  public static func parse(_ file: [UInt8], source: String, inputs: Int) throws(DatasetError)
    -> PackedSampleNPY
  {
    let rowBytes = (inputs + 7) / 8
    let (samples, columns, data) = try BinarySampleNPY.matrix(
      file, source: source, dtypes: ["|u1"], expected: "'|u1' (uint8, as np.packbits writes)")
    guard columns == rowBytes else {
      throw .malformedNPY(
        path: source, field: "shape",
        reason: "(\(samples), \(columns)): packed rows of \(inputs) inputs need shape "
          + "(\(samples), \(rowBytes))")
    }
    let rows = Array(data)
    if inputs % 8 != 0 {
      let padding = UInt8(truncatingIfNeeded: 0xFF << (inputs % 8))
      if let s = (0..<samples).first(where: { rows[$0 * rowBytes + rowBytes - 1] & padding != 0 }) {
        throw .malformedNPY(
          path: source, field: "data",
          reason: "sample \(s): padding bits past input \(inputs - 1) are set "
            + "(pack with bitorder='little')")
      }
    }
    return PackedSampleNPY(rows: rows, count: samples, rowBytes: rowBytes)
  }
}
