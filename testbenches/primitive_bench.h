// What the per-primitive testbenches (tb_<primitive>.cpp) share: a self-checking loop that
// drives one Verilated rtl/ primitive with a vector plan, compares every output with the
// testbench's own C++ reference model, and reports.
//
// The plan: every input combination when the inputs have at most 16 bits together
// (exhaustive), otherwise every combination of edge values (0, 1, the most positive and most
// negative two's complement codes, all ones) over the ports, then random vectors, half of
// them with equal or adjacent values in ports of the same width. Random words come from a
// counter-based generator -- SplitMix64's output function applied to (seed, counter) -- so
// vector i depends only on the seed and i.
//
// Command line of every testbench binary:
//   sim [--vectors N] [--seed S] [--dump FILE]
// --vectors: random vectors after the edge values (default 20000; ignored when exhaustive).
// --dump: writes every vector as one line, the input values then the output values of the
// design, in the hex format of common/vector_io.h, so another reference (the Swift
// specification functions) can check the same run.
// Prints one summary line; on a mismatch also the first mismatching vector in hex, and exits 1.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/ports.h"
#include "common/vector_io.h"

namespace bt {
namespace tb {

// Word `counter` of the random stream keyed by `seed`.
inline uint64_t randomWord(uint64_t seed, uint64_t counter) {
  uint64_t z = seed ^ (counter * 0x9E3779B97F4A7C15ull);
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// `width` zero bits.
inline Words zeros(int width) { return Words(wordCount(width), 0); }

// The low `width` bits of `value`.
inline Words fromUInt64(uint64_t value, int width) {
  Words w = zeros(width);
  for (int i = 0; i < width && i < 64; ++i) {
    if ((value >> i) & 1) setBit(w, i);
  }
  return w;
}

// Bits [low, low + count) of `w` (count <= 64) as an unsigned number.
inline uint64_t field(const Words& w, int low, int count) {
  uint64_t v = 0;
  for (int i = 0; i < count; ++i) {
    if (getBit(w, low + i)) v |= uint64_t(1) << i;
  }
  return v;
}

// A `width`-bit value (width <= 64) read as two's complement (signed) or unsigned.
inline __int128 numeric(uint64_t bits, int width, bool isSigned) {
  __int128 v = bits;
  if (isSigned && ((bits >> (width - 1)) & 1)) v -= static_cast<__int128>(1) << width;
  return v;
}

// `value` modulo 2^width as a `width`-bit value (width <= 64).
inline Words wrapped(__int128 value, int width) {
  return fromUInt64(static_cast<uint64_t>(value), width);
}

// Clears the bits at and above `width` (ports of Verilator's types hold whole words).
inline void mask(Words& w, int width) {
  w.resize(wordCount(width), 0);
  if (width % 32 != 0) w.back() &= (1u << (width % 32)) - 1u;
}

// The hex text of one value.
inline std::string hex(const Words& value, int width) {
  std::string s;
  appendHex(s, value, width);
  return s;
}

// "tb_<name> P1=v1 P2=v2 ...": the title of a run, naming the parameters it was built with.
inline std::string title(const std::string& name,
                         const std::vector<std::pair<std::string, int>>& parameters) {
  std::string text = "tb_" + name;
  for (const auto& p : parameters) text += " " + p.first + "=" + std::to_string(p.second);
  return text;
}

// One port: name and width in bits.
struct Port {
  std::string name;
  int width;
};

// Drives one primitive: `design` applies the inputs to the Verilated model and reads its
// outputs, `reference` computes the expected outputs from the inputs.
class Bench {
 public:
  using Step = std::function<void(const std::vector<Words>&, std::vector<Words>&)>;

  Bench(std::string title, int argc, char** argv) : title_(std::move(title)) {
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      bool hasValue = i + 1 < argc;
      if (arg == "--vectors" && hasValue) {
        randomVectors_ = std::strtoull(argv[++i], nullptr, 10);
      } else if (arg == "--seed" && hasValue) {
        seed_ = std::strtoull(argv[++i], nullptr, 10);
      } else if (arg == "--dump" && hasValue) {
        dumpPath_ = argv[++i];
      } else {
        std::fprintf(stderr, "%s: unknown argument '%s' (use --vectors N, --seed S, --dump FILE)\n",
                     title_.c_str(), arg.c_str());
        std::exit(2);
      }
    }
  }

  // Runs the plan over `inputs`, checking `outputs`. Returns the process exit status.
  int run(const std::vector<Port>& inputs, const std::vector<Port>& outputs, const Step& design,
          const Step& reference) {
    inputs_ = inputs;
    outputs_ = outputs;
    if (!dumpPath_.empty()) {
      dump_ = std::fopen(dumpPath_.c_str(), "w");
      if (!dump_) {
        std::fprintf(stderr, "%s: cannot write %s\n", title_.c_str(), dumpPath_.c_str());
        return 2;
      }
    }
    int totalBits = 0;
    for (const Port& p : inputs) totalBits += p.width;
    std::vector<Words> in(inputs.size());
    const char* plan;
    if (totalBits <= 16) {
      plan = "exhaustive";
      for (uint64_t combined = 0; combined < (uint64_t(1) << totalBits); ++combined) {
        int low = 0;
        for (size_t p = 0; p < inputs.size(); ++p) {
          in[p] = fromUInt64(combined >> low, inputs[p].width);
          low += inputs[p].width;
        }
        check(in, design, reference);
      }
    } else {
      plan = "edge and random";
      uint64_t combinations = 1;
      for (size_t p = 0; p < inputs.size(); ++p) combinations *= kEdgeCount;
      for (uint64_t c = 0; c < combinations; ++c) {
        uint64_t rest = c;
        for (size_t p = 0; p < inputs.size(); ++p) {
          in[p] = edge(static_cast<int>(rest % kEdgeCount), inputs[p].width);
          rest /= kEdgeCount;
        }
        check(in, design, reference);
      }
      uint64_t counter = 0;
      for (uint64_t v = 0; v < randomVectors_; ++v) {
        for (size_t p = 0; p < inputs.size(); ++p) {
          Words w = zeros(inputs[p].width);
          for (size_t k = 0; k < w.size(); k += 2) {
            uint64_t r = randomWord(seed_, counter++);
            w[k] = static_cast<uint32_t>(r);
            if (k + 1 < w.size()) w[k + 1] = static_cast<uint32_t>(r >> 32);
          }
          mask(w, inputs[p].width);
          // Every fourth vector repeats the first port's value in the ports of its width, every
          // fourth a neighbour of it (lowest bit flipped): comparisons meet equal and adjacent
          // operands that uniform random words almost never give.
          if (p > 0 && inputs[p].width == inputs[0].width && v % 4 >= 2) {
            w = in[0];
            if (v % 4 == 3) w[0] ^= 1u;
          }
          in[p] = w;
        }
        check(in, design, reference);
      }
    }
    if (dump_) std::fclose(dump_);
    std::printf("%s: %llu vectors (%s), %llu mismatches\n", title_.c_str(),
                static_cast<unsigned long long>(vectors_), plan,
                static_cast<unsigned long long>(mismatches_));
    if (mismatches_ > 0) std::printf("%s\n", firstMismatch_.c_str());
    return mismatches_ == 0 ? 0 : 1;
  }

 private:
  static constexpr int kEdgeCount = 5;

  // Edge value `k` of a `width`-bit port: 0, 1, all ones, the sign bit alone, all but the
  // sign bit.
  static Words edge(int k, int width) {
    Words w = zeros(width);
    switch (k) {
      case 0:
        break;
      case 1:
        setBit(w, 0);
        break;
      case 2:
        for (int i = 0; i < width; ++i) setBit(w, i);
        break;
      case 3:
        setBit(w, width - 1);
        break;
      default:
        for (int i = 0; i + 1 < width; ++i) setBit(w, i);
        break;
    }
    return w;
  }

  void check(const std::vector<Words>& in, const Step& design, const Step& reference) {
    std::vector<Words> got(outputs_.size()), expected(outputs_.size());
    for (size_t p = 0; p < outputs_.size(); ++p) {
      got[p] = zeros(outputs_[p].width);
      expected[p] = zeros(outputs_[p].width);
    }
    design(in, got);
    reference(in, expected);
    bool same = true;
    for (size_t p = 0; p < outputs_.size(); ++p) {
      mask(got[p], outputs_[p].width);
      mask(expected[p], outputs_[p].width);
      same = same && got[p] == expected[p];
    }
    if (dump_) {
      std::string line;
      for (size_t p = 0; p < inputs_.size(); ++p) line += hex(in[p], inputs_[p].width) + " ";
      for (size_t p = 0; p < outputs_.size(); ++p) {
        line += hex(got[p], outputs_[p].width) + (p + 1 < outputs_.size() ? " " : "\n");
      }
      std::fputs(line.c_str(), dump_);
    }
    if (!same && mismatches_++ == 0) {
      std::string text = "first mismatch at vector " + std::to_string(vectors_) + ":";
      for (size_t p = 0; p < inputs_.size(); ++p) {
        text += " " + inputs_[p].name + "=" + hex(in[p], inputs_[p].width);
      }
      for (size_t p = 0; p < outputs_.size(); ++p) {
        text += "; " + outputs_[p].name + " design=" + hex(got[p], outputs_[p].width) +
                " reference=" + hex(expected[p], outputs_[p].width);
      }
      firstMismatch_ = text;
    }
    ++vectors_;
  }

  std::string title_;
  uint64_t randomVectors_ = 20000;
  uint64_t seed_ = 1;
  std::string dumpPath_;
  std::FILE* dump_ = nullptr;
  std::vector<Port> inputs_, outputs_;
  uint64_t vectors_ = 0;
  uint64_t mismatches_ = 0;
  std::string firstMismatch_;
};

}  // namespace tb
}  // namespace bt
