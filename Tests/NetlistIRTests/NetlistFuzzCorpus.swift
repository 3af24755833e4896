/// Inputs that crashed the netlist text parser when the fuzzer first ran (seed 11, before
/// the parser bounded its numbers), kept as regression tests. Bytes that are not printable
/// ASCII are written `\xHH`; ``FuzzCorpus/bytes(_:)`` decodes them.
enum NetlistFuzzCorpus {
  static let crashes: [String] = [
    // fuzz input #51
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %4294967296 : 2

    """,
    // fuzz input #146
    """
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
    %13 = sub.s %2147483648, %11 : 9
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

    """,
    // fuzz input #339
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %099999999999 : 1
    %2 = slice 1 %0 : 1
    %4\\x80 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2

    """,
    // fuzz input #369
    """
    # an accumulator with a register loop
    netlist "acc"
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %2 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %9223372036854775807 : 3
    %6 = reg 1'b1 %7 : 1
    %7 = not %6 : 1
    %8 "t" = output "t" %6 : 1

    """,
    // fuzz input #678
    """
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
    \\x0d%10 = or %7, %8 : 8
    %11 = xor %9, %10 : 8
    %12 "sum" = add.u %0, %1 : 9
    %13 = sub.s %0, %4294967296 : 9
    %14 = mul.s %0, %1 : 16
    %15 = cmp.lt.s %0, %1 : 1
    %16 = mux %15, %0, %1 : 8
    %17 = shl 3 %16 : 8
    %18 = shr.s 2 %17 : 8
    %19 = concat %5, %6, %18 : 10
    %20 = ext.s %19 : 12
    %21 = popcount %20, %14 : 5
    %22 = round.s 3 RND_CONV %14 : 13
    """,
    // fuzz input #774
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %65535 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %99999999999, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2

    """,
    // fuzz input #909
    """
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
    %16 = mux %15, %0, %4294967296 : 8
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
    %29 "c" = output "c" %25 : 7
    %28 "b" = output "b" %23 : 6
    %30 "d" = output "d" %26 : 1

    """,
    // fuzz input #954
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %4294967296 : 6
    %3 = add.u %1, %2 : 6
    %4 =0resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 3
    %6 = reg 1'b1\\xa0%7 : 1
    %8 "t" = output "t" %6 : 1

    """,
    // fuzz input #976
    """
    netlist "all_ops"
    %0 "x" = input "x" : 8
    %1 "y" = input "y" : 8
    %2 = const 8'h5a : 8
    %3 = slice 0 %0 : 1
    %4 = slice 1 %1 : 1
    %5 = gate xor %3, %4 : 1
    %6 = gate 7 %4294967296, %4 : 1
    %7 = not %0 : 8
    %8 = buf %1 : 8
    %9 = and %0, %2 : 8
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
    %29 "c" = output "c" %1 : 7
    %30 "d" = output "d" %26 : 1

    """,
    // fuzz input #984
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %4294967295 : 6
    %3 = add.u %1, %2 : 6

    """,
    // fuzz input #996
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %9223372036854775807 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2

    """,
    // fuzz input #1098
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %9223372036854775807 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 3
    %6 = reg 1'b1 %7 : 1
    %7 = not %6 : 1
    %8 "t" = output "t" %6 : 1

    """,
    // fuzz input #1155
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 9223372036854775807'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2

    """,
    // fuzz input #1266
    """
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
    %19 = concat %5, %99999999999, %18 : 10
    %20 = ext.s %19 : 12
    %21 = popcount %20, %14 : 5
    %22 = round.s 3 RND_CONV %14 : 13
    %23 = resize.s SAT %22 : 6
    %24 = slice 0 %1 : 2
    %18446744073709551616 = round.u 2 STOCHASTIC %12, %24 : 7
    %26 = cmp.ge.u %13, %12 : 1
    %27 "a" = output "a" %21 : 5
    %28 "b" = output "b" %23 : 6

    """,
    // fuzz input #1310
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %32147483648, %6 : 2
    %8 "o" = outpu9223372036854775808t "o" %7 : 2

    """,
    // fuzz input #1337
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %12147483647, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3,\\x0d %6 : 2
    %8 "o" = output "o" %7 : 2

    """,
    // fuzz input #1369
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %9223372036854775807 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %2 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 3
    %6 = reg 1'b1 %7 : 1
    %7 = not %6 : 1
    %8 "t" = output "t" %6 : 1

    """,
    // fuzz input #1395
    """
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
    %14 = mul.s %9223372036854775807, %1 : 16
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

    """,
    // fuzz input #1526
    """
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
    %14 = mul.s %2147483648, %1 : 16
    %15 = cmp.lt.s %0, %1 : 1
    %16 = mux %15, %0, %1 : 8
    %17 = shl 3 %64 : 8
    %18 = shr.s 2 %17 : 8
    %19 = concat %5, %6, %18 : 10
    %20 = ext.s %19 : 12
    %21 = popcount %20, %14 : 5
    %22 = round.s 3 RND_CONV %14 : 13
    %23 = resize.s SAT %22 : 6
    %24 = slice 0 %1 : 2
    %25 = round
    """,
    // fuzz input #1596
    """
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
    %9 = and %4294967296, %2 : 8
    %10 = or %7, %8 : 8
    %11 = xor %9, %10 : 8
    %12 "sum" = add.u %0, %1 : 9
    %13 = sub.s %0, %11 : 9
    %14 = mul.s %0, %1 : 16
    %15 = cmp.lt.s %0, %1 : 1
    %17 = shl 3 %16 : 8
    %16 = mux %15, %0, %1 : 8
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

    """,
    // fuzz input #1634
    """
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
    %11 = xor %9, %99999999999 : 8
    %12 "sum" = add.u %0, %1 : 9
    %13 = sub.s %0, %11 : 9
    %14 = mul.s %0, %1 : 16
    %15 = cmp.lt.s %0, %1 : 1
    %16 = mux %15, %0, %1 : 8
    %17 = shl 3 %16 : 8
    %-0 = shr.s 2 %17 : 8
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

    """,
    // fuzz input #1694
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %21474836470 : 1
    %3 "n" = gate 8 %1, %2 : 3
    %4 = gate and %1, %3 : 1
    %4 = gate and %1, %3 : 1
    %5 = const\\x001'h1 : 1\\x0e%6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2\\x02
    """,
    // fuzz input #1733
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : -1
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %2147483648 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 3
    %7 = not %6 : 1
    %6 = reg 1'b1 %7 : 1
    %8 "t" = output "t" %6 : 1

    """,
    // fuzz input #1876
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %9223372036854775807 : 1
    %5 = const 1'h1 : 1
    %6 = gate 13 %4, %5 : 1
    %7 = concat %3, %6 : 2
    %8 "o" = output "o" %7 : 2

    """,
    // fuzz input #1895
    """
    netlist "gates"
    %0 "a" = input "a" : 2
    %1 = slice 0 %0 : 1
    %2 = slice 1 %0 : 1
    %3 "n" = gate 8 %1, %2 : 1
    %4 = gate and %1, %3 : 1
    %5 = const 1'h1 : 1
    %6 = gate 013 %4, %5 : 1
    %7 = concat %9223372036854775807, %6 : 2
    %8 "o" = output "o" %7
    """,
    // fuzz input #1924
    """
    netlist "acc"
    # an accumulator with a register loop
    %0 "x" = input "x" : 4
    %1 = reg 6'h15 %3 : 6
    %2 = ext.u %0 : 6
    %3 = add.u %1, %4294967296 : 6
    %4 = resize.u WRAP %3 : 3
    %5 "q" = output "q" %4 : 65535
    %6 = reg 1'b1 %7 : 1
    %7 = not %6 : 1
    %8 "t" = output "t" %6 : 1

    """,
  ]
}
