// xnor_popcount: the number of positions where `a` and `w` agree, modulo 2^OUT_WIDTH --
// the dot product of two {-1, +1} vectors coded as bits (1 = +1), before the 2·count − WIDTH
// correction. The building block of binarized layers. Combinational (latency 0).
// Specified by `RTLSpecification.xnorPopcount(_:_:width:)`.
module xnor_popcount #(
    parameter integer WIDTH = 8,     // vector bits, >= 1
    parameter integer OUT_WIDTH = 4  // result bits, >= 1; the count wraps modulo 2^OUT_WIDTH
) (
    input  wire [    WIDTH-1:0] a,
    input  wire [    WIDTH-1:0] w,
    output wire [OUT_WIDTH-1:0] count
);
  wire [WIDTH-1:0] agree = ~(a ^ w);
  popcount #(
      .WIDTH(WIDTH),
      .OUT_WIDTH(OUT_WIDTH)
  ) u_count (
      .x(agree),
      .count(count)
  );
endmodule
