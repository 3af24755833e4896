"""apytypes baseline for the fixed-point benchmark: the same operations, data and checksums as
Sources/fixed-bench and baselines/fixed_c.c.

Usage: python fixed_apytypes.py [elements] [repetitions]
Prints "apytypes <op> <ns per element> <checksum>" per operation (checksum: the sum of the
signed integer codes modulo 2^64). Needs apytypes and numpy (see the Makefile's venv).
"""
import sys
import time

import apytypes
import numpy as np
from apytypes import APyFixedArray, OverflowMode, QuantizationMode

M64 = (1 << 64) - 1


def splitmix(i):
    z = (i + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def checksum(array, width):
    bits = np.array(array.to_bits(), dtype=np.uint64)
    if width < 64:
        sign = np.uint64(1 << (width - 1))
        bits = (bits ^ sign) - sign  # sign-extend, wrapping in uint64
    return int(bits.sum(dtype=np.uint64)) & M64


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    index = np.arange(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        a_codes = splitmix(index).view(np.int64) >> 43
        b_codes = splitmix(index + np.uint64(n)).view(np.int64) >> 43
    # The codes are 21-bit integers: code / 2^16 is an exact double.
    a = APyFixedArray.from_float(a_codes / 65536.0, int_bits=16, frac_bits=16)
    b = APyFixedArray.from_float(b_codes / 65536.0, int_bits=16, frac_bits=16)
    ops = [
        ("quantize", lambda: a.cast(int_bits=4, frac_bits=4,
                                     quantization=QuantizationMode.RND_CONV,
                                     overflow=OverflowMode.SAT), 8),
        ("add", lambda: a + b, 33),
        ("mul", lambda: a * b, 64),
    ]
    for name, op, width in ops:
        result = op()
        best = float("inf")
        for _ in range(reps):
            t0 = time.perf_counter()
            result = op()
            best = min(best, time.perf_counter() - t0)
        print(f"apytypes {name} {best * 1e9 / n:.4f} {checksum(result, width)}", flush=True)
    print(f"# apytypes {apytypes.__version__}, numpy {np.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
