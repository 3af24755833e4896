// Moves values between word vectors and Verilator's port types (CData, SData, IData, QData,
// VlWide<N>), so generated port bindings can call bt::put / bt::get on any port.
#pragma once

#include <cstdint>

#include "verilated.h"
#include "vector_io.h"

namespace bt {

inline void put(CData& port, const Words& w) { port = static_cast<CData>(w[0]); }
inline void put(SData& port, const Words& w) { port = static_cast<SData>(w[0]); }
inline void put(IData& port, const Words& w) { port = w[0]; }
inline void put(QData& port, const Words& w) {
  port = static_cast<QData>(w[0]) | (w.size() > 1 ? static_cast<QData>(w[1]) << 32 : 0);
}
template <std::size_t N>
inline void put(VlWide<N>& port, const Words& w) {
  for (std::size_t i = 0; i < N; ++i) port[i] = w[i];
}

inline void get(CData port, Words& w) { w.assign(1, port); }
inline void get(SData port, Words& w) { w.assign(1, port); }
inline void get(IData port, Words& w) { w.assign(1, port); }
inline void get(QData port, Words& w) {
  w.assign(2, 0);
  w[0] = static_cast<uint32_t>(port);
  w[1] = static_cast<uint32_t>(port >> 32);
}
template <std::size_t N>
inline void get(const VlWide<N>& port, Words& w) {
  w.assign(N, 0);
  for (std::size_t i = 0; i < N; ++i) w[i] = port[i];
}

}  // namespace bt
