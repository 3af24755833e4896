"""Collects `make bnn`'s measurements (the C popcount limit, bnn-bench, the PyTorch float32
baseline) into results/bnn.md and prints it.
Usage: python3 bnn_report.py OUT.md LIMIT.txt BITTRUE.txt TORCH.txt
"""

import sys


def rows(path, tag):
    out = {}
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == tag:
            net, part, threads = parts[1], parts[2], int(parts[3])
            samples, seconds = int(parts[4]), float(parts[5])
            popcounts, macs = int(parts[6]), int(parts[7])
            out[(net, part, threads)] = (samples, seconds, popcounts, macs)
    return out


def main():
    out_path, limit_path, bittrue_path, torch_path = sys.argv[1:5]
    limits = {}
    for line in open(limit_path):
        parts = line.split()
        if parts and parts[0] == "limit":
            limits[(parts[1], int(parts[2]))] = float(parts[3])
    bittrue = rows(bittrue_path, "bnn")
    torch = rows(torch_path, "torch")
    lines = [
        "| net | layers | threads | BitTrue samples/s | popcounts/s | binary MACs/s "
        "| % of scalar limit | % of AVX-512 limit | PyTorch f32 samples/s | BitTrue / PyTorch |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in sorted(bittrue, key=lambda k: (k[0] != "SFC", k[1], k[2])):
        net, part, threads = key
        samples, seconds, popcounts, macs = bittrue[key]
        rate = samples / seconds
        pops = rate * popcounts
        scalar = limits.get(("scalar", threads))
        vector = limits.get(("avx512", threads))
        t = torch.get(key)
        trate = t[0] / t[1] if t else None
        vector_text = f"{100 * pops / vector:.0f} %" if vector else "–"
        torch_text = f"{trate:.3g} | {rate / trate:.2f}×" if trate else "– | –"
        lines.append(
            f"| {net} | {'all' if part == 'all' else 'hidden only'} | {threads} | {rate:.3g} "
            f"| {pops:.3g} | {rate * macs:.3g} | {100 * pops / scalar:.0f} % | {vector_text} "
            f"| {torch_text} |")
    lines.append("")
    lines.append("Popcount limit (C loop over an L1-resident buffer, popcounts of 64-bit words/s):")
    for (loop, threads), value in sorted(limits.items()):
        lines.append(f"- {loop}, {threads} thread(s): {value:.3g}")
    text = "\n".join(lines) + "\n"
    with open(out_path, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
