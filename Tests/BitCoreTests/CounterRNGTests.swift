import BitCore
import Testing

@Suite struct CounterRNGTests {
  /// Random123's known-answer vector for philox4x64-10 (counter 0, key 0).
  @Test func matchesRandom123KnownAnswer() {
    let b = CounterRNG(seed: 0, stream: 0).block(0)
    #expect(b.0 == 0x1655_4d9e_ca36_314c)
    #expect(b.1 == 0xdb20_fe9d_672d_0fdc)
    #expect(b.2 == 0xd7e7_72ce_e186_176b)
    #expect(b.3 == 0x7e68_b68a_ec7b_a23b)
  }

  /// `np.random.Philox(key=[1, 2]).random_raw(8)` (numpy 2.4).
  @Test func matchesNumpyStream() {
    let expected: [UInt64] = [
      0x4f2f_4313_b553_6b09, 0x5b61_7be3_219f_f32a, 0x0972_9347_6f92_75cb, 0xf63f_3bf4_962c_3942,
      0x04dc_c604_73aa_0f43, 0x6d90_5c9b_986b_0028, 0x559a_6c95_3d16_fe9d, 0xbd24_fd1d_a994_5eea,
    ]
    let rng = CounterRNG(seed: 1, stream: 2)
    #expect((0..<8).map { rng.word(at: UInt64($0)) } == expected)
    var sequential = rng.sequential()
    #expect((0..<8).map { _ in sequential.next() } == expected)
  }

  @Test func permutationIsAPermutation() {
    let p = CounterRNG(seed: 7, stream: 3).permutation(1000)
    #expect(p.sorted() == Array(0..<1000))
    #expect(p != Array(0..<1000))
    #expect(p == CounterRNG(seed: 7, stream: 3).permutation(1000))
  }

  /// Normal samples 0–7 of stream (1, 2), bit for bit. Samples 0–3 are also the correctly
  /// rounded `√(−2 ln u1)·cos(2π u2)` of their words (checked with 60-digit decimals).
  @Test func normalSamplesArePinned() {
    let rng = CounterRNG(seed: 1, stream: 2)
    let expected: [UInt64] = [
      0xbfe1_23b5_1765_73c9, 0x3fd1_0cf8_b5cd_7e76, 0xbfc6_8b6c_f968_bf8b, 0xbfb0_2cd1_151b_cf0b,
      0xbff6_89de_9998_51a1, 0x3ff0_e89f_ba7c_fb00, 0x3ff1_de2c_6394_69a3, 0xbff1_5a18_f314_249f,
    ]
    #expect((0..<8).map { rng.normal(at: UInt64($0)).bitPattern } == expected)
  }
}
