// shift_round: x / 2^SHIFT rounded with MODE, modulo 2^OUT_WIDTH -- the netlist `round` op.
//
// x is read as signed (two's complement) when SIGNED is 1, unsigned otherwise. MODE numbers
// follow `RoundingMode` (ap_fixed names): 0 TRN, 1 TRN_ZERO, 2 RND, 3 RND_ZERO,
// 4 RND_MIN_INF, 5 RND_INF, 6 RND_CONV, 7 STOCHASTIC. In STOCHASTIC mode the quotient is
// rounded up when the uniform random word `r` is below the dropped remainder; other modes
// ignore `r` (tie it to zero). Combinational (latency 0). Specified by
// `BitVector.roundedShift(by:mode:_:width:random:)`.
module shift_round #(
    parameter integer IN_WIDTH = 8,   // bits of x, >= 1
    parameter integer SHIFT = 2,      // bits dropped, >= 0
    parameter integer OUT_WIDTH = 6,  // result bits, >= 1
    parameter integer MODE = 0,       // rounding mode, 0..7 (see above)
    parameter integer SIGNED = 0,     // 1: x is two's complement
    // Derived: width of `r` (at least one bit so the port always exists).
    parameter integer RAND_WIDTH = (SHIFT > 0) ? SHIFT : 1
) (
    input  wire [ IN_WIDTH-1:0] x,
    input  wire [RAND_WIDTH-1:0] r,
    output wire [OUT_WIDTH-1:0] y
);
  // x extended (by its signedness) far enough to hold the remainder and the whole quotient.
  localparam integer EXT_WIDTH = (IN_WIDTH > SHIFT + OUT_WIDTH) ? IN_WIDTH : SHIFT + OUT_WIDTH;
  wire sign = (SIGNED != 0) & x[IN_WIDTH-1];
  wire [EXT_WIDTH-1:0] xe;
  generate
    if (EXT_WIDTH > IN_WIDTH) begin : g_extend
      assign xe = {{(EXT_WIDTH - IN_WIDTH) {sign}}, x};
    end else begin : g_keep
      assign xe = x;
    end
  endgenerate

  // Floor quotient (its low OUT_WIDTH bits) and the rounding increment.
  wire [OUT_WIDTH-1:0] quotient = xe[SHIFT+OUT_WIDTH-1:SHIFT];
  wire up;
  generate
    if (SHIFT == 0) begin : g_exact
      assign up = 1'b0;
      wire unused_ok = &{1'b0, r, xe, sign};
    end else begin : g_round
      wire [SHIFT-1:0] remainder = xe[SHIFT-1:0];
      wire half = remainder[SHIFT-1];  // the dropped part is at least one half
      wire below;  // some dropped bit under the half bit is set
      if (SHIFT >= 2) begin : g_below
        assign below = |remainder[SHIFT-2:0];
      end else begin : g_no_below
        assign below = 1'b0;
      end
      wire odd = quotient[0];
      wire unused_ok = &{1'b0, r, xe, half, below, odd, sign};
      case (MODE)
        0: assign up = 1'b0;
        1: assign up = sign & (half | below);
        2: assign up = half;
        3: assign up = half & (below | sign);
        4: assign up = half & below;
        5: assign up = half & (below | ~sign);
        6: assign up = half & (below | odd);
        default: assign up = r < remainder;
      endcase
    end
  endgenerate

  wire [OUT_WIDTH:0] sum = {1'b0, quotient} + {{OUT_WIDTH{1'b0}}, up};
  assign y = sum[OUT_WIDTH-1:0];
  wire unused_carry = sum[OUT_WIDTH];
endmodule
