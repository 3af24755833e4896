#!/usr/bin/env python3
"""The three nets of the inference comparison (issue 15), made with difflogic 0.1.0 itself, and
difflogic's own CompiledLogicNet library for each, for `logic-bench compare` to time side by side.

  breast_cancer  210 inputs (30 features x 7 thermometer bits) -> 4 x 512 gates, k = 2
  digits         192 inputs (64 pixels x 3 thermometer bits)   -> 4 x 2000 gates, k = 10
  random         400 inputs -> 6 x 8000 gates, k = 10 (difflogic's random init, argmax gates)

The two small nets are trained by difflogic (`implementation='python'`, CPU, Adam, a few hundred
steps: enough for trained-net structure, not tuned for accuracy). For each net NAME the folder
gets NAME.json (the difflogic-net interchange file BitTrue reads) and NAME.so (CompiledLogicNet's
C, `gcc -O1 -march=native` as difflogic compiles it; its entry point
`apply_logic_gate_net(bool const *inp, int *out, size_t blocks)` takes 64 samples per block).
Existing files are reused.

    PYTHONPATH=<difflogic sources>:<dir with an empty difflogic_cuda.py> \\
        python difflogic_infer_nets.py --data /work/shared/data --out .build/compare
"""
import argparse
import contextlib
import csv
import io
import json
import os
import time

import numpy as np
import torch
from difflogic import CompiledLogicNet, GroupSum, LogicLayer


def thermometer(x, bits):
    """Each feature against `bits` thresholds spaced uniformly between its min and max."""
    low, high = x.min(0), x.max(0)
    steps = (np.arange(1, bits + 1) / (bits + 1))[None, :, None]
    thresholds = low[None, None, :] + steps * (high - low)[None, None, :]
    return (x[:, None, :] > thresholds).transpose(0, 2, 1).reshape(len(x), -1)


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array([[float(v) for v in row] for row in rows])
    return data[:, :-1], data[:, -1].astype(np.int64)


def model(inputs, width, depth, k):
    layers, previous = [], inputs
    with contextlib.redirect_stdout(io.StringIO()):
        for _ in range(depth):
            layers.append(LogicLayer(previous, width, device="cpu", implementation="python"))
            previous = width
    return torch.nn.Sequential(*layers, GroupSum(k, tau=10 if k > 2 else 4, device="cpu"))


def train(net, x, y, steps, seed):
    rng = np.random.default_rng(seed)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
    xs = torch.from_numpy(x.astype(np.float32))
    ys = torch.from_numpy(y)
    net.train()
    for _ in range(steps):  # difflogic's python layers print on every call
        batch = torch.from_numpy(rng.choice(len(x), size=min(100, len(x)), replace=False))
        with contextlib.redirect_stdout(io.StringIO()):
            loss = torch.nn.functional.cross_entropy(net(xs[batch]), ys[batch])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    net.eval()
    with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()):
        accuracy = (net(xs).argmax(1) == ys).float().mean().item() * 100
    return accuracy


def interchange(net, inputs):
    layers = []
    for layer in net[:-1]:
        a, b = layer.indices
        layers.append({"gates": layer.weights.argmax(-1).tolist(), "a": a.tolist(),
                       "b": b.tolist()})
    group = net[-1]
    return {"format": "difflogic-net", "version": 1, "inputs": inputs, "layers": layers,
            "group_sum": {"k": group.k, "tau": float(group.tau)}}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="data directory (breast_cancer/, digits/)")
    p.add_argument("--out", required=True)
    p.add_argument("--steps", type=int, default=300)
    args = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    os.makedirs(args.out, exist_ok=True)
    specs = [
        ("breast_cancer", "breast_cancer/breast_cancer.csv", 7, 512, 4, 2),
        ("digits", "digits/digits.csv", 3, 2000, 4, 10),
        ("random", None, None, 8000, 6, 10),
    ]
    for name, csv_path, bits, width, depth, k in specs:
        json_path = os.path.join(args.out, name + ".json")
        lib_path = os.path.join(args.out, name + ".so")
        if os.path.exists(json_path) and os.path.exists(lib_path):
            print(f"{name}: reusing {json_path} and {lib_path}")
            continue
        if csv_path is None:
            net = model(400, width, depth, k)
            note = "random gates and connections"
        else:
            x, y = read_csv(os.path.join(args.data, csv_path))
            x = thermometer(x, bits)
            net = model(x.shape[1], width, depth, k)
            accuracy = train(net, x, y, args.steps, seed=1)
            note = f"trained {args.steps} steps, train accuracy {accuracy:.1f}%"
        inputs = net[0].in_dim
        with open(json_path, "w") as f:
            json.dump(interchange(net, inputs), f)
        compiled = CompiledLogicNet(net, device="cpu", num_bits=64, cpu_compiler="gcc")
        w0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            compiled.compile(opt_level=1, save_lib_path=lib_path)
        print(f"{name}: {inputs} inputs, {depth} x {width} gates, k={k} ({note}); "
              f"CompiledLogicNet compiled in {time.perf_counter() - w0:.1f} s wall")


if __name__ == "__main__":
    main()
