"""The float32 baseline of `make bnn`: PyTorch (CPU) runs the very nets and inputs bnn-bench
ran (read from the NumPy form it wrote, `bittrue bnn export`'s format) as float32 matrix
products, each hidden layer followed by its threshold compare to ±1, on the same number of
samples and threads; integer dot products up to 2^24 are exact in float32, so its classes
must equal BitTrue's on every sample (checked before timing: a mismatch stops the run).
Prints one line per case, in bnn-bench's format:
  torch <net> <part> <threads> <samples> <best seconds> <popcounts/sample> <binary MACs/sample>
        <best CPU seconds>
(popcounts and MACs: the binarized net's work, so the rates compare like for like; wall-clock
and process CPU time, each the best of the repeats after a warm-up run).
Usage: python bnn_torch_matmul.py FOLDER [repeats]
"""

import json
import os
import sys
import time

import numpy as np
import torch

SHAPES = [("SFC", [784, 256, 256, 256, 10]), ("LFC", [784, 1024, 1024, 1024, 10])]


def work(widths):
    popcounts = sum(o * ((i + 63) // 64) for i, o in zip(widths, widths[1:]))
    macs = sum(i * o for i, o in zip(widths, widths[1:]))
    return popcounts, macs


def load(folder):
    """The layers (weights, thresholds, directions as float32 tensors) and the ±1 inputs."""
    manifest = json.load(open(os.path.join(folder, "manifest.json")))
    layers = []
    for layer in manifest["layers"]:
        w = torch.from_numpy(np.load(os.path.join(folder, layer["weights"])).astype(np.float32))
        t = d = None
        if "thresholds" in layer:
            t = torch.from_numpy(np.load(os.path.join(folder, layer["thresholds"])).astype(np.float32))
            d = torch.from_numpy(np.load(os.path.join(folder, layer["directions"])).astype(np.float32))
        layers.append((w.t().contiguous(), t, d))
    count = manifest["input"]["count"]
    bits = np.fromfile(os.path.join(folder, "inputs.u8"), dtype=np.uint8).reshape(-1, count)
    return layers, torch.from_numpy(bits.astype(np.float32) * 2 - 1)


def forward(layers, x):
    for w, t, d in layers:
        x = torch.mm(x, w)
        if t is not None:
            fires = torch.where(d == 1, x >= t, torch.where(d == -1, x <= t, t == 1))
            x = torch.where(fires, 1.0, -1.0)
    return x.argmax(dim=1)


def main():
    folder = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for name, widths in SHAPES:
        for part, widths_part in (("all", widths), ("hidden", widths[1:])):
            case = os.path.join(folder, f"{name}-{part}")
            layers, x0 = load(case)
            samples = x0.shape[0]
            expected = [int(v) for v in open(os.path.join(case, "predicted.txt")).read().split()]
            with torch.inference_mode():
                predicted = forward(layers, x0).tolist()
            if predicted != expected:
                bad = next(i for i, (a, b) in enumerate(zip(predicted, expected)) if a != b)
                sys.exit(f"{name} {part}: sample {bad}: PyTorch class {predicted[bad]}, "
                         f"BitTrue {expected[bad]}")
            popcounts, macs = work(widths_part)
            for threads in (1, 2):
                torch.set_num_threads(threads)
                best = best_cpu = float("inf")
                with torch.inference_mode():
                    for r in range(repeats + 1):  # the first run warms up
                        start, start_cpu = time.perf_counter(), time.process_time()
                        forward(layers, x0)
                        elapsed = time.perf_counter() - start
                        cpu = time.process_time() - start_cpu
                        if r > 0:
                            best, best_cpu = min(best, elapsed), min(best_cpu, cpu)
                print(f"torch {name} {part} {threads} {samples} {best} {popcounts} {macs} "
                      f"{best_cpu}", flush=True)
            print(f"# {name} {part}: PyTorch's classes equal BitTrue's on {samples} samples",
                  flush=True)


if __name__ == "__main__":
    main()
