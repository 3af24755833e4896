import Testing

@testable import Datasets

/// The inputs that crashed a reader under fuzzing, kept as regression cases: each must now
/// fail with its typed one-line error.
@Suite struct FuzzCorpusTests {
  /// `idx` fuzz run (seed 0x1D8_0003, scale 30): an IDX images header with 0 records and a
  /// 33554432 × 196608 image shape passed the length check (0 bytes needed, 0 present), then
  /// cropping (and the per-pixel column names) tried to allocate 52 TB.
  @Test func zeroRecordsWithAHugeImageShape() {
    let input: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0]
    #expect(
      errorMessage { _ = try IDXReader.parse(input, source: "f.idx") }
        == "f.idx: bad IDX file: dimension 0 is 0: the file holds no elements")
  }

  /// CLI flag fuzzing: an IDX images file with a one-character name (`data info x`) trapped
  /// in Foundation's `deletingLastPathComponent` while looking for its labels file.
  @Test func oneCharacterImagesFileName() {
    #expect(
      errorMessage { _ = try IDXPair.labelsFile(forImages: "x") }
        == "x: not an IDX images file name (expected 'images' and 'idx3' in it)")
  }
}
