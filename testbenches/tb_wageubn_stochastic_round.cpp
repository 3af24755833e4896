// tb_wageubn_stochastic_round: rtl/wageubn/wageubn_stochastic_round.v replayed on the stochastic
// rounding of constant quantization captured from a training run (files *.stochastic.txt, one
// `x word y` line per element, word the element's CounterRNG word in hexadecimal): the random
// word drives the unit's input port, and every code is compared with the Swift emulator's.
//   sim --replay FILE --SHIFT S --BOUND B
// Parameters (-G and -DTB_): IN_WIDTH, S_WIDTH, OUT_WIDTH.
#include <string>

#include "Vwageubn_stochastic_round.h"
#include "common/wageubn_replay.h"

#ifndef TB_IN_WIDTH
#define TB_IN_WIDTH 48
#endif
#ifndef TB_S_WIDTH
#define TB_S_WIDTH 8
#endif
#ifndef TB_OUT_WIDTH
#define TB_OUT_WIDTH 16
#endif
static_assert(TB_IN_WIDTH <= 64 && TB_OUT_WIDTH <= 64, "port widths");

int main(int argc, char** argv) {
  wageubn::Options options(argc, argv);
  const auto lines = wageubn::readVectors(options.replay);
  wageubn::Tally tally{"tb_wageubn_stochastic_round"};
  Vwageubn_stochastic_round top;
  const long long shift = options.value("SHIFT");
  if (shift > 63) {
    std::fprintf(stderr, "SHIFT %lld > 63 is outside the unit\n", shift);
    return 2;
  }
  top.s = wageubn::bits(shift, TB_S_WIDTH);
  top.bound = wageubn::bits(options.value("BOUND"), TB_OUT_WIDTH);
  for (size_t n = 0; n < lines.size(); ++n) {
    const auto& row = lines[n];
    top.x = wageubn::bits(wageubn::decimal(row.at(0)), TB_IN_WIDTH);
    top.word = wageubn::hex(row.at(1));
    top.eval();
    const int64_t y = wageubn::signedValue(top.y, TB_OUT_WIDTH);
    const int64_t expected = wageubn::decimal(row.at(2));
    tally.check(y == expected, static_cast<long>(n),
                "x " + row[0] + " word " + row[1] + ": y " + std::to_string(y) + ", emulator " +
                    std::to_string(expected));
  }
  top.final();
  return tally.finish();
}
