// wageubn_shift_quantizer: WAGEUBN's shift quantization SQ(x, BITS) of a tensor (E1): codes
// clamp(round_half_even(x / 2^(r - (BITS-1))), +-BOUND), where r is the exponent of R(x) in
// units of the input codes (`WAGEUBNQuantizer.shift` / `e1`; BOUND = 2^(BITS-1) - 1, or
// 2^(BITS-1) for the official code's E1). The output exponent is r - (BITS-1) input units.
//
// Two passes over the tensor: with scan (and rst or clear first) every element is clocked
// in once so wageubn_max_exponent holds its largest magnitude; then each x gives y
// combinationally. An all-zero tensor gives zero = 1 and y = 0 (spec A10).
module wageubn_shift_quantizer #(
    parameter integer IN_WIDTH = 48,   // bits of x, >= 2
    parameter integer BITS = 8,        // k, 2..16
    parameter integer BOUND = 127,     // clip bound of the codes
    parameter integer OUT_WIDTH = 18,  // bits of y, > log2(BOUND) + 1
    parameter integer R_WIDTH = 8      // bits of r
) (
    input  wire                 clk,
    input  wire                 rst,
    input  wire                 clear,
    input  wire                 scan,
    input  wire [ IN_WIDTH-1:0] x,
    output wire [  R_WIDTH-1:0] r,
    output wire                 zero,
    output wire [OUT_WIDTH-1:0] y,
    output wire                 clipped
);
  wire [IN_WIDTH-1:0] maximum;
  wageubn_max_exponent #(
      .IN_WIDTH(IN_WIDTH),
      .R_WIDTH (R_WIDTH)
  ) exponent (
      .clk(clk),
      .rst(rst),
      .clear(clear),
      .scan(scan),
      .x(x),
      .maximum(maximum),
      .r(r),
      .zero(zero)
  );
  wire unused_ok = &{1'b0, maximum};
  localparam integer S_WIDTH = R_WIDTH + 1;
  wire [S_WIDTH-1:0] s = {1'b0, r} - BITS[S_WIDTH-1:0] + {{(S_WIDTH - 1) {1'b0}}, 1'b1};
  wire [OUT_WIDTH-1:0] shifted;
  wire cut;
  wageubn_round_shift #(
      .IN_WIDTH (IN_WIDTH),
      .S_WIDTH  (S_WIDTH),
      .OUT_WIDTH(OUT_WIDTH)
  ) quantize (
      .x(x),
      .s(s),
      .bound(BOUND[OUT_WIDTH-1:0]),
      .y(shifted),
      .clipped(cut)
  );
  assign y = zero ? {OUT_WIDTH{1'b0}} : shifted;
  assign clipped = ~zero & cut;
endmodule
