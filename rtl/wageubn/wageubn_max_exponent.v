// wageubn_max_exponent: the largest magnitude M of a tensor streamed in (scan) and the exponent
// r of WAGEUBN's shift scale R = 2^round(log2 M), in units of the input codes, by the exact
// rule of `ShiftScale`: b = bit length(M) - 1, r = b + 1 when M^2 >= 2^(2b+1), else b (log2 M
// is never exactly a half, so there is no tie). zero is 1 while M = 0 (spec A10).
//
// On a rising edge: rst or clear zero M; otherwise, with scan, M <= max(M, |x|) (x two's
// complement). r and zero follow M combinationally.
module wageubn_max_exponent #(
    parameter integer IN_WIDTH = 48,  // bits of x, >= 2
    parameter integer R_WIDTH = 8     // bits of r; 2^R_WIDTH > IN_WIDTH
) (
    input  wire                clk,
    input  wire                rst,
    input  wire                clear,
    input  wire                scan,
    input  wire [IN_WIDTH-1:0] x,
    output reg  [IN_WIDTH-1:0] maximum,
    output wire [ R_WIDTH-1:0] r,
    output wire                zero
);
  wire [IN_WIDTH-1:0] magnitude = x[IN_WIDTH-1] ? (~x + {{(IN_WIDTH - 1) {1'b0}}, 1'b1}) : x;

  always @(posedge clk) begin
    if (rst | clear) maximum <= {IN_WIDTH{1'b0}};
    else if (scan && magnitude > maximum) maximum <= magnitude;
  end

  // b: the index of M's leading one.
  reg [R_WIDTH-1:0] b;
  integer i;
  always @* begin
    b = {R_WIDTH{1'b0}};
    for (i = 0; i < IN_WIDTH; i = i + 1) begin
      if (maximum[i]) b = i[R_WIDTH-1:0];
    end
  end
  wire [2*IN_WIDTH-1:0] wide = {{IN_WIDTH{1'b0}}, maximum};
  wire [2*IN_WIDTH-1:0] square = wide * wide;
  wire [2*IN_WIDTH-1:0] one = {{(2 * IN_WIDTH - 1) {1'b0}}, 1'b1};
  wire [2*IN_WIDTH-1:0] threshold = one << ({b, 1'b0} + {{R_WIDTH{1'b0}}, 1'b1});
  assign zero = maximum == {IN_WIDTH{1'b0}};
  assign r = (square >= threshold) ? b + {{(R_WIDTH - 1) {1'b0}}, 1'b1} : b;
endmodule
