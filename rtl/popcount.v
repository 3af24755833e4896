// popcount: the number of one bits of `x`, modulo 2^OUT_WIDTH.
//
// A balanced adder tree over a heap-ordered array: the WIDTH input bits are the leaves
// (padded with zeros up to a power of two), every inner node adds its two children.
// Combinational (latency 0). Specified by `RTLSpecification.popcount(_:width:)`, the meaning
// of the netlist `popcount` op.
module popcount #(
    parameter integer WIDTH = 8,     // input bits, >= 1
    parameter integer OUT_WIDTH = 4  // result bits, >= 1; the count wraps modulo 2^OUT_WIDTH
) (
    input  wire [    WIDTH-1:0] x,
    output wire [OUT_WIDTH-1:0] count
);
  localparam integer LEVELS = $clog2(WIDTH);  // tree depth
  localparam integer LEAVES = 1 << LEVELS;  // WIDTH rounded up to a power of two
  localparam integer SUM_WIDTH = LEVELS + 1;  // enough for LEAVES

  // Node i of a heap-ordered tree is tree[i*SUM_WIDTH +: SUM_WIDTH]: node 0 is the root, the
  // children of node i are 2i+1 and 2i+2, leaves start at LEAVES-1. Computed in one process,
  // leaves first, so the tree is ordered and not a combinational loop; one flat vector (not an
  // array) so synthesis tools see plain logic.
  reg [SUM_WIDTH*(2*LEAVES-1)-1:0] tree;
  integer k;
  always @* begin
    for (k = 0; k < LEAVES; k = k + 1) begin
      tree[(LEAVES-1+k)*SUM_WIDTH+:SUM_WIDTH] = {SUM_WIDTH{1'b0}};
      if (k < WIDTH) tree[(LEAVES-1+k)*SUM_WIDTH] = x[k];
    end
    for (k = LEAVES - 2; k >= 0; k = k - 1) begin
      tree[k*SUM_WIDTH+:SUM_WIDTH] = tree[(2*k+1)*SUM_WIDTH+:SUM_WIDTH]
          + tree[(2*k+2)*SUM_WIDTH+:SUM_WIDTH];
    end
  end
  wire [SUM_WIDTH-1:0] root = tree[SUM_WIDTH-1:0];

  generate
    if (OUT_WIDTH > SUM_WIDTH) begin : g_widen
      assign count = {{(OUT_WIDTH - SUM_WIDTH) {1'b0}}, root};
    end else if (OUT_WIDTH == SUM_WIDTH) begin : g_same
      assign count = root;
    end else begin : g_wrap
      assign count = root[OUT_WIDTH-1:0];
      wire unused_high = &{1'b0, root[SUM_WIDTH-1:OUT_WIDTH]};
    end
  endgenerate
endmodule
