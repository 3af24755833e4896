// tb_argmax: rtl/argmax.v against a C++ reference -- the index of the largest of N values
// (value i at bits [i*WIDTH, (i+1)*WIDTH) of `values`), the lowest index winning ties, two's
// complement when SIGNED is 1. WIDTH <= 64 here. Parameters as in tb_popcount.cpp.
#include "Vargmax.h"
#include "primitive_bench.h"

#ifndef TB_N
#define TB_N 4
#endif
#ifndef TB_WIDTH
#define TB_WIDTH 8
#endif
#ifndef TB_SIGNED
#define TB_SIGNED 1
#endif
static_assert(TB_WIDTH >= 1 && TB_WIDTH <= 64, "tb_argmax handles WIDTH 1...64");

int main(int argc, char** argv) {
  using bt::Words;
  const int indexWidth = TB_N > 1 ? 64 - __builtin_clzll(uint64_t(TB_N - 1)) : 1;
  const std::vector<std::pair<std::string, int>> parameters = {
      {"N", TB_N}, {"WIDTH", TB_WIDTH}, {"SIGNED", TB_SIGNED}};
  bt::tb::Bench bench(bt::tb::title("argmax", parameters), argc, argv);
  Vargmax top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.values, in[0]);
    top.eval();
    bt::get(top.index, out[0]);
  };
  auto reference = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    int best = 0;
    __int128 bestValue = 0;
    for (int i = 0; i < TB_N; ++i) {
      __int128 v = bt::tb::numeric(bt::tb::field(in[0], i * TB_WIDTH, TB_WIDTH), TB_WIDTH,
                                   TB_SIGNED != 0);
      if (i == 0 || v > bestValue) {
        best = i;
        bestValue = v;
      }
    }
    out[0] = bt::tb::fromUInt64(static_cast<uint64_t>(best), indexWidth);
  };
  int status = bench.run({{"values", TB_N * TB_WIDTH}}, {{"index", indexWidth}}, design,
                         reference);
  top.final();
  return status;
}
