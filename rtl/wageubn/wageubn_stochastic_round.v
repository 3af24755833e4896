// wageubn_stochastic_round: the stochastic rounding of WAGEUBN's constant quantization in
// sign-magnitude form (`WAGEUBNQuantizer.constant`, `IntegerRounding.stochasticShiftRight`):
// y = sign(x) * clamp(floor(|x| / 2^s) + up, bound), where up = 1 exactly when the top s bits
// of the random word (word >> (64 - s)) are below the dropped remainder |x| mod 2^s. For s <= 0
// y = sign(x) * clamp(|x| * 2^-s, bound) (exact). word is the element's CounterRNG word, an
// input port. x and s are two's complement; -MAX_LEFT <= s <= 63. Combinational.
module wageubn_stochastic_round #(
    parameter integer IN_WIDTH = 48,   // bits of x, >= 2
    parameter integer S_WIDTH = 8,     // bits of s, 2..31
    parameter integer OUT_WIDTH = 16,  // bits of y and bound
    parameter integer MAX_LEFT = 16    // the largest left shift (-s)
) (
    input  wire [ IN_WIDTH-1:0] x,
    input  wire [  S_WIDTH-1:0] s,
    input  wire [         63:0] word,
    input  wire [OUT_WIDTH-1:0] bound,
    output wire [OUT_WIDTH-1:0] y,
    output wire                 clipped
);
  localparam integer W0 = IN_WIDTH + MAX_LEFT + 1;
  localparam integer W1 = (W0 > 65) ? W0 : 65;
  localparam integer W = (W1 > OUT_WIDTH + 1) ? W1 : OUT_WIDTH + 1;
  wire negative = x[IN_WIDTH-1];
  wire [IN_WIDTH-1:0] magnitude = negative ? (~x + {{(IN_WIDTH - 1) {1'b0}}, 1'b1}) : x;
  wire [W-1:0] m = {{(W - IN_WIDTH) {1'b0}}, magnitude};
  wire signed [31:0] shift = {{(32 - S_WIDTH) {s[S_WIDTH-1]}}, s};
  wire [W-1:0] one = {{(W - 1) {1'b0}}, 1'b1};
  wire [W-1:0] wordExt = {{(W - 64) {1'b0}}, word};

  reg [W-1:0] q;
  reg [W-1:0] rem;
  reg [W-1:0] top;
  always @* begin
    rem = {W{1'b0}};
    top = {W{1'b0}};
    if (shift <= 0) begin
      q = m << (-shift);
    end else begin
      q = m >> shift;
      rem = m & ((one << shift) - one);
      top = wordExt >> (64 - shift);
      if (top < rem) q = q + one;
    end
  end
  wire [W-1:0] high = {{(W - OUT_WIDTH) {1'b0}}, bound};
  wire [W-1:0] kept = (q > high) ? high : q;
  assign clipped = kept != q;
  wire [OUT_WIDTH-1:0] k = kept[OUT_WIDTH-1:0];
  assign y = negative ? (~k + {{(OUT_WIDTH - 1) {1'b0}}, 1'b1}) : k;
endmodule
