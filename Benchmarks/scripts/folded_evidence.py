#!/usr/bin/env python3
"""FINN's SFC binary MLP on MNIST as hardware: unrolled and folded (PE/SIMD), beside FINN.

For `make -C Benchmarks folded`. Trains the SFC-shaped net with `bittrue bnn train` (or takes
--model), then for the unrolled design and each folding:
  * `bittrue netlist report --format json` (2-input gates and registers of the bit-blasted
    design, ROMs included; with --yosys, Yosys's synth_ice40 LUT4s and flip-flops),
  * the cycle model printed by the folded report (cycles per sample, initiation interval,
    weight ROM bits),
  * `bittrue cosim` under Verilator (latency and initiation interval measured by the
    harness on samples fed back to back, simulation speed), on --vectors random vectors,
  * `bittrue netlist report --place-route PART` when the design's pins fit the part; else
    the throughput is given at the stated --clock-mhz, labelled so.
The unrolled SFC is too big to cosimulate here in reasonable time: a smaller net of the same
kind (--small-layers, trained the same way) is cosimulated unrolled instead, and SFC's unrolled
row gives gate counts only.

Foldings are strings passed through to the CLI: "PE/SIMD", each side one value for all layers
or a comma-separated value per layer, e.g. "16,4,4,1/49,64,64,16".

Prints a Markdown section on standard output; the raw outputs stay in --out.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

# FINN's published prototypes (Umuroglu et al., "FINN: A Framework for Fast, Scalable
# Binarized Neural Network Inference", FPGA 2017, arXiv:1612.07119, results table): Xilinx
# ZC706 (Zynq XC7Z045) at 200 MHz, MNIST, binarized weights and activations.
# (name, shape, images/s, LUTs, BRAM36, test accuracy %)
FINN = [
    ("SFC-max", "784-256-256-256-10", 12_361_000, 91_131, 4.5, 95.83),
    ("LFC-max", "784-1024-1024-1024-10", 1_561_000, 82_988, 396, 98.4),
    ("SFC-fix", "784-256-256-256-10", 12_200, 5_155, 16, 95.83),
    ("LFC-fix", "784-1024-1024-1024-10", 12_200, 5_636, 114.5, 98.4),
]

SFC_LAYERS = "binary:256,binary:256,binary:256,binary:10"


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, timeout, name, out):
    """Runs command, writes its output to out/name.log; returns (status, stdout, seconds)."""
    log("$ " + " ".join(command))
    start = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        status, stdout, stderr = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as expired:
        status, stdout, stderr = None, expired.stdout or "", f"timed out after {timeout} s"
        stdout = stdout if isinstance(stdout, str) else stdout.decode(errors="replace")
    seconds = time.monotonic() - start
    with open(os.path.join(out, name + ".log"), "w") as f:
        f.write(f"$ {' '.join(command)}\n{stdout}\n{stderr}\nstatus {status}, {seconds:.1f} s\n")
    if status != 0:
        log(f"  {name}: status {status}: {stderr.strip()[-300:]}")
    return status, stdout, seconds


def train(args, layers, folder):
    """The model file in folder (trained there first when absent) and its test accuracy."""
    model = os.path.join(folder, "model.json")
    if not os.path.exists(model):
        status, _, _ = run(
            [args.bittrue, "bnn", "train", "--dataset", "mnist", "--data-dir", args.data_dir,
             "--encoding", "thermometer", "--thresholds", "1", "--layers", layers,
             "--epochs", str(args.epochs), "--seed", "1", "--threads", "2", "--out", folder],
            None, "train-" + os.path.basename(folder), args.out)
        if status != 0:
            sys.exit(f"training {layers} failed (see {args.out})")
    return model


def accuracy(args, model, name):
    """The test accuracy of the model on MNIST's test split (`bnn eval`)."""
    status, stdout, _ = run(
        [args.bittrue, "bnn", "eval", "--model", model, "--dataset", "mnist", "--data-dir",
         args.data_dir, "--encoding", "thermometer", "--thresholds", "1"],
        args.timeout, "eval-" + name, args.out)
    found = re.search(r"test accuracy: ([0-9.]+)%", stdout)
    return float(found.group(1)) if status == 0 and found else None


def folding_arguments(folding):
    if folding is None:
        return []
    pe, simd = folding.split("/")
    return ["--arch", "folded", "--pe", pe, "--simd", simd]


def report(args, model, folding, name, extra=()):
    """`netlist report` as JSON, and the cycle model lines of a folded design."""
    path = os.path.join(args.out, name + ".json")
    status, stdout, seconds = run(
        [args.bittrue, "netlist", "report", model, "--format", "json", "--out", path]
        + folding_arguments(folding) + list(extra),
        args.timeout, name, args.out)
    if status != 0:
        return None, {}, seconds
    cycle = {}
    found = re.search(
        r"cycle model: (\d+) cycles per sample, initiation interval (\d+).*?(\d+) weight ROM bits",
        stdout)
    if found:
        cycle = dict(cycles=int(found.group(1)), ii=int(found.group(2)),
                     rom_bits=int(found.group(3)))
    with open(path) as f:
        return json.load(f), cycle, seconds


def cosim(args, model, folding, name):
    """Verilator's cycles per sample and simulation speed, and which sources agreed."""
    status, stdout, seconds = run(
        [args.bittrue, "cosim", model, "--vectors", str(args.vectors), "--cache",
         os.path.join(args.out, "cosim-cache")] + folding_arguments(folding),
        args.timeout, "cosim-" + name, args.out)
    result = dict(status=status, seconds=seconds)
    for key, pattern in [
        ("agree", r"agree: (.*)"),
        ("measured", r"latency: ([0-9.]+) cycles per sample measured by the harness"),
        ("ii", r"initiation interval: ([0-9.]+) cycles measured by the harness"),
        ("simulated", r"simulation [0-9.]+ s, ([0-9.]+) vectors/s"),
        ("build", r"verilator: build ([0-9.]+) s"),
    ]:
        found = re.search(pattern, stdout)
        if found:
            result[key] = found.group(1)
    return result


def fits(design, part_io):
    pins = design["inputBits"] + design["outputBits"] + 2
    return pins <= part_io, pins


def human(n):
    if n is None:
        return "–"
    for scale, suffix in [(1e9, "G"), (1e6, "M"), (1e3, "k")]:
        if n >= scale:
            return f"{n / scale:.3g} {suffix}"
    return f"{n:.3g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bittrue", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--model", help="a trained SFC model (default: train one in --out)")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--foldings", default="16/32 4/8",
                        help='space-separated "PE/SIMD" strings passed through to the CLI')
    parser.add_argument("--vectors", type=int, default=64)
    parser.add_argument("--part", default="ice40-hx8k")
    parser.add_argument("--part-io", type=int, default=206,
                        help="user I/O pins of the part's package (HX8K ct256: 206)")
    parser.add_argument("--clock-mhz", type=float, default=100.0)
    parser.add_argument("--small-layers", default="binary:64,binary:64,binary:64,binary:10")
    parser.add_argument("--small-epochs", type=int, default=1)
    parser.add_argument("--yosys", action="store_true", help="also synth_ice40 each design")
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    model = args.model or train(args, SFC_LAYERS, os.path.join(args.out, "sfc"))
    sfc_accuracy = accuracy(args, model, "sfc")
    rows = []
    designs = [(None, "unrolled")] + [(f, "folded-" + f.replace("/", "x").replace(",", "-"))
                                      for f in args.foldings.split()]
    for folding, name in designs:
        extra = ["--yosys"] if args.yosys and folding else []
        data, cycle, seconds = report(args, model, folding, name, extra)
        row = dict(name=name, folding=folding, report=data, cycle=cycle, seconds=seconds)
        if data and folding:
            ok, pins = fits(data["design"], args.part_io)
            row["pins"] = pins
            if ok:
                placed, _, _ = report(args, model, folding, name + "-pnr",
                                      ["--place-route", args.part])
                row["placed"] = placed and placed.get("placeRoute")
            row["cosim"] = cosim(args, model, folding, name)
        rows.append(row)

    small_model = train(args, args.small_layers, os.path.join(args.out, "small"))
    small_accuracy = accuracy(args, small_model, "small")
    small_data, _, _ = report(args, small_model, None, "small-unrolled")
    small_cosim = cosim(args, small_model, None, "small-unrolled")

    print_table(args, rows, sfc_accuracy, small_data, small_cosim, small_accuracy)


def print_table(args, rows, sfc_accuracy, small_data, small_cosim, small_accuracy):
    clock = args.clock_mhz
    print("| design | 2-input gates | registers (bits) | iCE40 LUT4 / FF (Yosys) | "
          "weight ROM bits | latency, cycles (model / Verilator) | II, cycles (model / Verilator) | "
          f"{args.part} place & route | samples/s | test accuracy |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    acc = f"{sfc_accuracy:.2f} %" if sfc_accuracy is not None else "–"
    for row in rows:
        data = row["report"]
        if data is None:
            print(f"| SFC {row['name']} | failed (see {args.out}/{row['name']}.log) |"
                  " | | | | | | | |")
            continue
        gates = data["gateLevel"]["twoInputGates"]
        registers = data["gateLevel"]["registers"]
        yosys = data.get("yosys")
        luts = f"{yosys['luts']} / {yosys['ice40FlipFlops']}" if yosys else "–"
        if row["folding"] is None:
            depth = data["timing"]["logicDepth"]
            print(f"| SFC unrolled | {gates} | {registers} | – | – (weights are wiring) | "
                  f"1 (combinational, {depth} gate levels) | 1 | not placed (too big) | "
                  f"{human(clock * 1e6)} at a stated {clock:g} MHz, if the logic met it | "
                  f"{acc} |")
            continue
        cycle = row["cycle"]
        sim = row.get("cosim", {})
        measured = sim.get("measured", "–")
        measured_ii = sim.get("ii", "–")
        placed = row.get("placed")
        ii = cycle.get("ii")
        if placed:
            lc = next(r for r in placed["resources"] if r["name"] == "ICESTORM_LC")
            fmax = min(c["achievedMHz"] for c in placed["clocks"])
            where = f"{lc['used']} LCs, Fmax {fmax:.1f} MHz"
            rate = f"{human(fmax * 1e6 / ii)} at Fmax" if ii else "–"
        else:
            reason = (f"does not fit: {row['pins']} pins > {args.part_io}"
                      if "pins" in row and row["pins"] > args.part_io else "not placed")
            where = reason
            rate = f"{human(clock * 1e6 / ii)} at a stated {clock:g} MHz" if ii else "–"
        print(f"| SFC folded PE/SIMD {row['folding']} | {gates} | {registers} | {luts} | "
              f"{cycle.get('rom_bits', '–')} | {cycle.get('cycles', '–')} / {measured} | "
              f"{ii or '–'} / {measured_ii} | {where} | {rate} | {acc} |")
    if small_data:
        gates = small_data["gateLevel"]["twoInputGates"]
        depth = small_data["timing"]["logicDepth"]
        small_acc = f"{small_accuracy:.2f} %" if small_accuracy is not None else "–"
        print(f"| {args.small_layers.replace('binary:', '')} unrolled (cosim stand-in) | "
              f"{gates} | 0 | – | – | 1 / {small_cosim.get('measured', '1 (combinational)')} | 1 | "
              f"not placed | {human(clock * 1e6)} at a stated {clock:g} MHz, if the logic "
              f"met it ({depth} gate levels) | {small_acc} |")
    for name, shape, fps, luts, bram, accuracy_ in FINN:
        print(f"| FINN {name} ({shape}), published | – | – | {luts} LUT6 (Zynq) | "
              f"BRAM36: {bram} | – | – | ZC706 at 200 MHz | {human(fps)} | {accuracy_} % |")
    print()
    print("Cosimulation (Verilator, bit for bit against the Swift evaluators):")
    for row in rows:
        sim = row.get("cosim")
        if sim:
            print(f"- {row['name']}: status {sim['status']}, agree: {sim.get('agree', '–')}; "
                  f"Verilator build {sim.get('build', '–')} s, "
                  f"{sim.get('simulated', '–')} samples/s simulated")
    if small_cosim:
        print(f"- small unrolled: status {small_cosim['status']}, agree: "
              f"{small_cosim.get('agree', '–')}; Verilator build {small_cosim.get('build', '–')} s, "
              f"{small_cosim.get('simulated', '–')} samples/s simulated")


if __name__ == "__main__":
    main()
