// tb_xnor_popcount: rtl/xnor_popcount.v against a C++ reference -- the number of positions
// where a and w agree, modulo 2^OUT_WIDTH. Parameters as in tb_popcount.cpp.
#include "Vxnor_popcount.h"
#include "primitive_bench.h"

#ifndef TB_WIDTH
#define TB_WIDTH 8
#endif
#ifndef TB_OUT_WIDTH
#define TB_OUT_WIDTH 4
#endif

int main(int argc, char** argv) {
  using bt::Words;
  const std::vector<std::pair<std::string, int>> parameters = {
      {"WIDTH", TB_WIDTH}, {"OUT_WIDTH", TB_OUT_WIDTH}};
  bt::tb::Bench bench(bt::tb::title("xnor_popcount", parameters), argc, argv);
  Vxnor_popcount top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.a, in[0]);
    bt::put(top.w, in[1]);
    top.eval();
    bt::get(top.count, out[0]);
  };
  auto reference = [](const std::vector<Words>& in, std::vector<Words>& out) {
    uint64_t agree = 0;
    for (int i = 0; i < TB_WIDTH; ++i) agree += bt::getBit(in[0], i) == bt::getBit(in[1], i);
    out[0] = bt::tb::fromUInt64(agree, TB_OUT_WIDTH);
  };
  int status = bench.run({{"a", TB_WIDTH}, {"w", TB_WIDTH}}, {{"count", TB_OUT_WIDTH}}, design,
                         reference);
  top.final();
  return status;
}
