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
}
