import IntegerTraining
import Testing

/// Spec §7 item 6: E2's flag format round-trips, and the fine code 2^(k−1) is coarse 1.
@Suite struct E2FieldsTests {
  @Test func roundTripEveryCode() {
    let k = 8
    var seen = 0
    for code in -16384...16384 {
      guard let fields = E2Fields(code: code, bits: k) else {
        #expect(code.magnitude >= 128 && (code % 128 != 0 || code.magnitude == 16384))
        continue
      }
      seen += 1
      #expect(fields.magnitude < 128 && fields.code(bits: k) == code)
    }
    // Fine 0…127 and coarse 1…127, each with both signs, zero once (as +0 and −0 alike).
    #expect(seen == 2 * 127 + 1 + 2 * 127)
    #expect(E2Fields(code: 128, bits: k) == E2Fields(code: 128, bits: k))
    let top = E2Fields(code: -128, bits: k)
    #expect(top?.coarse == true && top?.magnitude == 1 && top?.negative == true)
  }
}
