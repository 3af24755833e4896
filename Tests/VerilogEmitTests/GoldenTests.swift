import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// Emitted Verilog and manifests of a few small designs, compared with files in `Golden/`
/// (`<test>.v`, `<test>.manifest.json`). Re-record with `BITTRUE_RECORD_GOLDEN=1`.
struct GoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static func check(_ design: EmittedDesign, _ test: String) {
    #expect(Golden.mismatch(design.verilog, name: "\(test).v", folder: folder) == nil)
    #expect(
      Golden.mismatch(design.manifest.json(), name: "\(test).manifest.json", folder: folder) == nil)
  }

  /// Arithmetic, rounding, saturation, popcount, a gate and a register.
  static let arithmeticText = """
    netlist "arith"
    %0 "x" = input "x" : 8
    %1 "y" = input "y" : 8
    %2 "sum" = add.u %0, %1 : 9
    %3 = round.s 3 RND_CONV %2 : 7
    %4 "sat" = resize.s SAT %3 : 4
    %5 "acc" = reg 4'h0 %4 : 4
    %6 "s" = output "s" %5 : 4
    %7 "ones" = popcount %0, %1 : 5
    %8 = slice 0 %7 : 1
    %9 = slice 1 %0 : 1
    %10 = gate xor %8, %9 : 1
    %11 "g" = output "g" %10 : 1
    %12 "prod" = mul.s %0, %1 : 12
    %13 "p" = output "p" %12 : 12
    %14 "lt" = cmp.lt.s %0, %1 : 1
    %15 = shr.s 2 %0 : 8
    %16 = mux %14, %15, %1 : 8
    %17 "m" = output "m" %16 : 8

    """

  @Test func arithmetic() throws {
    let netlist = try NetlistText.parse(Self.arithmeticText)
    Self.check(try VerilogEmitter.emit(netlist), "arithmetic")
  }

  /// Names that are keywords, illegal, duplicated or clash with a primitive module.
  @Test func legalisedNames() throws {
    var n = Netlist(name: "popcount")
    let a = n.input("module", width: 3)
    let b = n.input("a b", width: 3)
    let c = n.bitwise(.xor, a, b)
    n.setName(of: c, to: "3rd value")
    let d = n.not(c)
    n.setName(of: d, to: "3rd value")
    let e = n.shiftLeft(d, by: 1)
    n.setName(of: e, to: "__wire__")
    n.output("output", e)
    n.output("out$1", n.extend(a, to: 5, .signed))
    Self.check(try VerilogEmitter.emit(n), "legalisedNames")
  }

  /// A gate-level net with a register, in the 64-lane form.
  @Test func gatesInLanes() throws {
    var n = Netlist(name: "gates")
    let x = n.input("x", width: 3)
    let x0 = n.bit(x, 0)
    let x2 = n.bit(x, 2)
    let g = n.gate(.xor, x0, x2)
    let r = n.register(reset: BitVector(width: 1, truncating: 1 as UInt64))
    let h = n.gate(GateFunction(table: 14), g, r)
    n.connectRegister(r, to: h)
    let one = n.constant(1, width: 1)
    n.output("y", n.concat([h, n.gate(.and, one, r)]))
    Self.check(try VerilogEmitter.emit(n, options: EmitOptions(lanes: 64)), "gatesInLanes")
  }
}
