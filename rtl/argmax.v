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

  // Heap-ordered tree as in popcount.v, in flat vectors: node i holds the best value
  // best[i*WIDTH +: WIDTH], its index best_index[i*INDEX_WIDTH +: INDEX_WIDTH] and whether it
  // is a real value, valid[i]. Node 0 is the root, the children of i are 2i+1 and 2i+2.
  // Padding leaves (index >= N) are invalid and never win.
  localparam integer NODES = 2 * LEAVES - 1;
  reg [WIDTH*NODES-1:0] best;
  reg [INDEX_WIDTH*NODES-1:0] best_index;
  reg [NODES-1:0] valid;
  reg right_wins;
  integer k;
  always @* begin
    for (k = 0; k < LEAVES; k = k + 1) begin
      best[(LEAVES-1+k)*WIDTH+:WIDTH] = {WIDTH{1'b0}};
      if (k < N) best[(LEAVES-1+k)*WIDTH+:WIDTH] = values[k*WIDTH+:WIDTH];
      best_index[(LEAVES-1+k)*INDEX_WIDTH+:INDEX_WIDTH] = k[INDEX_WIDTH-1:0];
      valid[LEAVES-1+k] = k < N;
    end
    for (k = LEAVES - 2; k >= 0; k = k - 1) begin
      if (SIGNED != 0) begin
        right_wins = $signed(best[(2*k+2)*WIDTH+:WIDTH]) > $signed(best[(2*k+1)*WIDTH+:WIDTH]);
      end else begin
        right_wins = best[(2*k+2)*WIDTH+:WIDTH] > best[(2*k+1)*WIDTH+:WIDTH];
      end
      right_wins = valid[2*k+2] & right_wins;
      best[k*WIDTH+:WIDTH] =
          right_wins ? best[(2*k+2)*WIDTH+:WIDTH] : best[(2*k+1)*WIDTH+:WIDTH];
      best_index[k*INDEX_WIDTH+:INDEX_WIDTH] = right_wins
          ? best_index[(2*k+2)*INDEX_WIDTH+:INDEX_WIDTH]
          : best_index[(2*k+1)*INDEX_WIDTH+:INDEX_WIDTH];
      valid[k] = valid[2*k+1];
    end
  end
  assign index = best_index[INDEX_WIDTH-1:0];
  wire unused_ok = &{1'b0, best[WIDTH-1:0], valid[0]};
endmodule
