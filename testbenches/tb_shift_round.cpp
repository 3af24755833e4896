// tb_shift_round: rtl/shift_round.v against a C++ reference -- x / 2^SHIFT rounded with MODE,
// modulo 2^OUT_WIDTH. The reference divides exactly in 128-bit arithmetic and applies each
// mode's definition to the quotient and remainder (ap_fixed names): 0 TRN (toward -inf),
// 1 TRN_ZERO (toward zero), 2 RND (half toward +inf), 3 RND_ZERO (half toward zero),
// 4 RND_MIN_INF (half toward -inf), 5 RND_INF (half away from zero), 6 RND_CONV (half to
// even), 7 STOCHASTIC (up when the random word r is below the remainder). IN_WIDTH, SHIFT and
// OUT_WIDTH <= 64 here. Parameters as in tb_popcount.cpp.
#include "Vshift_round.h"
#include "primitive_bench.h"

#ifndef TB_IN_WIDTH
#define TB_IN_WIDTH 8
#endif
#ifndef TB_SHIFT
#define TB_SHIFT 2
#endif
#ifndef TB_OUT_WIDTH
#define TB_OUT_WIDTH 6
#endif
#ifndef TB_MODE
#define TB_MODE 0
#endif
#ifndef TB_SIGNED
#define TB_SIGNED 0
#endif
static_assert(TB_IN_WIDTH <= 64 && TB_SHIFT <= 64 && TB_OUT_WIDTH <= 64,
              "tb_shift_round handles widths up to 64");

int main(int argc, char** argv) {
  using bt::Words;
  const int randWidth = TB_SHIFT > 0 ? TB_SHIFT : 1;
  const std::vector<std::pair<std::string, int>> parameters = {
      {"IN_WIDTH", TB_IN_WIDTH}, {"SHIFT", TB_SHIFT}, {"OUT_WIDTH", TB_OUT_WIDTH},
      {"MODE", TB_MODE}, {"SIGNED", TB_SIGNED}};
  bt::tb::Bench bench(bt::tb::title("shift_round", parameters), argc, argv);
  Vshift_round top;
  auto design = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    bt::put(top.x, in[0]);
    bt::put(top.r, in[1]);
    top.eval();
    bt::get(top.y, out[0]);
  };
  auto reference = [&](const std::vector<Words>& in, std::vector<Words>& out) {
    const __int128 x =
        bt::tb::numeric(bt::tb::field(in[0], 0, TB_IN_WIDTH), TB_IN_WIDTH, TB_SIGNED != 0);
    const __int128 unit = static_cast<__int128>(1) << TB_SHIFT;
    __int128 quotient = x / unit;  // toward zero; make it the floor
    __int128 remainder = x - quotient * unit;
    if (remainder < 0) {
      quotient -= 1;
      remainder += unit;
    }
    const __int128 twice = 2 * remainder;  // compared with unit: below, at or above one half
    const bool negative = x < 0;
    bool up = false;
    switch (TB_MODE) {
      case 0:
        break;
      case 1:
        up = negative && remainder != 0;
        break;
      case 2:
        up = twice >= unit;
        break;
      case 3:
        up = twice > unit || (twice == unit && negative);
        break;
      case 4:
        up = twice > unit;
        break;
      case 5:
        up = twice > unit || (twice == unit && !negative);
        break;
      case 6:
        up = twice > unit || (twice == unit && (quotient & 1) != 0);
        break;
      default:
        up = static_cast<__int128>(bt::tb::field(in[1], 0, randWidth)) < remainder;
        break;
    }
    if (TB_SHIFT == 0) up = false;
    out[0] = bt::tb::wrapped(quotient + (up ? 1 : 0), TB_OUT_WIDTH);
  };
  int status = bench.run({{"x", TB_IN_WIDTH}, {"r", randWidth}}, {{"y", TB_OUT_WIDTH}}, design,
                         reference);
  top.final();
  return status;
}
