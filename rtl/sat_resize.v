// sat_resize: x converted to OUT_WIDTH bits of the same signedness, values that do not fit
// handled by MODE -- the netlist `resize` op (ap_fixed overflow semantics).
//
// MODE numbers follow `OverflowMode`: 0 WRAP, 1 SAT, 2 SAT_ZERO, 3 SAT_SYM, 4 WRAP_SM.
// SAT_SYM on an unsigned value acts as SAT; WRAP_SM needs SIGNED = 1. Combinational
// (latency 0). Specified by `BitVector.resized(to:overflow:_:)`.
module sat_resize #(
    parameter integer IN_WIDTH = 8,   // bits of x, >= 1
    parameter integer OUT_WIDTH = 4,  // result bits, >= 1
    parameter integer MODE = 1,       // overflow mode, 0..4 (see above)
    parameter integer SIGNED = 1      // 1: x and y are two's complement
) (
    input  wire [ IN_WIDTH-1:0] x,
    output reg  [OUT_WIDTH-1:0] y
);
  localparam [OUT_WIDTH-1:0] ONES = {OUT_WIDTH{1'b1}};
  localparam [OUT_WIDTH-1:0] LSB = ONES ^ (ONES << 1);
  localparam [OUT_WIDTH-1:0] MIN_VALUE = (SIGNED != 0) ? ~(ONES >> 1) : {OUT_WIDTH{1'b0}};
  localparam [OUT_WIDTH-1:0] MAX_VALUE = ~MIN_VALUE;
  localparam [OUT_WIDTH-1:0] SYM_MIN = MIN_VALUE ^ LSB;  // MIN_VALUE + 1

  wire negative = (SIGNED != 0) & x[IN_WIDTH-1];
  wire [OUT_WIDTH-1:0] wrapped;  // x extended or truncated to OUT_WIDTH bits
  wire fits;  // x is representable in OUT_WIDTH bits
  wire flip;  // WRAP_SM: the first dropped bit differs from the kept sign bit
  generate
    if (OUT_WIDTH > IN_WIDTH) begin : g_widen
      assign wrapped = {{(OUT_WIDTH - IN_WIDTH) {negative}}, x};
      assign fits = 1'b1;
      assign flip = 1'b0;
    end else if (OUT_WIDTH == IN_WIDTH) begin : g_same
      assign wrapped = x;
      assign fits = 1'b1;
      assign flip = 1'b0;
    end else begin : g_narrow
      assign wrapped = x[OUT_WIDTH-1:0];
      if (SIGNED != 0) begin : g_signed
        wire [IN_WIDTH-OUT_WIDTH:0] top = x[IN_WIDTH-1:OUT_WIDTH-1];
        assign fits = (&top) | ~(|top);
      end else begin : g_unsigned
        assign fits = ~(|x[IN_WIDTH-1:OUT_WIDTH]);
      end
      assign flip = x[OUT_WIDTH] ^ x[OUT_WIDTH-1];
    end
  endgenerate
  wire unused_ok = &{1'b0, flip};

  always @* begin
    case (MODE)
      0: y = wrapped;
      1: y = fits ? wrapped : (negative ? MIN_VALUE : MAX_VALUE);
      2: y = fits ? wrapped : {OUT_WIDTH{1'b0}};
      3:
      if (SIGNED == 0) y = fits ? wrapped : MAX_VALUE;
      else if (!fits) y = negative ? SYM_MIN : MAX_VALUE;
      else y = (wrapped == MIN_VALUE) ? SYM_MIN : wrapped;
      default: y = flip ? ~wrapped : wrapped;
    endcase
  end
endmodule
