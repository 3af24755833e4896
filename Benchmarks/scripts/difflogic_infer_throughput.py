#!/usr/bin/env python3
"""difflogic 0.1.0's own CompiledLogicNet on a net trained by BitTrue: check, compile, time.

The discretised net (difflogic-net JSON, e.g. the net.json of `bittrue logic train`) is loaded
into difflogic `LogicLayer`s (connections from the file, a one-hot logit on each neuron's gate)
and a `GroupSum`. Before anything is timed, on every MNIST test image:
  1. difflogic's eval-mode PyTorch forward (`implementation='python'`) gives per-class counts,
  2. `CompiledLogicNet` (its generated C, `gcc -O1 -march=native`, 64 samples per word, its
     bit-sliced ripple counters for GroupSum) gives per-class counts,
and both must equal the counts in `--scores` (a CSV written by `bittrue logic eval --scores`
or `logic-bench infer --scores`). Then it reports CompiledLogicNet's compile time (code
generation and gcc) and its single-core throughput: the C entry point
`apply_logic_gate_net` called directly on preallocated arrays (bool images in, int32 counts
out: packing and GroupSum included, as difflogic ships it), and the Python `forward`.

    PYTHONPATH=<difflogic-0.1.0 sources>:<dir with an empty difflogic_cuda.py> \\
        python difflogic_infer_throughput.py --net /tmp/ev/mnist20/net.json \\
        --mnist /work/shared/data --crop 4 --scores /tmp/ev/scores.csv --repeats 20

Needs numpy, torch (a +cpu build) and difflogic 0.1.0 importable (its sdist's setup.py
needs CUDA; its top-level `import difflogic_cuda` is satisfied by an empty stub module).
Images: `x > 127` on each grey value, i.e. difflogic's `round(x / 255)`, after removing
`--crop` pixels from each side (difflogic's mnist20x20 for 4) — BitTrue's
`--crop-border 4 --encoding thermometer` on MNIST puts exactly this threshold on every pixel.
"""
import argparse
import contextlib
import gzip
import io
import json
import os
import resource
import struct
import time

import numpy as np
import torch
from difflogic import CompiledLogicNet, GroupSum, LogicLayer


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def mnist_test(directory, crop):
    images = read_idx(os.path.join(directory, "mnist", "t10k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, "mnist", "t10k-labels-idx1-ubyte.gz"))
    n, h, w = images.shape
    cropped = images[:, crop:h - crop, crop:w - crop].reshape(n, -1)
    return np.ascontiguousarray(cropped > 127), labels.astype(np.int64)


def difflogic_model(net):
    layers, previous = [], net["inputs"]
    for spec in net["layers"]:
        out = len(spec["gates"])
        with contextlib.redirect_stdout(io.StringIO()):
            layer = LogicLayer(previous, out, device="cpu", implementation="python",
                               connections="random")
        layer.indices = (torch.tensor(spec["a"], dtype=torch.int64),
                         torch.tensor(spec["b"], dtype=torch.int64))
        weights = torch.zeros(out, 16)
        weights[torch.arange(out), torch.tensor(spec["gates"], dtype=torch.int64)] = 1.0
        layer.weights.data = weights
        layers.append(layer)
        previous = out
    group = net["group_sum"]
    return torch.nn.Sequential(*layers, GroupSum(group["k"], group["tau"], device="cpu"))


def torch_counts(model, x, classes, chunk=500):
    model.eval()
    counts = []
    with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()):
        for start in range(0, len(x), chunk):
            y = torch.from_numpy(x[start:start + chunk].astype(np.float32))
            for layer in model[:-1]:
                y = layer(y)
            counts.append(y.view(len(y), classes, -1).sum(-1).round().to(torch.int64))
    return torch.cat(counts).numpy()


def first_mismatch(a, b):
    rows = np.nonzero((a != b).any(axis=1))[0]
    return None if len(rows) == 0 else int(rows[0])


def timings(call, repeats):
    call()
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.thread_time(), time.perf_counter()
        call()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.thread_time() - c0)
    return sorted(cpu), sorted(wall)


def report(name, cpu, wall, images):
    print(f"{name}: {cpu[0] * 1e3:.3f} ms best CPU, {cpu[len(cpu) // 2] * 1e3:.3f} ms median "
          f"CPU, {wall[len(wall) // 2] * 1e3:.3f} ms median wall → {images / cpu[0]:.3g} "
          f"images/s (best CPU), {images / wall[len(wall) // 2]:.3g} images/s (median wall)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--net", required=True)
    p.add_argument("--mnist", required=True, help="data directory holding mnist/")
    p.add_argument("--crop", type=int, default=4)
    p.add_argument("--scores", required=True, help="BitTrue's per-image counts (CSV)")
    p.add_argument("--repeats", type=int, default=20)
    p.add_argument("--opt-level", type=int, default=1)
    p.add_argument("--lib", help="reuse (or, if absent, save) the compiled .so here")
    args = p.parse_args()
    torch.set_num_threads(1)
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load {load}")
    print(f"torch {torch.__version__}, numpy {np.__version__}")

    with open(args.net) as f:
        net = json.load(f)
    classes = net["group_sum"]["k"]
    x, labels = mnist_test(args.mnist, args.crop)
    n = len(x)
    bittrue = np.loadtxt(args.scores, delimiter=",", skiprows=1, dtype=np.int64)
    assert bittrue.shape == (n, classes + 1), bittrue.shape
    model = difflogic_model(net)

    counts = torch_counts(model, x, classes)
    bad = first_mismatch(counts, bittrue[:, :classes])
    if bad is not None:
        raise SystemExit(f"image {bad}: difflogic eval counts {counts[bad]} != BitTrue "
                         f"{bittrue[bad, :classes]}")
    accuracy = (counts.argmax(1) == labels).mean() * 100
    print(f"check 1: difflogic's PyTorch eval counts equal BitTrue's on all {n} images "
          f"(accuracy {accuracy:.2f}%)")

    compiled = CompiledLogicNet(model, device="cpu", num_bits=64, cpu_compiler="gcc")
    if args.lib and os.path.exists(args.lib):
        compiled = CompiledLogicNet.load(args.lib, num_classes=classes, num_bits=64)
        print(f"compiled library reused from {args.lib}")
    else:
        w0 = time.perf_counter()
        code = compiled.get_c_code()
        codegen = time.perf_counter() - w0
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        w0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            compiled.compile(opt_level=args.opt_level, save_lib_path=args.lib)
        total = time.perf_counter() - w0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        gcc_cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
        print(f"compile: {len(code.splitlines())} lines of C; code generation {codegen:.1f} s "
              f"wall; compile() {total:.1f} s wall (code generation + gcc -O{args.opt_level} "
              f"-march=native), gcc {gcc_cpu:.1f} s CPU")

    compiled_counts = compiled.forward(x).numpy().astype(np.int64)
    bad = first_mismatch(compiled_counts, bittrue[:, :classes])
    if bad is not None:
        raise SystemExit(f"image {bad}: CompiledLogicNet counts {compiled_counts[bad]} != "
                         f"BitTrue {bittrue[bad, :classes]}")
    print(f"check 2: CompiledLogicNet counts equal BitTrue's on all {n} images")

    blocks = (n + 63) // 64
    padded = np.zeros((blocks * 64, x.shape[1]), dtype=np.bool_)
    padded[:n] = x
    padded = padded.reshape(-1)
    out = np.zeros(blocks * 64 * classes, dtype=np.int32)
    print(f"timings: {n} images per call ({blocks} blocks of 64), {args.repeats} calls after a "
          f"warm-up, 1 thread")
    cpu, wall = timings(lambda: compiled.lib_fn(padded, out, blocks), args.repeats)
    report("CompiledLogicNet C apply_logic_gate_net (bools in → counts out)", cpu, wall, n)
    cpu, wall = timings(lambda: compiled.forward(x), args.repeats)
    report("CompiledLogicNet.forward (Python wrapper)", cpu, wall, n)


if __name__ == "__main__":
    main()
