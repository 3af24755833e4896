// tb_wageubn_mac: rtl/wageubn/wageubn_mac.v replayed on dot products captured from a training run
// (`bittrue wageubn train --capture`, files *.mac.txt): per line `a_0 .. a_(K-1) b_0 .. b_(K-1)
// accumulator overflow`. Each vector clears the MAC, clocks in the K terms with enable and
// compares the accumulator and the overflow flag with the Swift emulator's values.
//   sim --replay FILE --K K
// Parameters (-G and -DTB_): A_WIDTH, B_WIDTH, ACC_WIDTH, SATURATE.
#include <string>

#include "Vwageubn_mac.h"
#include "common/wageubn_replay.h"

#ifndef TB_A_WIDTH
#define TB_A_WIDTH 8
#endif
#ifndef TB_B_WIDTH
#define TB_B_WIDTH 8
#endif
#ifndef TB_ACC_WIDTH
#define TB_ACC_WIDTH 24
#endif
#ifndef TB_SATURATE
#define TB_SATURATE 1
#endif
static_assert(TB_A_WIDTH <= 32 && TB_B_WIDTH <= 32 && TB_ACC_WIDTH <= 64, "port widths");

int main(int argc, char** argv) {
  wageubn::Options options(argc, argv);
  const long k = options.value("K");
  const auto lines = wageubn::readVectors(options.replay);
  wageubn::Tally tally{"tb_wageubn_mac"};
  Vwageubn_mac top;
  top.clk = 0;
  top.rst = 1;
  top.eval();
  wageubn::tick(top);
  top.rst = 0;
  for (size_t n = 0; n < lines.size(); ++n) {
    const auto& row = lines[n];
    if (static_cast<long>(row.size()) != 2 * k + 2) {
      std::fprintf(stderr, "line %zu: expected %ld numbers\n", n + 1, 2 * k + 2);
      return 2;
    }
    top.clear = 1;
    top.enable = 0;
    wageubn::tick(top);
    top.clear = 0;
    top.enable = 1;
    for (long i = 0; i < k; ++i) {
      top.a = wageubn::bits(wageubn::decimal(row[i]), TB_A_WIDTH);
      top.b = wageubn::bits(wageubn::decimal(row[k + i]), TB_B_WIDTH);
      wageubn::tick(top);
    }
    top.enable = 0;
    top.eval();
    const int64_t acc = wageubn::signedValue(top.acc, TB_ACC_WIDTH);
    const int64_t expected = wageubn::decimal(row[2 * k]);
    const int64_t overflow = wageubn::decimal(row[2 * k + 1]);
    tally.check(acc == expected && top.overflow == overflow, static_cast<long>(n),
                "accumulator " + std::to_string(acc) + " overflow " + std::to_string(top.overflow) +
                    ", emulator " + std::to_string(expected) + " " + std::to_string(overflow));
  }
  top.final();
  return tally.finish();
}
