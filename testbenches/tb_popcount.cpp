// tb_popcount: rtl/popcount.v against a C++ reference -- the number of one bits of x modulo
// 2^OUT_WIDTH. Parameters come from the build (scripts/testbench.sh passes each as both
// -G<NAME> to Verilator and -DTB_<NAME> to the compiler); defaults match the module's.
#include "Vpopcount.h"
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
  bt::tb::Bench bench(bt::tb::title("popcount", parameters), argc, argv);
  Vpopcount top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.x, in[0]);
    top.eval();
    bt::get(top.count, out[0]);
  };
  auto reference = [](const std::vector<Words>& in, std::vector<Words>& out) {
    uint64_t ones = 0;
    for (int i = 0; i < TB_WIDTH; ++i) ones += bt::getBit(in[0], i);
    out[0] = bt::tb::fromUInt64(ones, TB_OUT_WIDTH);
  };
  int status = bench.run({{"x", TB_WIDTH}}, {{"count", TB_OUT_WIDTH}}, design, reference);
  top.final();
  return status;
}
