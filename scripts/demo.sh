#!/usr/bin/env bash
# The main job (`make demo`): train a logic-gate network on the bundled digits data, run it
# bit-parallel, emit Verilog, cosimulate it under Verilator against every Swift evaluator,
# and print the gate report; then the same for a binarized (XNOR-popcount) net; then a short
# WAGEUBN integer training run and its report. Usage: scripts/demo.sh BITTRUE_BINARY OUT_DIR
set -euo pipefail
bittrue="${1:-.build/release/bittrue}"
out="${2:-out/demo}"
data=(--dataset digits --data-dir data --encoding thermometer --thresholds 3)

# Bold headings only on a terminal: a log file or pipe gets plain text.
if [ -t 1 ]; then
  step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
else
  step() { printf '\n== %s\n' "$*"; }
fi

if ! command -v "${VERILATOR:-verilator}" >/dev/null 2>&1; then
  echo "error: verilator not found (Debian: apt-get install verilator; or set VERILATOR)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"

step "1. The data: scikit-learn's digits (8x8, 10 classes), carried in data/digits"
"$bittrue" data info "${data[@]}"

step "2. Train a logic-gate network: 4 layers x 2000 two-input gates, GroupSum tau 10"
"$bittrue" logic train "${data[@]}" --layers 2000x4 --tau 10 --iterations 4000 \
  --eval-every 500 --seed 0 --out "$out/model"

step "3. Run the discretised net bit-parallel (gates64) and check it against the model"
"$bittrue" logic eval --model "$out/model/net.json" "${data[@]}" --check \
  --scores "$out/model/scores.csv"

step "4. Emit Verilog (gates + popcount per class + argmax) and the gate report"
"$bittrue" logic emit --model "$out/model/net.json" --out "$out/rtl"

step "5. Cosimulate: model, interpreter, optimised netlist, gates64 and Verilator, bit for bit"
"$bittrue" cosim "$out/model/net.json" "${data[@]}" --vectors 2000 --seed 1

step "6. A binarized net on the same data: train (STE, batch norm folded to thresholds)"
"$bittrue" bnn train "${data[@]}" --layers binary:96,binary:10 --epochs 30 \
  --seed 0 --out "$out/bnn"

step "7. Run it bit-packed (XNOR + popcount), emit Verilog and cosimulate it bit for bit"
"$bittrue" bnn eval --model "$out/bnn/model.json" "${data[@]}" --scores "$out/bnn/scores.csv"
"$bittrue" bnn emit --model "$out/bnn/model.json" --out "$out/bnn-rtl"
"$bittrue" cosim "$out/bnn/model.json" "${data[@]}" --vectors 2000 --seed 1

step "8. WAGEUBN: exact 8-bit integer training of an MLP, every accumulator instrumented"
"$bittrue" wageubn train --dataset digits --data-dir data --model mlp:64-64-10 --epochs 3 \
  --batch 16 --lr 0.5 --schedule constant --profile hardware --seed 0 --out "$out/wageubn"
"$bittrue" wageubn report "$out/wageubn"

step "Done"
echo "trained model:  $out/model/model.json (all logits), $out/model/net.json (difflogic-net)"
echo "training curve: $out/model/curve.svg"
echo "Verilog:        $out/rtl/"
echo "binarized net:  $out/bnn/model.json (bittrue-bnn), $out/bnn/curve.svg, $out/bnn-rtl/"
echo "WAGEUBN run:    $out/wageubn/report.md, $out/wageubn/curve.svg, $out/wageubn/checkpoint.json"
