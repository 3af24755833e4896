#!/usr/bin/env python3
"""Training time per epoch: `bittrue bnn train` against Brevitas on the same model, one run.

The model is a TFC-like binary MLP on scikit-learn's digits: thermometer inputs (3 thresholds
per pixel, uniform over each feature's training range: 192 bits), then binary:256,binary:256,
binary:10 (±1 weights, batch norm and a sign activation on the hidden layers, the output is
the last layer's dot products). Both sides use Adam, the same learning rate, batch size,
epoch count and 2 threads. The compared figure is the time in training steps per epoch:
BitTrue's `secondsPerEpoch` from report.json (steps only), the Brevitas loop timed alike. The
wall time per epoch with each side's per-epoch evaluation (training and test accuracy; BitTrue
evaluates its integer-folded net) is printed too, BitTrue's from the last line of train.log
(0.1 s resolution). Both report the test accuracy of the epoch with the best training
accuracy (the earliest on ties), as `bnn train` keeps it.

The two sides do not share the 80/20 split (BitTrue draws it from its CounterRNG, this
script from NumPy with the same sizes), so accuracies are comparable only roughly.

Usage: bnn_train_vs_brevitas.py --bittrue BIN [--data-dir DIR] [--epochs E] [--out DIR]
"""

import argparse
import csv
import json
import os
import subprocess
import time

import numpy as np
import torch
from brevitas.nn import QuantIdentity, QuantLinear
from brevitas.quant import SignedBinaryActPerTensorConst, SignedBinaryWeightPerTensorConst

LAYERS = "binary:256,binary:256,binary:10"
HIDDEN = [256, 256]
THRESHOLDS = 3


def load_digits(data_dir):
    path = os.path.join(data_dir, "digits", "digits.csv")
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.int64)
    return data[:, :-1], data[:, -1]


def thermometer(train, test, k):
    """Bit j of a feature is 1 when x > lo + floor((hi - lo) * j / (k + 1)), j = 1..k."""
    lo, hi = train.min(axis=0), train.max(axis=0)
    t = np.stack([lo + (hi - lo) * j // (k + 1) for j in range(1, k + 1)], axis=1)

    def encode(x):
        return (x[:, :, None] > t[None, :, :]).reshape(len(x), -1).astype(np.float32)

    return encode(train), encode(test)


def brevitas_model(inputs, classes):
    layers = []
    width = inputs
    for h in HIDDEN:
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
    features, labels = load_digits(args.data_dir)
    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(labels))
    n_train = len(labels) * 4 // 5
    tr, te = order[:n_train], order[n_train:]
    xtr, xte = thermometer(features[tr], features[te], THRESHOLDS)
    # Bits as ±1 (1 ↦ +1), as BitTrue's binary layers read them.
    xtr, xte = torch.from_numpy(2 * xtr - 1), torch.from_numpy(2 * xte - 1)
    ytr, yte = torch.from_numpy(labels[tr]), torch.from_numpy(labels[te])
    torch.manual_seed(args.seed)
    model = brevitas_model(xtr.shape[1], 10)
    opt = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    loss_fn = torch.nn.CrossEntropyLoss()
    train_times, epoch_times = [], []
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
        "trainSecondsPerEpoch": sum(train_times) / len(train_times),
        "testAccuracy": best_test,
        "lastTestAccuracy": test_acc,
    }


def run_bittrue(args):
    out = os.path.join(args.out, "bittrue")
    cmd = [
        args.bittrue, "bnn", "train", "--dataset", "digits", "--data-dir", args.data_dir,
        "--encoding", "thermometer", "--thresholds", str(THRESHOLDS),
        "--layers", LAYERS, "--epochs", str(args.epochs), "--seed", str(args.seed),
        "--batch-size", str(args.batch_size), "--learning-rate", str(args.learning_rate),
        "--threads", "2", "--quiet", "--out", out,
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "report.json")) as f:
        report = json.load(f)
    with open(os.path.join(out, "train.log")) as f:
        last = f.read().split()[-1]
    return {
        "trainSecondsPerEpoch": report["secondsPerEpoch"],
        "secondsPerEpoch": float(last.rstrip("s")) / args.epochs,
        "testAccuracy": report["testAccuracy"],
        "data": report["data"],
        "cmd": " ".join(cmd),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bittrue", default="../.build/release/bittrue")
    parser.add_argument("--data-dir", default=os.environ.get("BITTRUE_DATA", "../data"))
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=".build/bnn-train")
    args = parser.parse_args()
    torch.set_num_threads(2)
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
    print(f"model: {LAYERS}, {args.epochs} epochs, batch {args.batch_size}, Adam lr "
          f"{args.learning_rate}")
    print()
    print("| | s/epoch, training steps | s/epoch with per-epoch eval | test accuracy |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| BitTrue `bnn train` | {bt['trainSecondsPerEpoch']:.3f} | "
          f"{bt['secondsPerEpoch']:.2f} | {100 * bt['testAccuracy']:.2f} % |")
    print(f"| Brevitas {_brevitas_version()} (torch CPU) | {br['trainSecondsPerEpoch']:.3f} | "
          f"{br['secondsPerEpoch']:.2f} | {100 * br['testAccuracy']:.2f} % "
          f"(last epoch {100 * br['lastTestAccuracy']:.2f} %) |")
    ratio = bt["trainSecondsPerEpoch"] / br["trainSecondsPerEpoch"]
    print(f"| ratio BitTrue / Brevitas (training steps) | {ratio:.2f}× | | |")


def _brevitas_version():
    import brevitas

    return brevitas.__version__


if __name__ == "__main__":
    main()
