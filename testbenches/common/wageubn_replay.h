// What the WAGEUBN unit testbenches (tb_wageubn_*.cpp) share: the command line, reading a
// vector file captured by `bittrue wageubn train --capture` (one vector per line, integers
// separated by spaces; see docs/wageubn.md), two's complement port values, the summary line.
#pragma once

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace wageubn {

// `--replay FILE` and `--NAME INTEGER` options.
struct Options {
  std::string replay;
  std::map<std::string, long long> values;

  Options(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; i += 2) {
      std::string name = argv[i];
      if (name == "--replay") {
        replay = argv[i + 1];
      } else if (name.rfind("--", 0) == 0) {
        values[name.substr(2)] = std::strtoll(argv[i + 1], nullptr, 10);
      }
    }
    if (replay.empty()) {
      std::fprintf(stderr, "usage: sim --replay FILE [--NAME VALUE ...]\n");
      std::exit(2);
    }
  }

  // The value of `--name`; exits when it is missing.
  long long value(const std::string& name) const {
    auto found = values.find(name);
    if (found == values.end()) {
      std::fprintf(stderr, "missing --%s\n", name.c_str());
      std::exit(2);
    }
    return found->second;
  }
};

// The file's lines as words; exits when it cannot be read or is empty.
inline std::vector<std::vector<std::string>> readVectors(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> row;
    std::string word;
    while (words >> word) row.push_back(word);
    if (!row.empty()) lines.push_back(row);
  }
  if (lines.empty()) {
    std::fprintf(stderr, "%s holds no vectors\n", path.c_str());
    std::exit(2);
  }
  return lines;
}

inline int64_t decimal(const std::string& word) { return std::strtoll(word.c_str(), nullptr, 10); }
inline uint64_t hex(const std::string& word) { return std::strtoull(word.c_str(), nullptr, 16); }

// The low `width` bits of `v` (a port value).
inline uint64_t bits(int64_t v, int width) {
  return width >= 64 ? static_cast<uint64_t>(v)
                     : static_cast<uint64_t>(v) & ((uint64_t{1} << width) - 1);
}

// The port value `v` of `width` bits read as two's complement.
inline int64_t signedValue(uint64_t v, int width) {
  if (width >= 64) return static_cast<int64_t>(v);
  const uint64_t sign = uint64_t{1} << (width - 1);
  v &= (uint64_t{1} << width) - 1;
  return static_cast<int64_t>((v ^ sign) - sign);
}

// Counts vectors and mismatches, prints the first mismatch and the summary line.
struct Tally {
  std::string name;
  long vectors = 0;
  long mismatches = 0;

  void check(bool equal, long line, const std::string& what) {
    ++vectors;
    if (equal) return;
    if (mismatches == 0) std::printf("first mismatch, line %ld: %s\n", line + 1, what.c_str());
    ++mismatches;
  }

  int finish() const {
    std::printf("%s: %ld vectors, %ld mismatches\n", name.c_str(), vectors, mismatches);
    return mismatches == 0 && vectors > 0 ? 0 : 1;
  }
};

// One rising edge (the inputs already set), then the falling edge.
template <typename Top>
inline void tick(Top& top) {
  top.clk = 1;
  top.eval();
  top.clk = 0;
  top.eval();
}

}  // namespace wageubn
