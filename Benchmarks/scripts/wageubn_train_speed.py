#!/usr/bin/env python3
"""Epoch time of WAGEUBN training: BitTrue's exact integers, BitTrue's float reference and a
PyTorch float fake-quant implementation of the same MLP, one after the other in one run.

All three train the 784-256-10 MLP of docs/wageubn.md on MNIST (inputs round(128*x/255) on
the 2^-7 grid, batch 64, the official schedule's first phase: lr 26/512, g_scale 128,
momentum 1/4) with the same quantizers: W_q = C(Q(W,8),8), A = Q(ReLU(y),8), E2 (flag
format) at the logits and at the hidden layer's output, E1 (shift quantization, +-127),
constant quantization of the weight gradients with stochastic rounding. The PyTorch side
computes them in float32 (the products too), draws its stochastic rounding from torch.rand,
keeps a float32 master weight and momentum (the float reference's choice: no Q(Acc,13),
Q(W,24)) and writes the backward pass by hand (three matrix products per layer, as BitTrue
does), on `--threads` threads. The compared figure is seconds of training steps per epoch
(BitTrue: `stepSeconds` of report.json; PyTorch: the step loop timed alike); the CPU seconds
of each whole run (data loading, training, evaluation; all threads) and the test accuracy
after the last epoch are printed next to it. The initial weights and the shuffles differ
(BitTrue draws them from its CounterRNG), so accuracies agree only roughly.

Usage: wageubn_train_speed.py --bittrue BIN [--data-dir DIR] [--epochs E] [--threads T]
           [--limit N] [--out DIR] [--skip-bittrue]
"""

import argparse
import gzip
import json
import os
import platform
import resource
import subprocess
import time

import numpy as np
import torch


def load_mnist(data_dir, limit):
    def read(name, offset):
        with gzip.open(os.path.join(data_dir, "mnist", name)) as f:
            return np.frombuffer(f.read()[offset:], dtype=np.uint8).astype(np.int64)

    def codes(pixels):  # round(128*x/255) ties to even, at most 127
        return np.minimum(np.rint(pixels * 128 / 255), 127).astype(np.float32) / 128

    tx = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[:limit]
    ty = read("train-labels-idx1-ubyte.gz", 8)[:limit]
    vx = read("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    vy = read("t10k-labels-idx1-ubyte.gz", 8)
    return (torch.from_numpy(codes(tx)), torch.from_numpy(ty), torch.from_numpy(codes(vx)),
            torch.from_numpy(vy))


def shift_exponent(x):
    """R = 2^round(log2 max|x|), None for an all-zero tensor."""
    top = x.abs().max()
    return None if top == 0 else torch.exp2(torch.round(torch.log2(top)))


def e1(x, k=8):
    r = shift_exponent(x)
    if r is None:
        return x
    half = 2 ** (k - 1)
    return r * torch.clamp(torch.round(x / r * half), -(half - 1), half - 1) / half


def e2(x, k=8):
    r = shift_exponent(x)
    if r is None:
        return x
    half = 2 ** (k - 1)
    s = r / half
    m = x.abs() / s
    fine = torch.clamp(torch.round(m * half), max=half) * s / half
    coarse = torch.clamp(torch.round(m), max=half - 1) * s
    return torch.sign(x) * torch.where(m < 1, fine, coarse)


def constant(g, g_scale=128):
    r = shift_exponent(g)
    if r is None:
        return g
    v = g * (g_scale / r)
    magnitude = torch.floor(v.abs() + torch.rand_like(v))  # up with probability frac
    return torch.sign(v) * torch.clamp(magnitude, max=g_scale - 1) * 2.0 ** -14


def forward_weight(w):
    return torch.clamp(torch.round(w * 128), -127, 127) / 128


def init_weight(outputs, inputs, generator):
    w = torch.empty(outputs, inputs)
    torch.nn.init.trunc_normal_(w, std=1.0, a=-2.0, b=2.0, generator=generator)
    return torch.round(w / inputs ** 0.5 * 32768) / 32768


def train_torch(data, epochs, threads, seed, batch=64, lr=26 / 512):
    torch.set_num_threads(threads)
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    tx, ty, vx, vy = data
    w1, w2 = init_weight(256, 784, generator), init_weight(10, 256, generator)
    acc1, acc2 = torch.zeros_like(w1), torch.zeros_like(w2)
    step_seconds, accuracy = 0.0, 0.0
    for _ in range(epochs):
        order = torch.randperm(len(ty), generator=generator)
        start = time.perf_counter()
        with torch.no_grad():
            for b0 in range(0, len(ty), batch):
                idx = order[b0:b0 + batch]
                a0, labels = tx[idx], ty[idx]
                q1, q2 = forward_weight(w1), forward_weight(w2)
                y1 = a0 @ q1.t()
                a1 = torch.round(torch.relu(y1) * 128) / 128
                logits = a1 @ q2.t()
                p = torch.softmax(logits, dim=1)
                p[torch.arange(len(labels)), labels] -= 1
                err2 = e2(p / len(labels))
                g2 = constant(err2.t() @ a1)
                err1 = e2(e1(err2 @ q2) * (y1 > 0))
                g1 = constant(err1.t() @ a0)
                for w, acc, g in ((w1, acc1, g1), (w2, acc2, g2)):
                    acc.mul_(0.25).add_(g)
                    w.sub_(lr * acc)
        step_seconds += time.perf_counter() - start
        with torch.no_grad():
            hidden = torch.round(torch.relu(vx @ forward_weight(w1).t()) * 128) / 128
            predicted = (hidden @ forward_weight(w2).t()).argmax(dim=1)
            accuracy = (predicted == vy).float().mean().item()
    return step_seconds / epochs, accuracy


def run_bittrue(binary, data_dir, epochs, threads, limit, out, reference):
    folder = os.path.join(out, "float" if reference else "integer")
    args = [binary, "wageubn", "train", "--dataset", "mnist", "--data-dir", data_dir,
            "--model", "mlp:784-256-10", "--profile", "paper", "--epochs", str(epochs),
            "--seed", "0", "--threads", str(threads), "--quiet", "--out", folder]
    if limit:
        args += ["--limit", str(limit)]
    if reference:
        args += ["--reference", "float"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with open(os.path.join(folder, "report.json")) as f:
        report = json.load(f)
    seconds = report["stepSeconds"] / max(report["configuration"]["epochs"], 1)
    return seconds, report["epochs"][-1]["testAccuracy"], cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bittrue", default="../.build/release/bittrue")
    parser.add_argument("--data-dir", default="../../shared/data")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="training samples (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=".build/wageubn")
    parser.add_argument("--skip-bittrue", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    if not args.skip_bittrue:
        for reference in (False, True):
            seconds, accuracy, cpu = run_bittrue(args.bittrue, args.data_dir, args.epochs,
                                                 args.threads, args.limit, args.out, reference)
            name = "bittrue wageubn train --reference float" if reference else \
                "bittrue wageubn train (exact integers)"
            rows.append((name, seconds, accuracy, cpu))
    start = time.process_time()
    data = load_mnist(args.data_dir, args.limit or None)
    seconds, accuracy = train_torch(data, args.epochs, args.threads, args.seed)
    rows.append((f"PyTorch {torch.__version__} float32 fake-quant", seconds, accuracy,
                 time.process_time() - start))
    load = os.getloadavg()[0]
    print(f"MNIST MLP 784-256-10, batch 64, {args.epochs} epoch(s), {args.threads} threads, "
          f"{platform.processor() or platform.machine()}, load average {load:.1f}")
    print("| run | seconds per epoch (steps, wall) | CPU seconds, whole run | test accuracy |")
    print("|---|---|---|---|")
    for name, seconds, accuracy, cpu in rows:
        print(f"| {name} | {seconds:.2f} | {cpu:.1f} | {100 * accuracy:.2f}% |")


if __name__ == "__main__":
    main()
