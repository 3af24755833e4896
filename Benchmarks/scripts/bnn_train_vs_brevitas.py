#!/usr/bin/env python3
"""Training time per epoch: `bittrue bnn train` against Brevitas on the same model, one run.

The model is a TFC-like binary MLP on scikit-learn's digits: thermometer inputs (3 thresholds
per pixel, uniform over each feature's training range: 192 bits), then binary:256,binary:256,
binary:10 (±1 weights, batch norm and a sign activation on the hidden layers, the output is
the last layer's dot products). Both sides use Adam, the same learning rate, batch size, epoch
count and thread count (`--threads`, 2 by default). The compared figure is the time in training
steps per epoch: BitTrue's `secondsPerEpoch` from report.json (steps only), the Brevitas loop
timed alike. The wall time per epoch with each side's per-epoch evaluation (training and test
accuracy; BitTrue evaluates its integer-folded net) is printed too, BitTrue's from the last
line of train.log (0.1 s resolution). So are the CPU seconds per epoch (user + system) of each
side's whole run: BitTrue's process from start to exit (data loading, training, per-epoch
evaluation, files), the Brevitas epoch loop with its evaluation. On a loaded machine the wall
clock mostly shows how much of the shared cores each side got, the CPU time the work done (with
2 threads it includes PyTorch's workers spinning while they wait). Both report the test
accuracy of the epoch with the best training accuracy (the earliest on ties), as `bnn train`
keeps it.

The two sides do not share digits' 80/20 split (BitTrue draws it from its CounterRNG, this
script from NumPy with the same sizes), so accuracies are comparable only roughly there.
`--dataset mnist` runs FINN's SFC-w1a1 shape instead (binary:256×3, binary:10; one
threshold per pixel) on MNIST's official split.

Usage: bnn_train_vs_brevitas.py --bittrue BIN [--data-dir DIR] [--dataset digits|mnist]
           [--epochs E] [--threads T] [--out DIR]
"""

import argparse
import csv
import gzip
import json
import os
import resource
import subprocess
import time

import numpy as np
import torch
from brevitas.nn import QuantIdentity, QuantLinear
from brevitas.quant import SignedBinaryActPerTensorConst, SignedBinaryWeightPerTensorConst

# Per data set: the layers (all binary) and the thermometer thresholds per feature.
SETUPS = {
    "digits": ("binary:256,binary:256,binary:10", 3),  # TFC-like
    "mnist": ("binary:256,binary:256,binary:256,binary:10", 1),  # FINN's SFC-w1a1 shape
}


def load_digits(data_dir):
    path = os.path.join(data_dir, "digits", "digits.csv")
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.int64)
    return data[:, :-1], data[:, -1]


def load_mnist(data_dir):
    def read(name, offset):
        with gzip.open(os.path.join(data_dir, "mnist", name)) as f:
            return np.frombuffer(f.read()[offset:], dtype=np.uint8).astype(np.int64)

    train_x = read("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    test_x = read("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784)
    return train_x, read("train-labels-idx1-ubyte.gz", 8), test_x, read(
        "t10k-labels-idx1-ubyte.gz", 8
    )


def split(args):
    """Digits: a seeded NumPy 80/20 split; MNIST: the official one."""
    if args.dataset == "mnist":
        return load_mnist(args.data_dir)
    features, labels = load_digits(args.data_dir)
    order = np.random.default_rng(args.seed).permutation(len(labels))
    n_train = len(labels) * 4 // 5
    tr, te = order[:n_train], order[n_train:]
    return features[tr], labels[tr], features[te], labels[te]


def thermometer(train, test, k):
    """Bit j of a feature is 1 when x > lo + floor((hi - lo) * j / (k + 1)), j = 1..k."""
    lo, hi = train.min(axis=0), train.max(axis=0)
    t = np.stack([lo + (hi - lo) * j // (k + 1) for j in range(1, k + 1)], axis=1)

    def encode(x):
        return (x[:, :, None] > t[None, :, :]).reshape(len(x), -1).astype(np.float32)

    return encode(train), encode(test)


def brevitas_model(inputs, hidden, classes):
    layers = []
    width = inputs
    for h in hidden:
        layers += [
            QuantLinear(width, h, bias=False, weight_quant=SignedBinaryWeightPerTensorConst),
            torch.nn.BatchNorm1d(h),
            QuantIdentity(act_quant=SignedBinaryActPerTensorConst),
        ]
        width = h
    layers.append(
        QuantLinear(width, classes, bias=False, weight_quant=SignedBinaryWeightPerTensorConst)
    )
    return torch.nn.Sequential(*layers)


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        correct = (model(x).argmax(dim=1) == y).sum().item()
    model.train()
    return correct / len(y)


def run_brevitas(args):
    train_x, train_y, test_x, test_y = split(args)
    layers, thresholds = SETUPS[args.dataset]
    widths = [int(layer.split(":")[1]) for layer in layers.split(",")]
    xtr, xte = thermometer(train_x, test_x, thresholds)
    # Bits as ±1 (1 ↦ +1), as BitTrue's binary layers read them.
    xtr, xte = torch.from_numpy(2 * xtr - 1), torch.from_numpy(2 * xte - 1)
    ytr, yte = torch.from_numpy(train_y), torch.from_numpy(test_y)
    torch.manual_seed(args.seed)
    model = brevitas_model(xtr.shape[1], widths[:-1], widths[-1])
    opt = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss()
    train_times, epoch_times = [], []
    cpu_start = time.process_time()
    best_train, best_test = -1.0, 0.0
    for _ in range(args.epochs):
        start = time.perf_counter()
        perm = torch.randperm(len(ytr))
        for i in range(0, len(ytr), args.batch_size):
            idx = perm[i : i + args.batch_size]
            opt.zero_grad()
            loss = loss_fn(model(xtr[idx]), ytr[idx])
            loss.backward()
            opt.step()
        trained = time.perf_counter()
        train_acc = accuracy(model, xtr, ytr)
        test_acc = accuracy(model, xte, yte)
        done = time.perf_counter()
        train_times.append(trained - start)
        epoch_times.append(done - start)
        if train_acc > best_train:
            best_train, best_test = train_acc, test_acc
    return {
        "bits": xtr.shape[1],
        "train": len(ytr),
        "test": len(yte),
        "secondsPerEpoch": sum(epoch_times) / len(epoch_times),
        "cpuSecondsPerEpoch": (time.process_time() - cpu_start) / args.epochs,
        "trainSecondsPerEpoch": sum(train_times) / len(train_times),
        "testAccuracy": best_test,
        "lastTestAccuracy": test_acc,
    }


def run_bittrue(args):
    out = os.path.join(args.out, "bittrue")
    cmd = [
        args.bittrue, "bnn", "train", "--dataset", args.dataset, "--data-dir", args.data_dir,
        "--encoding", "thermometer", "--thresholds", str(SETUPS[args.dataset][1]),
        "--layers", SETUPS[args.dataset][0], "--epochs", str(args.epochs), "--seed", str(args.seed),
        "--batch-size", str(args.batch_size), "--learning-rate", str(args.learning_rate),
        "--threads", str(args.threads), "--quiet", "--out", out,
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(out, "train.log")) as f:
        last = f.read().split()[-1]
    return {
        "trainSecondsPerEpoch": report["secondsPerEpoch"],
        "secondsPerEpoch": float(last.rstrip("s")) / args.epochs,
        "cpuSecondsPerEpoch": cpu / args.epochs,
        "testAccuracy": report["testAccuracy"],
        "data": report["data"],
        "cmd": " ".join(cmd),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bittrue", default="../.build/release/bittrue")
    parser.add_argument("--data-dir", default=os.environ.get("BITTRUE_DATA", "../data"))
    parser.add_argument("--dataset", choices=sorted(SETUPS), default="digits")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=".build/bnn-train")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    load_before = os.getloadavg()
    bt = run_bittrue(args)
    br = run_brevitas(args)
    load_after = os.getloadavg()

    print(f"date (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}")
    print(f"load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} (1 min)")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; bittrue: {bt['cmd']}")
    print(f"BitTrue data: {bt['data']}; Brevitas: {br['train']} train / {br['test']} test, "
          f"{br['bits']} bits")
    print(f"model: {SETUPS[args.dataset][0]}, {args.epochs} epochs, batch {args.batch_size}, Adam lr "
          f"{args.learning_rate}")
    print()
    print("| | s/epoch, training steps | s/epoch with per-epoch eval | CPU s/epoch, whole run | "
          "test accuracy |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| BitTrue `bnn train` | {bt['trainSecondsPerEpoch']:.3f} | "
          f"{bt['secondsPerEpoch']:.2f} | {bt['cpuSecondsPerEpoch']:.3f} | "
          f"{100 * bt['testAccuracy']:.2f} % |")
    print(f"| Brevitas {_brevitas_version()} (torch CPU) | {br['trainSecondsPerEpoch']:.3f} | "
          f"{br['secondsPerEpoch']:.2f} | {br['cpuSecondsPerEpoch']:.3f} | "
          f"{100 * br['testAccuracy']:.2f} % (last epoch {100 * br['lastTestAccuracy']:.2f} %) |")
    ratio = bt["trainSecondsPerEpoch"] / br["trainSecondsPerEpoch"]
    cpu_ratio = bt["cpuSecondsPerEpoch"] / br["cpuSecondsPerEpoch"]
    print(f"| ratio BitTrue / Brevitas | {ratio:.2f}× | | {cpu_ratio:.2f}× | |")


def _brevitas_version():
    import brevitas

    return brevitas.__version__


if __name__ == "__main__":
    main()
