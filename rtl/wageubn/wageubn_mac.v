// wageubn_mac: multiply-accumulate with a declared-width accumulator -- the MAC of the WAGEUBN
// products (`Accumulator` in FixedPoint): each addition's exact sum is checked against
// -2^(ACC_WIDTH-1) .. 2^(ACC_WIDTH-1)-1; out of range, SATURATE 0 keeps the low ACC_WIDTH bits
// (wrap) and SATURATE 1 clamps to the nearer bound.
//
// On a rising edge: rst or clear zero the accumulator and the overflow flag; otherwise, with
// enable, acc <= acc + a*b (a, b two's complement) and overflow is set when that sum left the
// range (it stays set until clear). Terms are added in the order they arrive, the order of the
// Swift products (increasing reduction index).
module wageubn_mac #(
    parameter integer A_WIDTH = 8,     // bits of a, >= 2
    parameter integer B_WIDTH = 8,     // bits of b, >= 2
    parameter integer ACC_WIDTH = 24,  // accumulator bits, >= 2
    parameter integer SATURATE = 1     // 0 wrap, 1 saturate
) (
    input  wire                 clk,
    input  wire                 rst,
    input  wire                 clear,
    input  wire                 enable,
    input  wire [  A_WIDTH-1:0] a,
    input  wire [  B_WIDTH-1:0] b,
    output reg  [ACC_WIDTH-1:0] acc,
    output reg                  overflow
);
  localparam integer P_WIDTH = A_WIDTH + B_WIDTH;
  localparam integer S_WIDTH = ((ACC_WIDTH > P_WIDTH) ? ACC_WIDTH : P_WIDTH) + 1;
  localparam integer TOP = S_WIDTH - ACC_WIDTH + 1;  // bits that must agree when the sum fits

  wire signed [P_WIDTH-1:0] ae = {{B_WIDTH{a[A_WIDTH-1]}}, a};
  wire signed [P_WIDTH-1:0] be = {{A_WIDTH{b[B_WIDTH-1]}}, b};
  wire signed [P_WIDTH-1:0] product = ae * be;  // exact: |a*b| <= 2^(P_WIDTH-2)
  wire signed [S_WIDTH-1:0] sum =
      $signed({{(S_WIDTH - ACC_WIDTH) {acc[ACC_WIDTH-1]}}, acc})
      + $signed({{(S_WIDTH - P_WIDTH) {product[P_WIDTH-1]}}, product});
  wire [TOP-1:0] high = sum[S_WIDTH-1:ACC_WIDTH-1];
  wire fits = (high == {TOP{1'b0}}) | (high == {TOP{1'b1}});
  wire negative = sum[S_WIDTH-1];
  wire [ACC_WIDTH-1:0] clamped = negative ? {1'b1, {(ACC_WIDTH - 1) {1'b0}}}
                                          : {1'b0, {(ACC_WIDTH - 1) {1'b1}}};
  wire [ACC_WIDTH-1:0] next = (fits || SATURATE == 0) ? sum[ACC_WIDTH-1:0] : clamped;

  always @(posedge clk) begin
    if (rst | clear) begin
      acc <= {ACC_WIDTH{1'b0}};
      overflow <= 1'b0;
    end else if (enable) begin
      acc <= next;
      overflow <= overflow | ~fits;
    end
  end
endmodule
