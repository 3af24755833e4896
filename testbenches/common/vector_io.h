// Vector files of the BitTrue harnesses: one sample per line, one hexadecimal value per port
// (most significant digit first, ceil(width/4) digits), values separated by one space.
// Values are held as little-endian 32-bit words, Verilator's own wide-signal layout.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace bt {

using Words = std::vector<uint32_t>;

inline int wordCount(int bits) { return (bits + 31) / 32; }

inline int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses one line into `values` (one entry per port of the given widths). Returns false on a
// malformed line.
inline bool parseLine(const std::string& line, const std::vector<int>& widths,
                      std::vector<Words>& values) {
  size_t pos = 0;
  for (size_t port = 0; port < widths.size(); ++port) {
    while (pos < line.size() && line[pos] == ' ') ++pos;
    size_t end = pos;
    while (end < line.size() && line[end] != ' ') ++end;
    if (end == pos) return false;
    Words& w = values[port];
    w.assign(wordCount(widths[port]), 0);
    int bit = 0;
    for (size_t i = end; i > pos; --i) {
      int nibble = hexValue(line[i - 1]);
      if (nibble < 0) return false;
      for (int j = 0; j < 4; ++j) {
        if ((nibble >> j) & 1) {
          if (bit + j >= widths[port]) return false;
          w[(bit + j) / 32] |= 1u << ((bit + j) % 32);
        }
      }
      bit += 4;
    }
    pos = end;
  }
  return true;
}

// Appends `value` (of `width` bits) as hexadecimal digits.
inline void appendHex(std::string& out, const Words& value, int width) {
  static const char digits[] = "0123456789abcdef";
  for (int d = (width + 3) / 4 - 1; d >= 0; --d) {
    int bit = d * 4;
    uint32_t nibble = (value[bit / 32] >> (bit % 32)) & 0xF;
    out.push_back(digits[nibble]);
  }
}

// Bit `index` of a word vector.
inline bool getBit(const Words& w, int index) { return (w[index / 32] >> (index % 32)) & 1u; }

// Sets bit `index` of a word vector.
inline void setBit(Words& w, int index) { w[index / 32] |= 1u << (index % 32); }

}  // namespace bt
