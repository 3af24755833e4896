import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// Emitter behaviour that needs no simulator: determinism, legal names, errors, manifests.
struct EmitterTests {
  @Test func emissionIsDeterministicAndLeavesTheNetlistAlone() throws {
    var rng = SeededRandom(seed: 0xE1)
    let netlist = RandomNetlists.mixed(
      widths: [7, 33, 65], nodes: 60, registers: true, using: &rng)
    let before = netlist
    let a = try VerilogEmitter.emit(netlist)
    let b = try VerilogEmitter.emit(netlist)
    #expect(a.verilog == b.verilog)
    #expect(a.manifest == b.manifest)
    #expect(netlist == before)
  }

  @Test func headerAndManifestCarryTheSourceHash() throws {
    var n = Netlist(name: "h")
    n.output("y", n.not(n.input("x", width: 4)))
    let design = try VerilogEmitter.emit(n)
    let hash = ContentHash.sha256(NetlistText.print(n))
    #expect(design.verilog.contains("// Source sha256 \(hash)\n"))
    #expect(design.manifest.sourceHash == hash)
    #expect(design.manifest.clocked == false && design.manifest.reset == nil)
    #expect(!design.verilog.contains("clk"))
    #expect(PortManifest.parse(design.manifest.json()) == design.manifest)
  }

  @Test func legalIdentifiers() {
    #expect(VerilogNames.legalize("module") == "module_v")
    #expect(VerilogNames.legalize("a b") == "a_b")
    #expect(VerilogNames.legalize("3x") == "s_3x")
    #expect(VerilogNames.legalize("__z__") == "s_z")
    #expect(VerilogNames.legalize("") == "s")
    #expect(VerilogNames.legalize("Ünïcode") == "s_n_code")
    #expect(VerilogNames.legalize("class") == "class_v")
    #expect(VerilogNames.legalize("delete") == "delete_v")
    #expect(VerilogNames.legalize("eval") == "eval_v")
    #expect(VerilogNames.legalize("rootp") == "rootp_v")
    #expect(VerilogNames.legalize("linux") == "linux_v")
    #expect(VerilogNames.legalize("EOF") == "EOF_v")
    #expect(VerilogNames.legalize("X1") == "X1_v")
    #expect(VerilogNames.legalize("Xy") == "Xy")
    var table = VerilogNames(reserving: ["clk"])
    #expect(table.claim("clk") == "clk_1")
    #expect(table.claim("x") == "x")
    #expect(table.claim("x") == "x_1")
    #expect(table.claim("x_1") == "x_1_1")
  }

  @Test func namesCannotBreakOutOfTheHeaderComment() throws {
    var n = Netlist(name: "evil\nmodule x;")
    n.output("y\rz", n.input("a\nb", width: 1))
    let design = try VerilogEmitter.emit(n)
    let beforeModule = design.verilog.components(separatedBy: "\nmodule ")[0]
    #expect(beforeModule.split(separator: "\n").allSatisfy { $0.hasPrefix("//") })
    #expect(design.moduleName == "evil_module_x")
  }

  @Test func moduleNamesAvoidPrimitives() throws {
    var n = Netlist(name: "shift_round")
    n.output("y", n.input("x", width: 1))
    #expect(try VerilogEmitter.emit(n).moduleName == "shift_round_1")
  }

  @Test func laneFormWidensEveryPort() throws {
    var rng = SeededRandom(seed: 0x64)
    let n = RandomNetlists.gateNetwork(inputs: 3, layers: 2, width: 4, outputs: 2, using: &rng)
    let design = try VerilogEmitter.emit(n, options: EmitOptions(lanes: 64))
    #expect(design.manifest.lanes == 64)
    #expect(design.manifest.inputs.allSatisfy { $0.portWidth == 64 * $0.width })
    #expect(design.manifest.laneLayout == PortManifest.laneLayoutDescription)
  }

  @Test func errorsArePinned() throws {
    var n = Netlist(name: "e")
    n.output("y", n.add(n.input("x", width: 4), n.input("z", width: 4), .unsigned))
    #expect(throws: VerilogEmitError.unsupportedLanes(3)) {
      try VerilogEmitter.emit(n, options: EmitOptions(lanes: 3))
    }
    #expect(VerilogEmitError.unsupportedLanes(3).description == "lanes must be 1 or 64, not 3")
    do {
      _ = try VerilogEmitter.emit(n, options: EmitOptions(lanes: 64))
      Issue.record("a word-level netlist was emitted in the lane form")
    } catch {
      #expect(
        error.description
          == "the 64-lane form needs a gate-level netlist; node %2 is not: %2 = add.u %0, %1 : 5")
    }
    var bad = Netlist(name: "bad")
    _ = bad.input("x", width: 1)
    #expect(throws: VerilogEmitError.invalidNetlist("the netlist has no outputs")) {
      try VerilogEmitter.emit(bad)
    }
  }

  @Test func sha256KnownAnswers() {
    #expect(
      ContentHash.sha256("")
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      ContentHash.sha256("abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      ContentHash.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
