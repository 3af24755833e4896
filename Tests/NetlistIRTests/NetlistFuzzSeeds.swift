import Foundation

/// Valid netlist texts the fuzzer mutates: every op, a sequential design and a gate-level one.
enum NetlistFuzzSeeds {
  static let allOps = """
    netlist "all_ops"
    %0 "x" = input "x" : 8
    %1 "y" = input "y" : 8
    %2 = const 8'h5a : 8
    %3 = slice 0 %0 : 1
    %4 = slice 1 %1 : 1
    %5 = gate xor %3, %4 : 1
    %6 = gate 7 %3, %4 : 1
    %7 = not %0 : 8
    %8 = buf %1 : 8
    %9 = and %0, %2 : 8
    %10 = or %7, %8 : 8
    %11 = xor %9, %10 : 8
    %12 "sum" = add.u %0, %1 : 9
    %13 = sub.s %0, %11 : 9
    %14 = mul.s %0, %1 : 16
    %15 = cmp.lt.s %0, %1 : 1
    %16 = mux %15, %0, %1 : 8
    %17 = shl 3 %16 : 8
    %18 = shr.s 2 %17 : 8
    %19 = concat %5, %6, %18 : 10
    %20 = ext.s %19 : 12
    %21 = popcount %20, %14 : 5
    %22 = round.s 3 RND_CONV %14 : 13
    %23 = resize.s SAT %22 : 6
    %24 = slice 0 %1 : 2
    %25 = round.u 2 STOCHASTIC %12, %24 : 7
    %26 = cmp.ge.u %13, %12 : 1
    %27 "a" = output "a" %21 : 5
    %28 "b" = output "b" %23 : 6
    %29 "c" = output "c" %25 : 7
    %30 "d" = output "d" %26 : 1
    %31 = rom 3 5'h01 5'h1f 5'h00 %24 : 5
    %32 "e" = output "e" %31 : 5

    """

  static let sequential = """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %2 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 3
    %6 = reg 1'b1 %7 : 1
    %7 = not %6 : 1
    %8 "t" = output "t" %6 : 1

    """

  static let gateLevel = """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2

    """

  /// The seeds as bytes.
  static let all: [Data] = [allOps, sequential, gateLevel].map { Data($0.utf8) }
}
