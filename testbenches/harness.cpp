// The generic BitTrue harness: drives any design emitted by VerilogEmit from its port
// manifest. The manifest is compiled in as `bt_ports.h` (written by Cosim): the top class,
// lanes, clocking, latency, port widths and two functions moving port values.
//
//   sim INPUTS.hex OUTPUTS.hex [TRACE.vcd]
//
// INPUTS has one sample per line (one hex value per input port, see common/vector_io.h);
// OUTPUTS gets one line per sample in the same form. One lane: sample t is applied in cycle
// t. 64 lanes: cycle c carries samples 64c .. 64c+63 (lane j = sample 64c + j; port bit
// 64*i + j is bit i of lane j); a short last cycle is padded with zero samples that are not
// written. Clocked designs get one reset cycle first; outputs are read after the inputs
// settle and before the rising edge, `latency` cycles after their inputs. A streaming design
// (BT_STREAMING: a start/done handshake, one lane) runs one transaction per sample instead:
// without a ready port one sample at a time, with one (BT_READY) back to back, each sample
// offered until the design accepts it. `cycles` then counts the cycles up to the last done,
// and OUTPUTS.timing gets one line per sample: the cycle it was accepted and the cycle of its
// done (cycle 0 is the first after reset).
// The harness's own loops (lane packing, hex I/O) are compiled optimised whatever C++ level
// the design model is built at: at -O0 they, not the model, would bound the throughput.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("O2")
#endif

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bt_ports.h"
#include "common/clock_reset.h"
#include "common/vector_io.h"
#include "verilated.h"
#ifdef BT_TRACE
#include "verilated_vcd_c.h"
#endif

namespace {

// Packs samples[first ..< first + lanes] (missing ones are zero) into port words.
void packLanes(const std::vector<std::vector<bt::Words>>& samples, size_t first, int port,
               int width, bt::Words& out) {
  out.assign(bt::wordCount(width * BT_LANES), 0);
  for (int lane = 0; lane < BT_LANES; ++lane) {
    size_t s = first + lane;
    if (s >= samples.size()) break;
    const bt::Words& v = samples[s][port];
    for (size_t k = 0; k < v.size(); ++k) {  // visit the set bits only
      for (uint32_t bits = v[k]; bits != 0; bits &= bits - 1) {
        const int i = static_cast<int>(k) * 32 + __builtin_ctz(bits);
        bt::setBit(out, i * BT_LANES + lane);
      }
    }
  }
}

// The value of one lane of a port.
void unpackLane(const bt::Words& port, int width, int lane, bt::Words& out) {
  out.assign(bt::wordCount(width), 0);
  for (int i = 0; i < width; ++i) {
    if (bt::getBit(port, i * BT_LANES + lane)) bt::setBit(out, i);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s INPUTS.hex OUTPUTS.hex [TRACE.vcd]\n", argv[0]);
    return 2;
  }
  const std::vector<int> inWidths(BT_INPUT_WIDTHS, BT_INPUT_WIDTHS + BT_INPUT_COUNT);
  const std::vector<int> outWidths(BT_OUTPUT_WIDTHS, BT_OUTPUT_WIDTHS + BT_OUTPUT_COUNT);

  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<std::vector<bt::Words>> samples;
  std::string line;
  size_t lineNumber = 0;
  while (std::getline(in, line)) {
    ++lineNumber;
    if (BT_INPUT_COUNT == 0) {  // a design without inputs: one (empty) line per sample
      samples.emplace_back();
      continue;
    }
    if (line.empty()) continue;
    std::vector<bt::Words> values(BT_INPUT_COUNT);
    if (!bt::parseLine(line, inWidths, values)) {
      std::fprintf(stderr, "%s:%zu: malformed vector\n", argv[1], lineNumber);
      return 2;
    }
    samples.push_back(std::move(values));
  }

  auto context = std::make_unique<VerilatedContext>();
  context->commandArgs(argc, argv);
  auto top = std::make_unique<BT_TOP>(context.get());
#ifdef BT_TRACE
  std::unique_ptr<VerilatedVcdC> trace;
  if (argc > 3) {
    context->traceEverOn(true);
    trace = std::make_unique<VerilatedVcdC>();
    top->trace(trace.get(), 99);
    trace->open(argv[3]);
  }
  uint64_t time = 0;
  auto tick = [&] {
    if (trace) trace->dump(time);
    ++time;
  };
#else
  auto tick = [] {};
#endif

  const auto start = std::chrono::steady_clock::now();
#if BT_CLOCKED
  bt::resetCycle(top.get(), tick);
#endif
  std::string out;
  out.reserve(samples.size() * 16);
  std::vector<bt::Words> ports(BT_INPUT_COUNT);
  std::vector<bt::Words> results(BT_OUTPUT_COUNT);
#if BT_STREAMING
  // Offer a sample (start high, its data on the inputs) until it is accepted: in its start
  // cycle without a ready port, when ready is high with one. Each done (ignored when no
  // sample is in flight) gives the outputs of the oldest sample in flight.
  std::vector<size_t> accepted, finished;
  size_t cycleCount = 0, progress = 0;
  while (finished.size() < samples.size()) {
    const size_t next = accepted.size();
    const bool offer =
        next < samples.size() && (BT_HAS_READY || finished.size() == accepted.size());
    if (offer) {
      for (int p = 0; p < BT_INPUT_COUNT; ++p) packLanes(samples, next, p, inWidths[p], ports[p]);
      bt_set_inputs(top.get(), ports.data());
    }
    bt_set_start(top.get(), offer ? 1 : 0);
    top->eval();
    if (bt_get_done(top.get()) && finished.size() < accepted.size()) {
      bt_get_outputs(top.get(), results.data());
      for (int p = 0; p < BT_OUTPUT_COUNT; ++p) {
        if (p > 0) out.push_back(' ');
        bt::appendHex(out, results[p], outWidths[p]);
      }
      out.push_back('\n');
      finished.push_back(cycleCount);
      progress = cycleCount;
    } else if (bt_get_done(top.get()) && BT_HAS_READY) {
      std::fprintf(stderr, "cycle %zu: done with no sample in flight\n", cycleCount);
      return 3;
    }
    if (offer && bt_get_ready(top.get())) {
      accepted.push_back(cycleCount);
      progress = cycleCount;
    }
    bt::clockCycle(top.get(), tick);
    if (cycleCount - progress + 1 >= BT_CYCLE_LIMIT) {
      std::fprintf(stderr, "sample %zu: stalled for %d cycles\n", finished.size(),
                   BT_CYCLE_LIMIT);
      return 3;
    }
    ++cycleCount;
  }
  std::string timing;
  for (size_t s = 0; s < samples.size(); ++s) {
    timing += std::to_string(accepted[s]) + " " + std::to_string(finished[s]) + "\n";
  }
  const std::string timingPath = std::string(argv[2]) + ".timing";
  std::FILE* tf = std::fopen(timingPath.c_str(), "wb");
  if (!tf || std::fwrite(timing.data(), 1, timing.size(), tf) != timing.size() ||
      std::fclose(tf) != 0) {
    std::fprintf(stderr, "cannot write %s\n", timingPath.c_str());
    return 2;
  }
#else
  const size_t cycles = (samples.size() + BT_LANES - 1) / BT_LANES;
  const size_t cycleCount = cycles + BT_LATENCY;
  bt::Words lane;
  for (size_t c = 0; c < cycles + BT_LATENCY; ++c) {
    for (int p = 0; p < BT_INPUT_COUNT; ++p) {
      if (c < cycles) {
        packLanes(samples, c * BT_LANES, p, inWidths[p], ports[p]);
      } else {
        ports[p].assign(bt::wordCount(inWidths[p] * BT_LANES), 0);
      }
    }
    bt_set_inputs(top.get(), ports.data());
    top->eval();
    if (c >= static_cast<size_t>(BT_LATENCY)) {
      bt_get_outputs(top.get(), results.data());
      const size_t first = (c - BT_LATENCY) * BT_LANES;
      for (int j = 0; j < BT_LANES && first + j < samples.size(); ++j) {
        for (int p = 0; p < BT_OUTPUT_COUNT; ++p) {
          if (p > 0) out.push_back(' ');
          if (BT_LANES == 1) {
            bt::appendHex(out, results[p], outWidths[p]);
          } else {
            unpackLane(results[p], outWidths[p], j, lane);
            bt::appendHex(out, lane, outWidths[p]);
          }
        }
        out.push_back('\n');
      }
    }
#if BT_CLOCKED
    bt::clockCycle(top.get(), tick);
#else
    tick();
#endif
  }
#endif
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  top->final();
#ifdef BT_TRACE
  if (trace) trace->close();
#endif

  std::FILE* f = std::fopen(argv[2], "wb");
  if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", argv[2]);
    return 2;
  }
  std::printf("bittrue-harness samples=%zu cycles=%zu seconds=%.6f\n", samples.size(),
              cycleCount, seconds);
  return 0;
}
