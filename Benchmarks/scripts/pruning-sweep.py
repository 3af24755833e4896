#!/usr/bin/env python3
"""Pruning sweep: accuracy and unrolled hardware against sparsity.

Reads the report.json that `bittrue bnn prune --out DIR` writes for each DIR given on the
command line and prints a Markdown table; with --svg FILE it also draws test accuracy and
the fraction of 2-input gates removed against the target sparsity (plain SVG, no
dependencies).

    pruning-sweep.py --svg sweep.svg out/p25 out/p50 out/p75
"""
import argparse
import json


def load(folder):
    with open(f"{folder}/report.json") as f:
        report = json.load(f)
    rows = {row["name"]: (row["before"], row["after"]) for row in report["hardware"]}
    return report, rows


def table(reports):
    lines = [
        "| sparsity | test acc. pruned | test acc. fine-tuned | 2-input gates | removed "
        "| full adders | XNOR inverters | neurons |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    first, first_rows = reports[0]
    gates0 = first_rows["2-input gates"][0]
    lines.append(
        f"| 0 (given) | {first['accuracyBefore'] * 100:.2f} % | – | {gates0} | – "
        f"| {first_rows['full adders'][0]} "
        f"| {first_rows.get('XNOR inverters (−1 weights)', (0, 0))[0]} "
        f"| {', '.join(map(str, first['neuronsBefore']))} |")
    for report, rows in reports:
        before, after = rows["2-input gates"]
        lines.append(
            f"| {report['sparsity']:.2f} | {report['accuracyPruned'] * 100:.2f} % "
            f"| {report['accuracyAfter'] * 100:.2f} % | {after} "
            f"| {(before - after) / before * 100:.1f} % | {rows['full adders'][1]} "
            f"| {rows.get('XNOR inverters (−1 weights)', (0, 0))[1]} "
            f"| {', '.join(map(str, report['neuronsAfter']))} |")
    return "\n".join(lines)


def svg(reports, title):
    width, height, left, top, plot_w, plot_h = 560, 320, 60, 40, 440, 220
    x = lambda s: left + s * plot_w
    y = lambda v: top + (1 - v) * plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle">{title}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>',
    ]
    for k in range(11):
        v = k / 10
        parts.append(f'<text x="{left - 6}" y="{y(v) + 4}" text-anchor="end">{k * 10}%</text>')
        parts.append(
            f'<text x="{x(v)}" y="{top + plot_h + 16}" text-anchor="middle">{v:.1f}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 24}" text-anchor="middle">'
        'target sparsity (fraction of each layer\'s weights pruned)</text>')
    first = reports[0][0]
    series = [
        ("test accuracy (fine-tuned, reduced)", "#1f77b4",
         [(0, first["accuracyBefore"])] + [(r["sparsity"], r["accuracyAfter"]) for r, _ in reports]),
        ("test accuracy (pruned, before fine-tuning)", "#9ecae1",
         [(0, first["accuracyBefore"])] + [(r["sparsity"], r["accuracyPruned"]) for r, _ in reports]),
        ("2-input gates removed (unrolled)", "#d62728",
         [(0, 0)] + [(r["sparsity"], (rows["2-input gates"][0] - rows["2-input gates"][1])
                      / rows["2-input gates"][0]) for r, rows in reports]),
    ]
    for n, (name, colour, points) in enumerate(series):
        path = " ".join(f"{x(s):.1f},{y(v):.1f}" for s, v in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for s, v in points:
            parts.append(f'<circle cx="{x(s):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"/>')
        parts.append(
            f'<text x="{left + 10}" y="{top + plot_h - 10 - 14 * n}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--svg")
    parser.add_argument("--title", default="bittrue bnn prune")
    args = parser.parse_args()
    reports = sorted((load(f) for f in args.folders), key=lambda r: r[0]["sparsity"])
    print(table(reports))
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(reports, args.title))


if __name__ == "__main__":
    main()
