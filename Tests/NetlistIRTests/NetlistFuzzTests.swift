import Foundation
import NetlistIR
import Testing
import _TestSupport

/// The netlist text form under the mutation fuzzer: every input gives a typed error with a
/// short one-line message, or a netlist whose widths are bounded, with no more nodes than
/// input lines; a result that verifies also round-trips through the printer.
@Suite struct NetlistFuzzTests {
  static func parse(_ data: Data) throws(NetlistError) -> Netlist {
    try NetlistText.parse(utf8: data)
  }

  /// What is wrong with a parsed netlist, or `nil`.
  static func check(_ netlist: Netlist, input: Data) -> String? {
    let lines = input.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    if netlist.nodes.count > lines { return "\(netlist.nodes.count) nodes from \(lines) lines" }
    for node in netlist.nodes where !(1...NetlistVerifier.maximumWidth).contains(node.width) {
      return "width \(node.width) out of bounds"
    }
    guard NetlistVerifier.isValid(netlist) else { return nil }
    let printed = NetlistText.print(netlist)
    guard let again = try? NetlistText.parse(printed), again == netlist else {
      return "does not round-trip"
    }
    return nil
  }

  static func run(_ inputs: [Data]? = nil, seed: UInt64 = 11) -> FuzzHarness.Report {
    let parse = { (data: Data) throws(NetlistError) -> (Netlist, Data) in
      (try Self.parse(data), data)
    }
    let check = { (result: (Netlist, Data)) in Self.check(result.0, input: result.1) }
    if let inputs {
      return FuzzHarness.run("netlist corpus", inputs: inputs, parse: parse, check: check)
    }
    return FuzzHarness.run(
      "netlist text", seeds: NetlistFuzzSeeds.all, seed: seed, count: 2000, parse: parse,
      check: check)
  }

  @Test func seedsAreValid() throws {
    for seed in NetlistFuzzSeeds.all {
      try NetlistVerifier.verify(try Self.parse(seed))
    }
  }

  @Test func mutationsGiveTypedErrorsOrValidNetlists() {
    let report = Self.run()
    print(report)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.tried >= 1000, "\(report)")
    #expect(report.rejected > 0 && report.accepted > 0, "\(report)")
  }

  @Test func pastCrashesAreTypedErrors() {
    // Inputs that crashed the parser when the fuzzer first ran (seed 11, before the parser
    // bounded its numbers), one file each.
    let inputs = FuzzCorpus.files(in: "Tests/NetlistIRTests/FuzzCorpus")
    #expect(inputs.count == 26)
    let report = Self.run(inputs)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.rejected == inputs.count, "\(report)")
  }

  @Test func theFuzzerIsDeterministic() {
    var a = Fuzzer(seed: 5)
    var b = Fuzzer(seed: 5)
    var c = Fuzzer(seed: 6)
    let x = a.mutations(of: NetlistFuzzSeeds.all, count: 50)
    #expect(x == b.mutations(of: NetlistFuzzSeeds.all, count: 50))
    #expect(x != c.mutations(of: NetlistFuzzSeeds.all, count: 50))
  }

  @Test func corpusEntriesRoundTrip() {
    let bytes = Data([0x25, 0x30, 0x0A, 0x5C, 0xFF, 0x00, 0x0D])
    #expect(FuzzCorpus.bytes(FuzzCorpus.entry(bytes)) == bytes)
  }
}
