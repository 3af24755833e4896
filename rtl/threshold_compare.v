// threshold_compare: the 1-bit activation of a binarized neuron with folded batch norm,
// y = (x >= t), or y = (x <= t) when FLIP is 1 (a negative batch-norm scale). x and t are
// read as two's complement when SIGNED is 1. Combinational (latency 0).
// Specified by `RTLSpecification.thresholdCompare(_:_:signed:flip:)`.
module threshold_compare #(
    parameter integer WIDTH = 8,   // bits of x and t, >= 1
    parameter integer SIGNED = 1,  // 1: two's complement
    parameter integer FLIP = 0     // 1: compare with <= instead of >=
) (
    input  wire [WIDTH-1:0] x,
    input  wire [WIDTH-1:0] t,
    output wire             y
);
  wire greater_or_equal;
  wire less_or_equal;
  generate
    if (SIGNED != 0) begin : g_signed
      assign greater_or_equal = $signed(x) >= $signed(t);
      assign less_or_equal = $signed(x) <= $signed(t);
    end else begin : g_unsigned
      assign greater_or_equal = x >= t;
      assign less_or_equal = x <= t;
    end
  endgenerate
  assign y = (FLIP != 0) ? less_or_equal : greater_or_equal;
endmodule
