// tb_sat_resize: rtl/sat_resize.v against a C++ reference -- x converted to OUT_WIDTH bits of
// the same signedness, values out of range handled by MODE (ap_fixed overflow modes):
// 0 WRAP (keep the low bits), 1 SAT (clamp), 2 SAT_ZERO (0 when out of range), 3 SAT_SYM
// (clamp to +-max; the most negative code also becomes -max; SAT when unsigned), 4 WRAP_SM
// (signed only: when the first dropped bit differs from the kept sign bit, invert the kept
// bits). IN_WIDTH and OUT_WIDTH <= 64 here. Parameters as in tb_popcount.cpp.
#include "Vsat_resize.h"
#include "primitive_bench.h"

#ifndef TB_IN_WIDTH
#define TB_IN_WIDTH 8
#endif
#ifndef TB_OUT_WIDTH
#define TB_OUT_WIDTH 4
#endif
#ifndef TB_MODE
#define TB_MODE 1
#endif
#ifndef TB_SIGNED
#define TB_SIGNED 1
#endif
static_assert(TB_IN_WIDTH <= 64 && TB_OUT_WIDTH <= 64, "tb_sat_resize handles widths up to 64");
static_assert(TB_MODE != 4 || TB_SIGNED != 0, "WRAP_SM needs SIGNED=1");

int main(int argc, char** argv) {
  using bt::Words;
  const std::vector<std::pair<std::string, int>> parameters = {
      {"IN_WIDTH", TB_IN_WIDTH}, {"OUT_WIDTH", TB_OUT_WIDTH}, {"MODE", TB_MODE},
      {"SIGNED", TB_SIGNED}};
  bt::tb::Bench bench(bt::tb::title("sat_resize", parameters), argc, argv);
  Vsat_resize top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.x, in[0]);
    top.eval();
    bt::get(top.y, out[0]);
  };
  auto reference = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    const bool isSigned = TB_SIGNED != 0;
    const __int128 x = bt::tb::numeric(bt::tb::field(in[0], 0, TB_IN_WIDTH), TB_IN_WIDTH, isSigned);
    const __int128 span = static_cast<__int128>(1) << (isSigned ? TB_OUT_WIDTH - 1 : TB_OUT_WIDTH);
    const __int128 minimum = isSigned ? -span : 0;
    const __int128 maximum = span - 1;
    const bool fits = x >= minimum && x <= maximum;
    __int128 y = x;
    switch (TB_MODE) {
      case 0:
        break;
      case 1:
        if (!fits) y = x < minimum ? minimum : maximum;
        break;
      case 2:
        if (!fits) y = 0;
        break;
      case 3: {
        const __int128 low = isSigned ? -maximum : 0;
        y = x < low ? low : (x > maximum ? maximum : x);
        break;
      }
      default: {
        // x is sign-extended in 128 bits, so bit OUT_WIDTH is the first dropped bit even when
        // the format widens.
        const bool dropped = ((x >> TB_OUT_WIDTH) & 1) != 0;
        const bool kept = ((x >> (TB_OUT_WIDTH - 1)) & 1) != 0;
        if (dropped != kept) y = ~x;
        break;
      }
    }
    out[0] = bt::tb::wrapped(y, TB_OUT_WIDTH);
  };
  int status = bench.run({{"x", TB_IN_WIDTH}}, {{"y", TB_OUT_WIDTH}}, design, reference);
  top.final();
  return status;
}
