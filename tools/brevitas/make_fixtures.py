#!/usr/bin/env python3
"""Train two small Brevitas nets on the 8x8 digits and export them to QONNX: the fixtures of
Tests/QONNXImportTests (BitTrue's import must predict Brevitas's class on every test sample).

  /work/venv/bin/python tools/brevitas/make_fixtures.py [--data digits.csv] [--out DIR]

Needs brevitas, torch (CPU) and onnxoptimizer (``pip install onnxoptimizer``; Brevitas's
export imports it) in the venv.

The nets (CPU, seeded; a few seconds each):
- ``tfc_w1a1``: FINN's TFC-w1a1 shape at 64-64-64: a signed 8-bit input quantizer with a
  power-of-two scale (inputs scaled to [-1, 1] as FINN does for MNIST), three binary
  ``QuantLinear`` layers (constant weight scale 1, as FINN's ``CommonWeightQuant``), each with
  ``BatchNorm1d`` and a binary ``QuantIdentity``, and a binary output layer.
- ``ternary``: an unsigned 8-bit input quantizer (inputs in [0, 1]), a ternary first layer
  with Brevitas's default constant scale 0.1 (not a power of two) and a bias, then binary
  layers with ``QuantHardTanh`` activations, and a binary output layer.

Each is exported twice, with torch's default (dynamo) exporter and the TorchScript one
(``dynamo=False``): ``<net>.dynamo.onnx`` and ``<net>.torchscript.onnx``. Beside them:
``digits-test.csv`` (the held-out samples' pixels, 0...16, and their labels) and
``<net>.expected.csv`` (Brevitas's output values, then its predicted class, one test sample a
row). The float input of a sample is ``pixel / 8 - 1`` for ``tfc_w1a1`` and ``pixel / 16``
for ``ternary`` (both exact in float32).
"""

import argparse
import csv
import os
import sys

import numpy as np
import onnx
import torch
from brevitas.export import export_qonnx
from brevitas.nn import QuantConv2d, QuantHardTanh, QuantIdentity, QuantLinear
from brevitas.quant import (
    Int8ActPerTensorFixedPoint,
    SignedBinaryActPerTensorConst,
    SignedBinaryWeightPerTensorConst,
    SignedTernaryWeightPerTensorConst,
    Uint8ActPerTensorFixedPoint,
)

TEST_SAMPLES = 297  # the last rows of a seeded permutation of the 1797 digits


def load_digits(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.int64)
    return data[:, :64], data[:, 64]


def binary_linear(n_in, n_out, **kwargs):
    return QuantLinear(
        n_in, n_out, bias=kwargs.pop("bias", False),
        weight_quant=SignedBinaryWeightPerTensorConst, weight_scaling_const=1.0, **kwargs)


def tfc_w1a1(hidden=64):
    layers = [QuantIdentity(act_quant=Int8ActPerTensorFixedPoint, return_quant_tensor=True)]
    n_in = 64
    for _ in range(3):
        layers += [
            binary_linear(n_in, hidden),
            torch.nn.BatchNorm1d(hidden),
            QuantIdentity(act_quant=SignedBinaryActPerTensorConst, return_quant_tensor=True),
        ]
        n_in = hidden
    layers.append(binary_linear(n_in, 10))
    return torch.nn.Sequential(*layers)


def ternary(hidden=48):
    return torch.nn.Sequential(
        torch.nn.Flatten(),  # a 1x8x8 image: the dynamo exporter bakes a batch of 1 in a Reshape
        QuantIdentity(act_quant=Uint8ActPerTensorFixedPoint, return_quant_tensor=True),
        QuantLinear(64, hidden, bias=True, weight_quant=SignedTernaryWeightPerTensorConst),
        torch.nn.BatchNorm1d(hidden),
        QuantHardTanh(act_quant=SignedBinaryActPerTensorConst, return_quant_tensor=True),
        binary_linear(hidden, hidden),
        torch.nn.BatchNorm1d(hidden),
        QuantHardTanh(act_quant=SignedBinaryActPerTensorConst, return_quant_tensor=True),
        binary_linear(hidden, 10),
    )


def binary_conv(n_in, n_out, **kwargs):
    return QuantConv2d(
        n_in, n_out, 3, bias=False,
        weight_quant=SignedBinaryWeightPerTensorConst, weight_scaling_const=1.0, **kwargs)


def binary_act():
    return QuantIdentity(act_quant=SignedBinaryActPerTensorConst, return_quant_tensor=True)


def cnn():
    return torch.nn.Sequential(
        QuantIdentity(act_quant=Uint8ActPerTensorFixedPoint, return_quant_tensor=True),
        binary_conv(1, 8, padding=1),  # 8x8x8
        torch.nn.BatchNorm2d(8),
        binary_act(),
        torch.nn.MaxPool2d(2),  # 8x4x4
        binary_conv(8, 16),  # 16x2x2
        torch.nn.BatchNorm2d(16),
        binary_act(),
        torch.nn.Flatten(),
        binary_linear(64, 10),
    )


class ClassAffine(torch.nn.Module):
    """A learned scale and shift per class after the output layer (as FINN's ``TensorNorm``,
    but per class): exported as a ``Mul`` then an ``Add`` of constants."""

    def __init__(self, classes):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones(classes))
        self.shift = torch.nn.Parameter(torch.zeros(classes))

    def forward(self, x):
        return plain(x) * self.scale + self.shift


def affine(hidden=32):
    return torch.nn.Sequential(
        QuantIdentity(act_quant=Uint8ActPerTensorFixedPoint, return_quant_tensor=True),
        binary_linear(64, hidden),
        torch.nn.BatchNorm1d(hidden),
        binary_act(),
        binary_linear(hidden, 10),
        ClassAffine(10),
    )


def train(model, x, y, epochs, seed):
    torch.manual_seed(seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            out = model(x[batch])
            loss = loss_fn(out.value if hasattr(out, "value") else out, y[batch])
            loss.backward()
            optimizer.step()
    model.eval()


def save_single_file(path):
    """Keep the weights inside the .onnx file (the dynamo exporter writes them beside it, in
    ``<file>.data``) and drop the doc strings and metadata (stack traces), which only make it larger."""
    model = onnx.load(path)
    for node in model.graph.node:
        node.doc_string = ""
        del node.metadata_props[:]
    for tensor in model.graph.initializer:
        del tensor.metadata_props[:]
    model.graph.doc_string = ""
    del model.graph.metadata_props[:]
    del model.metadata_props[:]
    del model.graph.value_info[:]
    onnx.save_model(model, path, save_as_external_data=False)
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")


def plain(out):
    return out.value if hasattr(out, "value") else out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/work/shared/data/digits/digits.csv")
    parser.add_argument("--out", default="Tests/QONNXImportTests/Fixtures")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--nets", default="tfc_w1a1,ternary,cnn,affine",
                        help="comma-separated nets to write (default: all)")
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    pixels, labels = load_digits(args.data)
    order = np.random.default_rng(0).permutation(len(labels))
    train_rows, test_rows = order[:-TEST_SAMPLES], order[-TEST_SAMPLES:]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "digits-test.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([f"p{i}" for i in range(64)] + ["label"])
        for r in test_rows:
            w.writerow(list(pixels[r]) + [labels[r]])

    nets = {
        "tfc_w1a1": (tfc_w1a1(), lambda p: p / 8.0 - 1.0, (1, 64)),
        "ternary": (ternary(), lambda p: p / 16.0, (1, 1, 8, 8)),
        "cnn": (cnn(), lambda p: p / 16.0, (1, 1, 8, 8)),
        "affine": (affine(), lambda p: p / 16.0, (1, 64)),
    }
    wanted = args.nets.split(",")
    nets = {name: net for name, net in nets.items() if name in wanted}
    y = torch.tensor(labels, dtype=torch.long)
    for name, (model, scale, shape) in nets.items():
        x = torch.tensor(scale(pixels.astype(np.float32)), dtype=torch.float32)
        x = x.reshape((len(x),) + shape[1:])
        train(model, x[train_rows], y[train_rows], args.epochs, seed=1)
        with torch.no_grad():
            out = plain(model(x[test_rows]))
        predicted = out.argmax(dim=1)
        accuracy = (predicted == y[test_rows]).float().mean().item()
        print(f"{name}: test accuracy {accuracy:.4f} on {len(test_rows)} samples")
        with open(os.path.join(args.out, f"{name}.expected.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow([f"out{c}" for c in range(10)] + ["class"])
            for row, c in zip(out.tolist(), predicted.tolist()):
                w.writerow([repr(float(v)) for v in row] + [c])
        example = torch.zeros(shape)
        for exporter, dynamo in (("dynamo", True), ("torchscript", False)):
            path = os.path.join(args.out, f"{name}.{exporter}.onnx")
            export_qonnx(model, example, export_path=path, dynamo=dynamo)
            save_single_file(path)
            print(f"  wrote {path} ({os.path.getsize(path)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
