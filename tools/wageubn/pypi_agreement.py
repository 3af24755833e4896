#!/usr/bin/env python3
"""Agreement of `bittrue wageubn quantize` with the PyPI package `wageubn` 1.2.0.

Exact part: random tensors (float64, so every package operation but log2 is exact; values
are dyadic, their exact decimals go to bittrue) through the package's `directquant`,
`alldirectquant` (kdec = kall), `shiftquant` and the backward of `gbnquant`, and through
`bittrue wageubn quantize` (direct, direct --profile hardware, shift, direct); every output
value is compared exactly (as a rational). Ties of round-half-even are frequent by
construction. Left out, because the package is broken there (spec section 4): the all-zero
tensor (`shiftquant` gives NaN, `constquant` raises), `weightquant`, `errquant`, `Linear`.

Distributional part: `constquant(x, K, K)` against `--quantizer const --bits K`; both keep
the integer n = clamp(SR(2^(K-1)*x/R), +-(2^(K-1)-1)) (the package divides by 2^(K-1),
bittrue multiplies by 2^-(K+6)). Each tensor repeats a few values many times, so every copy
is an independent draw of the same Bernoulli(frac) decision. Checked per value: the support
(floor or ceil of |v| only, clamped values exact), R, and with exact binomial tests the
up-rate of each implementation against frac and the two against each other (Fisher's exact
test); mean and variance are printed. All p-values are compared with a Bonferroni threshold
so that a correct pair of implementations fails this script with probability at most ALPHA
(default 0.001) per run. bittrue's draws are also replayed bit for bit from the documented
Philox stream (numpy) when numpy is present.

Usage: pypi_agreement.py [--bittrue PATH] [--tensors N] [--seed S] [--json]
Exit status 0 when everything agrees, 1 otherwise, 2 when wageubn/torch are missing.
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

try:
    import torch
    from wageubn.function.number import (
        alldirectquant,
        constquant,
        directquant,
        gbnquant,
        shiftquant,
    )
except ImportError as error:  # the package is optional: callers skip on status 2
    print(f"skipped: {error}", file=sys.stderr)
    sys.exit(2)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_bittrue():
    for config in ("release", "debug"):
        path = os.path.join(ROOT, ".build", config, "bittrue")
        if os.access(path, os.X_OK):
            return path
    return "bittrue"


def bittrue(binary, values, quantizer, bits, profile="paper", seed=0):
    """Runs `bittrue wageubn quantize --json` on the exact decimals of `values`."""
    text = "".join(str(Decimal(v)) + "\n" for v in values)
    args = [binary, "wageubn", "quantize", "--quantizer", quantizer, "--bits", str(bits),
            "--profile", profile, "--seed", str(seed), "--json"]
    done = subprocess.run(args, input=text, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def random_tensor(rng, bits):
    """Dyadic float64 values, many of them ties of the k-bit grid (or of R's)."""
    size = rng.randint(1, 200)
    extra = rng.randint(1, 14)  # fraction bits beyond the k-bit grid: 1 makes half ties
    scale = rng.randint(-10, 6)
    denominator = 2 ** (bits - 1 + extra)
    top = max(1, int(denominator * 2.0 ** scale))
    return [rng.randint(-top, top) / denominator for _ in range(size)]


def boundary_tensor(rng):
    """A tensor whose largest magnitude sits next to sqrt(2)*2^b, where R's exponent flips."""
    b = rng.randint(-12, 8)
    s = rng.randint(10, 40)
    edge = math.floor(math.sqrt(2) * 2 ** (b + s))
    top = (edge + rng.choice([-1, 0, 1, 2])) / 2 ** s
    others = [rng.uniform(-top, top) for _ in range(rng.randint(0, 20))]
    return [rng.choice([-1, 1]) * top] + others


def exact_part(binary, rng, tensors):
    """Agreement counts per function, and the first mismatches."""
    counts, mismatches = {}, []

    def record(name, bits, x, got, want):
        agree, total = counts.get(name, (0, 0))
        same = sum(Fraction(g) == Fraction(w) for g, w in zip(got, want))
        counts[name] = (agree + same, total + len(want))
        if same != len(want):
            mismatches.append((name, bits, x))

    # Element-wise functions: every tensor of one k goes into one call.
    by_bits = {}
    for t in range(tensors):
        bits = rng.randint(2, 16)
        x = random_tensor(rng, bits) if t % 8 else boundary_tensor(rng)
        by_bits.setdefault(bits, []).append(x)
        if any(x):  # shiftquant gives NaN for an all-zero tensor (spec section 4)
            got = bittrue(binary, x, "shift", bits)["values"]
            record("shiftquant", bits, x, got, shiftquant(
                torch.tensor(x, dtype=torch.float64), bits).tolist())
    for bits, group in sorted(by_bits.items()):
        x = [v for tensor in group for v in tensor]
        xt = torch.tensor(x, dtype=torch.float64)
        # gbnquant: identity forward, directquant of the incoming gradient backward.
        leaf = torch.zeros(len(x), dtype=torch.float64, requires_grad=True)
        gbnquant(leaf, bits).backward(xt)
        for name, want, quantizer, profile in [
                ("directquant", directquant(xt, bits).tolist(), "direct", "paper"),
                ("alldirectquant", alldirectquant(xt, bits, bits).tolist(), "direct",
                 "hardware"),
                ("gbnquant", leaf.grad.tolist(), "direct", "paper")]:
            record(name, bits, x, bittrue(binary, x, quantizer, bits, profile)["values"], want)
    return counts, mismatches


def log_binomial(n, k, p):
    if p == 0:
        return 0.0 if k == 0 else -math.inf
    if p == 1:
        return 0.0 if k == n else -math.inf
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
            + k * math.log(p) + (n - k) * math.log1p(-p))


def binomial_p(n, k, p):
    """Two-sided exact binomial test: the probability of outcomes no likelier than k."""
    logs = [log_binomial(n, i, p) for i in range(n + 1)]
    cut = logs[k] + 1e-9
    return min(1.0, sum(math.exp(v) for v in logs if v <= cut))


def fisher_p(a, n1, b, n2):
    """Two-sided Fisher exact test of a/n1 against b/n2."""
    total = a + b
    low, high = max(0, total - n2), min(total, n1)

    def log_h(i):
        return (math.lgamma(n1 + 1) - math.lgamma(i + 1) - math.lgamma(n1 - i + 1)
                + math.lgamma(n2 + 1) - math.lgamma(total - i + 1)
                - math.lgamma(n2 - total + i + 1)
                - (math.lgamma(n1 + n2 + 1) - math.lgamma(total + 1)
                   - math.lgamma(n1 + n2 - total + 1)))

    logs = [log_h(i) for i in range(low, high + 1)]
    cut = log_h(a) + 1e-9
    return min(1.0, sum(math.exp(v) for v in logs if v <= cut))


def philox_replay(result, x, bits, seed):
    """bittrue's const codes recomputed from the documented stream (None without numpy)."""
    try:
        import numpy as np
    except ImportError:
        return None
    words = np.random.Philox(key=[seed, 0]).random_raw(len(x))
    r = Fraction(2) ** result["shiftExponent"]
    bound = 2 ** (bits - 1) - 1
    codes = []
    for value, word in zip(x, words):
        v = abs(Fraction(value)) * 2 ** (bits - 1) / r
        whole = math.floor(v)
        up = Fraction(int(word), 2 ** 64) < v - whole
        codes.append((1 if value >= 0 else -1) * min(whole + up, bound))
    return codes


def stochastic_part(binary, rng, tensors, repeats, classes):
    rows, pvalues, exact_failures, replay = [], [], [], [0, 0]
    for t in range(tensors):
        bits = rng.randint(4, 10)
        scale = 2 ** (bits - 1)
        r_exp = rng.randint(-12, 2)
        r = 2.0 ** r_exp
        # v = scale*x/R: fractions on a 2^-20 grid, below the clamp; one exact, one a half.
        vs = [rng.randint(-(scale - 1) * 2 ** 20, (scale - 1) * 2 ** 20) / 2 ** 20
              for _ in range(classes - 2)]
        vs += [float(rng.randint(-(scale - 1), scale - 1)), rng.randint(0, scale - 2) + 0.5]
        top = rng.randint(2 ** 20, 14 * 2 ** 20 // 10) / 2 ** 20 * r  # R = 2^r_exp: top/R in [1, 1.4]
        x = [top] + [v * r / scale for v in vs for _ in range(repeats)]
        seed = rng.randrange(2 ** 32)
        result = bittrue(binary, x, "const", bits, seed=seed)
        ours = [int(c) for c in result["codes"]]
        torch.manual_seed(seed)
        theirs = [round(v * scale) for v in constquant(
            torch.tensor(x, dtype=torch.float64), bits, bits).tolist()]
        if result["shiftExponent"] != r_exp:
            exact_failures.append(f"tensor {t}: R = 2^{result['shiftExponent']}, not 2^{r_exp}")
        if ours[0] != scale - 1 or theirs[0] != scale - 1:  # top*scale/R >= scale: clamped
            exact_failures.append(f"tensor {t}: the largest element gave {ours[0]}, {theirs[0]}")
        replayed = philox_replay(result, x, bits, seed)
        if replayed is not None:
            replay[0] += sum(a == b for a, b in zip(replayed, ours))
            replay[1] += len(ours)
        for j, v in enumerate(vs):
            part = slice(1 + j * repeats, 1 + (j + 1) * repeats)
            low = math.floor(abs(v))
            frac = abs(v) - low
            sign = 1 if v >= 0 else -1
            for who, codes in (("bittrue", ours[part]), ("wageubn", theirs[part])):
                if any(abs(c) not in (low, low + 1) or (c != 0 and (c > 0) != (v > 0))
                       for c in codes):
                    exact_failures.append(f"tensor {t} value {v}: {who} code outside floor/ceil")
            up_ours = sum(abs(c) == low + 1 for c in ours[part])
            up_theirs = sum(abs(c) == low + 1 for c in theirs[part])
            if frac == 0:
                if up_ours or up_theirs:
                    exact_failures.append(f"tensor {t} value {v}: an integer was rounded")
                continue
            tests = (binomial_p(repeats, up_ours, frac), binomial_p(repeats, up_theirs, frac),
                     fisher_p(up_ours, repeats, up_theirs, repeats))
            pvalues.extend(tests)
            mean = lambda up: sign * (low + up / repeats)
            var = lambda up: (up / repeats) * (1 - up / repeats)
            rows.append({"tensor": t, "bits": bits, "v": v, "frac": frac,
                         "mean_expected": sign * (low + frac), "mean_bittrue": mean(up_ours),
                         "mean_wageubn": mean(up_theirs), "var_expected": frac * (1 - frac),
                         "var_bittrue": var(up_ours), "var_wageubn": var(up_theirs),
                         "p_bittrue": tests[0], "p_wageubn": tests[1], "p_fisher": tests[2]})
    return rows, pvalues, exact_failures, replay


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bittrue", default=default_bittrue())
    parser.add_argument("--tensors", type=int, default=300, help="random exact tensors")
    parser.add_argument("--const-tensors", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=2000, help="draws per const value")
    parser.add_argument("--classes", type=int, default=8, help="distinct values per tensor")
    parser.add_argument("--alpha", type=float, default=1e-3, help="family false-alarm rate")
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    counts, mismatches = exact_part(args.bittrue, rng, args.tensors)
    rows, pvalues, exact_failures, replay = stochastic_part(
        args.bittrue, rng, args.const_tensors, args.repeats, args.classes)
    threshold = args.alpha / max(len(pvalues), 1)
    rejected = [p for p in pvalues if p < threshold]
    ok = not mismatches and not exact_failures and not rejected and replay[0] == replay[1]

    if args.json:
        print(json.dumps({"exact": {k: {"agree": a, "total": n} for k, (a, n) in counts.items()},
                          "const": rows, "tests": len(pvalues), "threshold": threshold,
                          "rejected": len(rejected), "exactFailures": exact_failures,
                          "replay": {"agree": replay[0], "total": replay[1]}, "ok": ok},
                         indent=1))
        return 0 if ok else 1
    from importlib.metadata import version
    print(f"wageubn {version('wageubn')}, torch {torch.__version__}, bittrue {args.bittrue}, seed {args.seed}")
    print(f"{'function':16}{'bittrue quantize':30}{'values agreeing':>22}")
    flags = {"directquant": "direct", "alldirectquant": "direct --profile hardware",
             "shiftquant": "shift", "gbnquant": "direct (on the gradient)"}
    for name, (agree, total) in counts.items():
        print(f"{name:16}{flags[name]:30}{agree:>12} of {total}")
    for name, bits, x in mismatches[:5]:
        print(f"MISMATCH {name} k={bits}: {x[:8]}")
    print(f"constquant (distributional): {len(rows)} values x {args.repeats} draws in "
          f"{args.const_tensors} tensors, {len(pvalues)} tests (binomial vs frac for each side, "
          f"Fisher between them), Bonferroni threshold {threshold:.2e} "
          f"(family false-alarm rate {args.alpha}): {len(rejected)} rejected; "
          f"min p {min(pvalues, default=1):.3g}")
    worst = max(rows, key=lambda r: abs(r["mean_bittrue"] - r["mean_wageubn"]), default=None)
    if worst:
        print(f"  largest mean gap: v = {worst['v']:.6f}: expected {worst['mean_expected']:.4f}, "
              f"bittrue {worst['mean_bittrue']:.4f}, wageubn {worst['mean_wageubn']:.4f}; "
              f"variance {worst['var_expected']:.4f} / {worst['var_bittrue']:.4f} / "
              f"{worst['var_wageubn']:.4f}")
    print(f"  support and R checks: {len(exact_failures)} failures")
    for failure in exact_failures[:5]:
        print("  " + failure)
    if replay[1]:
        print(f"  bittrue codes replayed from numpy's Philox stream: {replay[0]} of {replay[1]}")
    print("agreement: " + ("all" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
