// wageubn_e2_quantizer: WAGEUBN's E2 error quantizer in the flag format (`WAGEUBNQuantizer.e2`),
// codes in units R*2^-2(BITS-1). With r the exponent of R(x) in input units and t = r-(BITS-1):
// an element is small when |x| < 2^t (x = 0 when t <= 0) and gets the fine code
// clamp(round_half_even(x / 2^(r - 2(BITS-1))), +-2^(BITS-1)); otherwise the coarse code
// clamp(round_half_even(x / 2^t), +-(2^(BITS-1)-1)) * 2^(BITS-1). flag is 1 for a nonzero
// multiple of 2^(BITS-1) (the coarse codes, and the fine code +-2^(BITS-1) = coarse +-1).
//
// Two passes as in wageubn_shift_quantizer; an all-zero tensor gives zero = 1 and y = 0.
module wageubn_e2_quantizer #(
    parameter integer IN_WIDTH = 48,   // bits of x, >= 2
    parameter integer BITS = 8,        // k, 2..16
    parameter integer OUT_WIDTH = 32,  // bits of y, >= 2*BITS
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
    output wire                 flag
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
  wire unused_ok = &{1'b0, maximum, fine_cut, coarse_cut};
  localparam integer S_WIDTH = R_WIDTH + 2;
  localparam [S_WIDTH-1:0] K1 = BITS[S_WIDTH-1:0] - {{(S_WIDTH - 1) {1'b0}}, 1'b1};
  localparam [OUT_WIDTH-1:0] HALF = {{(OUT_WIDTH - 1) {1'b0}}, 1'b1} << (BITS - 1);
  wire [S_WIDTH-1:0] t = {2'b00, r} - K1;
  wire [S_WIDTH-1:0] fine_shift = t - K1;
  wire t_positive = ~t[S_WIDTH-1] && t != {S_WIDTH{1'b0}};

  wire [IN_WIDTH-1:0] magnitude = x[IN_WIDTH-1] ? (~x + {{(IN_WIDTH - 1) {1'b0}}, 1'b1}) : x;
  wire is_small = t_positive ? ((magnitude >> t) == {IN_WIDTH{1'b0}})
                          : (x == {IN_WIDTH{1'b0}});

  wire [OUT_WIDTH-1:0] fine;
  wire fine_cut;
  wageubn_round_shift #(
      .IN_WIDTH (IN_WIDTH),
      .S_WIDTH  (S_WIDTH),
      .OUT_WIDTH(OUT_WIDTH)
  ) fine_round (
      .x(x),
      .s(fine_shift),
      .bound(HALF),
      .y(fine),
      .clipped(fine_cut)
  );
  wire [OUT_WIDTH-1:0] coarse;
  wire coarse_cut;
  wageubn_round_shift #(
      .IN_WIDTH (IN_WIDTH),
      .S_WIDTH  (S_WIDTH),
      .OUT_WIDTH(OUT_WIDTH)
  ) coarse_round (
      .x(x),
      .s(t),
      .bound(HALF - {{(OUT_WIDTH - 1) {1'b0}}, 1'b1}),
      .y(coarse),
      .clipped(coarse_cut)
  );
  wire [OUT_WIDTH-1:0] code = is_small ? fine : (coarse << (BITS - 1));
  assign y = zero ? {OUT_WIDTH{1'b0}} : code;
  wire [OUT_WIDTH-1:0] low_bits = y & (HALF - {{(OUT_WIDTH - 1) {1'b0}}, 1'b1});
  assign flag = (y != {OUT_WIDTH{1'b0}}) && (low_bits == {OUT_WIDTH{1'b0}});
endmodule
