// argmax: the index of the largest of N values, the lowest index winning ties -- the class
// decision of a classifier. Value i is values[i*WIDTH +: WIDTH], read as two's complement when
// SIGNED is 1. A balanced tournament tree: at every match the left (lower-index) side wins
// unless the right side is strictly larger. Combinational (latency 0).
// Specified by `RTLSpecification.argmax(_:signed:)`.
module argmax #(
    parameter integer N = 4,        // number of values, >= 1
    parameter integer WIDTH = 8,    // bits per value, >= 1
    parameter integer SIGNED = 1,   // 1: two's complement
    parameter integer INDEX_WIDTH = (N > 1) ? $clog2(N) : 1  // bits of the index
) (
    input  wire [N*WIDTH-1:0] values,
    output wire [INDEX_WIDTH-1:0] index
);
  localparam integer LEVELS = $clog2(N);
  localparam integer LEAVES = 1 << LEVELS;

  // Heap-ordered tree as in popcount.v: node 0 is the root, the children of i are 2i+1, 2i+2.
  // Padding leaves (index >= N) are invalid and never win.
  reg [WIDTH-1:0] best[0:2*LEAVES-2];
  reg [INDEX_WIDTH-1:0] best_index[0:2*LEAVES-2];
  reg valid[0:2*LEAVES-2];
  reg right_wins;
  integer k;
  always @* begin
    for (k = 0; k < LEAVES; k = k + 1) begin
      best[LEAVES-1+k] = {WIDTH{1'b0}};
      best_index[LEAVES-1+k] = k[INDEX_WIDTH-1:0];
      valid[LEAVES-1+k] = k < N;
      if (k < N) best[LEAVES-1+k] = values[k*WIDTH+:WIDTH];
    end
    for (k = LEAVES - 2; k >= 0; k = k - 1) begin
      if (SIGNED != 0) right_wins = $signed(best[2*k+2]) > $signed(best[2*k+1]);
      else right_wins = best[2*k+2] > best[2*k+1];
      right_wins = valid[2*k+2] & right_wins;
      best[k] = right_wins ? best[2*k+2] : best[2*k+1];
      best_index[k] = right_wins ? best_index[2*k+2] : best_index[2*k+1];
      valid[k] = valid[2*k+1];
    end
  end
  assign index = best_index[0];
  wire unused_ok = &{1'b0, best[0], valid[0]};
endmodule
