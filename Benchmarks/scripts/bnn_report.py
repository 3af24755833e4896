"""Collects `make bnn`'s measurements (the C popcount limit, bnn-bench, the PyTorch float32
baseline) into results/bnn.md and prints it.
Usage: python3 bnn_report.py OUT.md LIMIT.txt BITTRUE.txt TORCH.txt

Rates are given two ways: per wall-clock second (best of the repeats) and per CPU second of
the process (best of the repeats; on a shared machine the steadier measure of what the code
does while it runs). "% of limit" compares 64-bit popcounts per second with the fastest C
popcount loop (AVX-512 VPOPCNTQ where the CPU has it) on as many threads, wall against wall
and, per CPU second, against the loop's rate per core.
"""

import os
import sys
import time


def rows(path, tag):
    out = {}
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == tag:
            key = (parts[1], parts[2], int(parts[3]))
            out[key] = dict(samples=int(parts[4]), wall=float(parts[5]), popcounts=int(parts[6]),
                            macs=int(parts[7]), cpu=float(parts[8]))
    return out


def main():
    out_path, limit_path, bittrue_path, torch_path = sys.argv[1:5]
    limits = {}
    for line in open(limit_path):
        parts = line.split()
        if parts and parts[0] == "limit":
            limits[(parts[1], int(parts[2]))] = (float(parts[3]), float(parts[4]))
    loop = "avx512" if ("avx512", 1) in limits else "scalar"
    bittrue = rows(bittrue_path, "bnn")
    torch = rows(torch_path, "torch")
    load = os.getloadavg()
    lines = [
        "# Binarized-net inference — `make -C Benchmarks bnn`",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')}, load average {load[0]:.1f} / "
        f"{load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) on {os.cpu_count()} cores. "
        "BitTrue: PackedBinarizedNet on packed random inputs; PyTorch: float32 `torch.mm` + "
        "threshold per layer on the same nets and inputs. Best of the repeats; "
        "\"per CPU-s\": per CPU second of the process.",
        "",
        "| net | layers | threads | samples/s | popcounts/s | binary MACs/s | % of limit "
        "| popcounts per CPU-s | % of limit per core | PyTorch f32 samples/s "
        "| × PyTorch (wall) | × PyTorch (CPU) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in sorted(bittrue, key=lambda k: (k[0] != "SFC", k[1], k[2])):
        net, part, threads = key
        b = bittrue[key]
        rate = b["samples"] / b["wall"]
        pops = rate * b["popcounts"]
        pops_cpu = b["samples"] * b["popcounts"] / b["cpu"]
        wall_limit = limits[(loop, threads)][0]
        core_limit = limits[(loop, 1)][1]
        t = torch.get(key)
        if t:
            torch_text = (f"{t['samples'] / t['wall']:.3g} | {t['wall'] / b['wall']:.1f}× "
                          f"| {t['cpu'] / b['cpu']:.1f}×")
        else:
            torch_text = "– | – | –"
        lines.append(
            f"| {net} | {'all' if part == 'all' else 'hidden only'} | {threads} | {rate:.3g} "
            f"| {pops:.3g} | {rate * b['macs']:.3g} | {100 * pops / wall_limit:.0f} % "
            f"| {pops_cpu:.3g} | {100 * pops_cpu / core_limit:.0f} % | {torch_text} |")
    lines.append("")
    lines.append("Popcount limit (C loops over an L1-resident buffer; 64-bit popcounts per wall "
                 "second, and per CPU second summed over the threads):")
    lines.append("")
    for (name, threads), (wall, cpu) in sorted(limits.items()):
        lines.append(f"- {name}, {threads} thread(s): {wall:.3g} /s wall, {cpu:.3g} /CPU-s")
    checks = [line[2:].strip() for line in open(torch_path) if line.startswith("# ")]
    if checks:
        lines += ["", "Agreement (checked before timing):", ""] + [f"- {c}" for c in checks]
    text = "\n".join(lines) + "\n"
    with open(out_path, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
