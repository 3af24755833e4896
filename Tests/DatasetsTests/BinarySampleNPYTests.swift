import Datasets
import Testing

/// The strict `.npy` reader of `logic eval --inputs`: files as NumPy writes them, and one
/// pinned message per kind of malformed file.
@Suite struct BinarySampleNPYTests {
  /// A `.npy` file: `header` padded with spaces and a line break as NumPy pads it (to a
  /// multiple of 64 bytes with the preamble), then `data`.
  static func file(_ header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    let preamble = version == 1 ? 10 : 12
    var text = Array(header.utf8)
    while (preamble + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    var out = BinarySampleNPY.magic + [version, 0]
    let length = text.count
    out +=
      version == 1
      ? [UInt8(length & 0xFF), UInt8(length >> 8)]
      : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), 0, 0]
    return out + text + data
  }

  static let bools = "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }"

  @Test(arguments: [UInt8(1), 2, 3])
  func readsBoolAndUInt8ArraysOfEveryVersion(version: UInt8) throws {
    let data: [UInt8] = [1, 0, 1, 0, 0, 1]
    let a = try BinarySampleNPY.parse(
      Self.file(Self.bools, data: data, version: version), source: "x.npy")
    #expect(a.bits == data && a.count == 2 && a.featureCount == 3)
    let u8 = "{\"descr\": \"|u1\", \"shape\": (3, 2), \"fortran_order\": False}"
    let b = try BinarySampleNPY.parse(Self.file(u8, data: data, version: version), source: "x.npy")
    #expect(b.bits == data && b.count == 3 && b.featureCount == 2)
    let empty = "{'descr': '|b1', 'fortran_order': False, 'shape': (0, 5), }"
    let c = try BinarySampleNPY.parse(Self.file(empty, data: []), source: "x.npy")
    #expect(c.count == 0 && c.featureCount == 5)
  }

  @Test(arguments: [
    (
      Array("not numpy".utf8),
      "x.npy: bad .npy file: magic: the file does not start with \\x93NUMPY"
    ),
    (
      BinarySampleNPY.magic + [1],
      "x.npy: bad .npy file: version: the file ends inside the preamble"
    ),
    (
      BinarySampleNPY.magic + [4, 0, 0, 0],
      "x.npy: bad .npy file: version: format 4.0 is not 1.0, 2.0 or 3.0"
    ),
    (
      BinarySampleNPY.magic + [1, 0, 200, 0, 0x7B],
      "x.npy: bad .npy file: header_len: 200 header bytes, the file has fewer"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data: []),
      "x.npy: bad .npy file: descr: dtype '<f4' is not '|b1' (bool) or '|u1' (uint8)"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': True, 'shape': (2, 3), }", data: [0, 0, 0, 0, 0, 0]),
      "x.npy: bad .npy file: fortran_order: Fortran (column-major) order is not supported; save C order"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': False, 'shape': (6,), }", data: [0, 0, 0, 0, 0, 0]),
      "x.npy: bad .npy file: shape: 1 dimensions, expected 2 (samples, inputs)"
    ),
    (
      BinarySampleNPYTests.file(BinarySampleNPYTests.bools, data: [0, 1, 0]),
      "x.npy: bad .npy file: data: shape (2, 3) needs 2·3 bytes, found 3"
    ),
    (
      BinarySampleNPYTests.file(BinarySampleNPYTests.bools, data: [0, 1, 0, 1, 2, 0]),
      "x.npy: bad .npy file: data: sample 1, input 1: value 2 is not 0 or 1"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}", data: []),
      "x.npy: bad .npy file: extra: unknown key (expected descr, fortran_order, shape)"
    ),
    (
      BinarySampleNPYTests.file("{'descr': '|b1', 'descr': '|b1'}", data: []),
      "x.npy: bad .npy file: descr: appears twice"
    ),
    (
      BinarySampleNPYTests.file("{'descr': '|b1', 'fortran_order': False}", data: []),
      "x.npy: bad .npy file: shape: missing"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': False, 'shape': (2, -3), }", data: []),
      "x.npy: bad .npy file: shape: expected a tuple of non-negative integers"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': False, 'shape': (99999999999999, 3), }", data: []),
      "x.npy: bad .npy file: shape: expected a tuple of non-negative integers"
    ),
    (
      BinarySampleNPYTests.file(
        "{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3)} x", data: []),
      "x.npy: bad .npy file: header: unexpected text after '}'"
    ),
    (
      BinarySampleNPYTests.file("['descr']", data: []),
      "x.npy: bad .npy file: header: does not start with '{'"
    ),
    (
      BinarySampleNPYTests.file("{'descr': '|b1' 'shape': (2, 3)}", data: []),
      "x.npy: bad .npy file: header: expected ',' or '}' after descr"
    ),
  ])
  func malformedFilesGiveOneLineErrors(file: [UInt8], message: String) {
    #expect {
      _ = try BinarySampleNPY.parse(file, source: "x.npy")
    } throws: { error in
      (error as? DatasetError)?.description == message
    }
  }

  /// Every prefix of a valid file and every single-byte change of it is read or rejected
  /// with a DatasetError; nothing traps.
  @Test func truncationsAndByteFlipsNeverTrap() {
    let valid = Self.file(Self.bools, data: [1, 0, 1, 0, 0, 1])
    var variants = (0..<valid.count).map { Array(valid[..<$0]) }
    for i in valid.indices {
      for value: UInt8 in [0, 0x27, 0x28, 0x29, 0x2C, 0x7B, 0x7D, 0xFF] {
        var v = valid
        v[i] = value
        variants.append(v)
      }
    }
    for v in variants {
      do {
        _ = try BinarySampleNPY.parse(v, source: "f")
      } catch {
        #expect(error.description.hasPrefix("f: bad .npy file: "))
      }
    }
  }
}
