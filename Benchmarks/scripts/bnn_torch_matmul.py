"""The float32 baseline of `make bnn`: PyTorch (CPU) runs the dense layers of FINN's SFC and
LFC MLPs as float32 matrix products, each hidden layer followed by a threshold compare to
±1 (what the binarized net computes, in floating point), on the same number of samples and
threads as bnn-bench. Prints one line per case, in bnn-bench's format:
  torch <net> <part> <threads> <samples> <best seconds> <popcounts/sample> <binary MACs/sample>
        <best CPU seconds>
(popcounts and MACs: the binarized net's work, so the rates compare like for like; wall-clock
and process CPU time, each the best of the repeats after a warm-up run).
Usage: python bnn_torch_matmul.py [samples] [repeats]
"""

import sys
import time

import torch

SHAPES = [("SFC", [784, 256, 256, 256, 10]), ("LFC", [784, 1024, 1024, 1024, 10])]


def work(widths):
    popcounts = sum(o * ((i + 63) // 64) for i, o in zip(widths, widths[1:]))
    macs = sum(i * o for i, o in zip(widths, widths[1:]))
    return popcounts, macs


def main():
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    generator = torch.Generator().manual_seed(0)
    for name, widths in SHAPES:
        for part, layers in (("all", widths), ("hidden", widths[1:])):
            weights = [
                (torch.randint(0, 2, (i, o), generator=generator).float() * 2 - 1).contiguous()
                for i, o in zip(layers, layers[1:])
            ]
            x0 = torch.randint(0, 2, (samples, layers[0]), generator=generator).float() * 2 - 1
            popcounts, macs = work(layers)
            for threads in (1, 2):
                torch.set_num_threads(threads)
                best = best_cpu = float("inf")
                with torch.inference_mode():
                    for r in range(repeats + 1):  # the first run warms up
                        start, start_cpu = time.perf_counter(), time.process_time()
                        x = x0
                        for l, w in enumerate(weights):
                            x = torch.mm(x, w)
                            if l + 1 < len(weights):
                                x = torch.where(x >= 0, 1.0, -1.0)
                        predicted = x.argmax(dim=1)
                        elapsed = time.perf_counter() - start
                        cpu = time.process_time() - start_cpu
                        if r > 0:
                            best, best_cpu = min(best, elapsed), min(best_cpu, cpu)
                print(f"torch {name} {part} {threads} {samples} {best} {popcounts} {macs} "
                      f"{best_cpu}", flush=True)
                del predicted


if __name__ == "__main__":
    main()
