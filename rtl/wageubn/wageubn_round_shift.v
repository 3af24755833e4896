// wageubn_round_shift: x / 2^s rounded half to even (s > 0) or x * 2^-s (s <= 0, exact), then
// clamped to -bound .. bound -- the variable shift of WAGEUBN's quantizers, whose shift follows
// the tensor's exponent at run time (`IntegerRounding.shiftRight` with RND_CONV, then
// `IntegerRounding.clamp`). x and s are two's complement; s must be >= -MAX_LEFT and below
// IN_WIDTH + MAX_LEFT; bound >= 0. Combinational. clipped is 1 when the clamp changed the value.
module wageubn_round_shift #(
    parameter integer IN_WIDTH = 48,  // bits of x, >= 2
    parameter integer S_WIDTH = 8,    // bits of s, 2..31
    parameter integer OUT_WIDTH = 32, // bits of y and bound
    parameter integer MAX_LEFT = 32   // the largest left shift (-s)
) (
    input  wire [ IN_WIDTH-1:0] x,
    input  wire [  S_WIDTH-1:0] s,
    input  wire [OUT_WIDTH-1:0] bound,
    output wire [OUT_WIDTH-1:0] y,
    output wire                 clipped
);
  localparam integer W0 = IN_WIDTH + MAX_LEFT + 2;
  localparam integer W = (W0 > OUT_WIDTH + 1) ? W0 : OUT_WIDTH + 1;
  wire signed [W-1:0] xe = {{(W - IN_WIDTH) {x[IN_WIDTH-1]}}, x};
  wire signed [31:0] shift = {{(32 - S_WIDTH) {s[S_WIDTH-1]}}, s};
  wire signed [W-1:0] high = {{(W - OUT_WIDTH) {1'b0}}, bound};
  wire signed [W-1:0] low = -high;
  wire signed [W-1:0] one = {{(W - 1) {1'b0}}, 1'b1};

  reg signed [W-1:0] q;
  reg signed [W-1:0] rem;
  reg signed [W-1:0] half;
  always @* begin
    rem = {W{1'b0}};
    half = {W{1'b0}};
    if (shift <= 0) begin
      q = xe <<< (-shift);
    end else begin
      q = xe >>> shift;
      rem = xe - (q <<< shift);
      half = one <<< (shift - 1);
      if (rem > half || (rem == half && q[0])) q = q + one;
    end
  end
  wire signed [W-1:0] kept = (q > high) ? high : ((q < low) ? low : q);
  assign clipped = kept != q;
  assign y = kept[OUT_WIDTH-1:0];
endmodule
