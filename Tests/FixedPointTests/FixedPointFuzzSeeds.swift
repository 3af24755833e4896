import Foundation

/// Valid fixed-point format strings and decimal literals the fuzzer mutates.
enum FixedPointFuzzSeeds {
  static let formats: [Data] = [
    "sfix16_En8", "ufix8_En0", "sfix8_E2", "ufix12", "fix<16,8>", "ufix<8,8>",
    "ap_fixed<12,-3>", "ap_ufixed<7, 2>", " sfix4_En2\n",
  ].map { Data($0.utf8) }

  static let decimals: [Data] = [
    "3", "-0.125", ".5", "2.", "1e-3", "+7E2", "123456789.000001e-12", "-65535.99609375",
  ].map { Data($0.utf8) }
}
