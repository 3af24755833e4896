// Clock and reset sequencing shared by the harnesses: one synchronous active-high reset
// cycle, then one rising edge per cycle. Works for any Verilated top with `clk` and `rst`.
#pragma once

namespace bt {

// Holds reset high across one rising edge, then releases it (outputs are not sampled).
template <typename Top, typename Tick>
inline void resetCycle(Top* top, Tick tick) {
  top->rst = 1;
  top->clk = 0;
  top->eval();
  top->clk = 1;
  top->eval();
  tick();
  top->clk = 0;
  top->rst = 0;
  top->eval();
}

// One rising then falling clock edge.
template <typename Top, typename Tick>
inline void clockCycle(Top* top, Tick tick) {
  top->clk = 1;
  top->eval();
  tick();
  top->clk = 0;
  top->eval();
}

}  // namespace bt
