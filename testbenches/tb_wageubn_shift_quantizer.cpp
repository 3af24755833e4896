// tb_wageubn_shift_quantizer: rtl/wageubn/wageubn_shift_quantizer.v replayed on E1 tensors captured
// from a training run (files *.shift.txt, one `x y` line per element): every x is scanned in,
// the exponent and zero flag are compared with the capture's R_CODE and ZERO, then every
// element's code with the Swift emulator's.
//   sim --replay FILE --R_CODE R --ZERO Z
// Parameters (-G and -DTB_): IN_WIDTH, BITS, BOUND, OUT_WIDTH.
#include <string>

#include "Vwageubn_shift_quantizer.h"
#include "common/wageubn_replay.h"

#ifndef TB_IN_WIDTH
#define TB_IN_WIDTH 48
#endif
#ifndef TB_OUT_WIDTH
#define TB_OUT_WIDTH 18
#endif
static_assert(TB_IN_WIDTH <= 64 && TB_OUT_WIDTH <= 64, "port widths");

int main(int argc, char** argv) {
  wageubn::Options options(argc, argv);
  const auto lines = wageubn::readVectors(options.replay);
  wageubn::Tally tally{"tb_wageubn_shift_quantizer"};
  Vwageubn_shift_quantizer top;
  top.clk = 0;
  top.rst = 1;
  top.eval();
  wageubn::tick(top);
  top.rst = 0;
  top.scan = 1;
  for (const auto& row : lines) {
    top.x = wageubn::bits(wageubn::decimal(row.at(0)), TB_IN_WIDTH);
    wageubn::tick(top);
  }
  top.scan = 0;
  top.eval();
  const long long zero = options.value("ZERO");
  const long long r = options.value("R_CODE");
  tally.check(top.zero == zero && (zero != 0 || top.r == r), -1,
              "r " + std::to_string(top.r) + " zero " + std::to_string(top.zero) +
                  ", emulator " + std::to_string(r) + " " + std::to_string(zero));
  for (size_t n = 0; n < lines.size(); ++n) {
    top.x = wageubn::bits(wageubn::decimal(lines[n].at(0)), TB_IN_WIDTH);
    top.eval();
    const int64_t y = wageubn::signedValue(top.y, TB_OUT_WIDTH);
    const int64_t expected = wageubn::decimal(lines[n].at(1));
    tally.check(y == expected, static_cast<long>(n),
                "x " + lines[n][0] + ": y " + std::to_string(y) + ", emulator " +
                    std::to_string(expected));
  }
  top.final();
  return tally.finish();
}
