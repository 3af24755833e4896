#!/usr/bin/env python3
"""Training throughput of difflogic's pure-PyTorch CPU implementation (the baseline for
logic-bench's `throughput` mode): same architecture, batch, optimiser, random 0/1 inputs.

    python difflogic_train_throughput.py --inputs 400 --widths 8000x6 --classes 10 \
        --batch 100 --steps 5 --threads 1

Needs torch (a +cpu build) and difflogic 0.1.0 importable; difflogic's top-level
`import difflogic_cuda` is satisfied by an empty stub module on PYTHONPATH.
"""
import argparse
import contextlib
import io
import resource
import time

import torch
from difflogic import GroupSum, LogicLayer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--inputs", type=int, default=400)
    p.add_argument("--widths", default="8000x6")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--tau", type=float, default=10)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    width, count = (int(v) for v in args.widths.split("x"))
    layers, previous = [], args.inputs
    for _ in range(count):
        layers.append(LogicLayer(previous, width, device="cpu", implementation="python",
                                 connections="unique"))
        previous = width
    model = torch.nn.Sequential(*layers, GroupSum(args.classes, args.tau, device="cpu"))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    x = torch.randint(0, 2, (args.batch, args.inputs)).float()
    y = torch.randint(0, args.classes, (args.batch,))

    def step():
        # difflogic 0.1.0 prints the index dtypes on every forward call: swallow that.
        with contextlib.redirect_stdout(io.StringIO()):
            loss = torch.nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

    step()  # warm-up
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step()
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    samples = args.steps * args.batch
    print(f"difflogic python, gates {width * count} batch {args.batch} threads {args.threads}: "
          f"{wall / args.steps * 1000:.1f} ms/step wall, {samples / wall:.0f} samples/s wall, "
          f"{samples / cpu:.0f} samples/CPU-s")


if __name__ == "__main__":
    main()
