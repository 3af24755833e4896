// tb_threshold_compare: rtl/threshold_compare.v against a C++ reference -- y = (x >= t), or
// (x <= t) when FLIP is 1, two's complement when SIGNED is 1. WIDTH <= 64 here. Parameters as
// in tb_popcount.cpp.
#include "Vthreshold_compare.h"
#include "primitive_bench.h"

#ifndef TB_WIDTH
#define TB_WIDTH 8
#endif
#ifndef TB_SIGNED
#define TB_SIGNED 1
#endif
#ifndef TB_FLIP
#define TB_FLIP 0
#endif
static_assert(TB_WIDTH >= 1 && TB_WIDTH <= 64, "tb_threshold_compare handles WIDTH 1...64");

int main(int argc, char** argv) {
  using bt::Words;
  const std::vector<std::pair<std::string, int>> parameters = {
      {"WIDTH", TB_WIDTH}, {"SIGNED", TB_SIGNED}, {"FLIP", TB_FLIP}};
  bt::tb::Bench bench(bt::tb::title("threshold_compare", parameters), argc, argv);
  Vthreshold_compare top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.x, in[0]);
    bt::put(top.t, in[1]);
    top.eval();
    bt::get(top.y, out[0]);
  };
  auto reference = [](const std::vector<Words>& in, std::vector<Words>& out) {
    __int128 x = bt::tb::numeric(bt::tb::field(in[0], 0, TB_WIDTH), TB_WIDTH, TB_SIGNED != 0);
    __int128 t = bt::tb::numeric(bt::tb::field(in[1], 0, TB_WIDTH), TB_WIDTH, TB_SIGNED != 0);
    bool y = TB_FLIP != 0 ? x <= t : x >= t;
    out[0] = bt::tb::fromUInt64(y ? 1 : 0, 1);
  };
  int status = bench.run({{"x", TB_WIDTH}, {"t", TB_WIDTH}}, {{"y", 1}}, design, reference);
  top.final();
  return status;
}
