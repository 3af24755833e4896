#!/usr/bin/env python3
"""Export a trained difflogic network to BitTrue's interchange JSON ("difflogic-net" v1).

The network must be a ``torch.nn.Sequential`` of ``difflogic.LogicLayer`` modules (an
optional leading ``torch.nn.Flatten`` is skipped) ending in a ``difflogic.GroupSum``. Each
neuron's gate is the argmax of its 16 logits (ties to the lowest id, torch's rule), i.e.
what ``model.eval()`` computes. Connections are read from ``layer.indices``: difflogic keeps
them outside the state dict, so a model rebuilt from a state dict alone is wired differently
-- export from the trained model object itself.

From Python, after training::

    from export_difflogic import export
    export(model, "net.json")

From the shell, for a whole model saved with ``torch.save(model, "model.pt")`` (difflogic
must be importable, as it was when the model was saved)::

    python tools/export_difflogic.py model.pt net.json

Output::

    {"format": "difflogic-net", "version": 1, "inputs": N,
     "layers": [{"gates": [...], "a": [...], "b": [...]}, ...],
     "group_sum": {"k": K, "tau": T}}
"""

import argparse
import json
import sys


def _is_logic_layer(module):
    weights = getattr(module, "weights", None)
    return (
        hasattr(module, "indices")
        and weights is not None
        and weights.dim() == 2
        and weights.shape[1] == 16
    )


def _is_group_sum(module):
    return hasattr(module, "k") and hasattr(module, "tau") and not _is_logic_layer(module)


def to_interchange(model):
    """Returns the interchange document (a dict) for a trained difflogic Sequential."""
    import torch

    modules = list(model.children()) if isinstance(model, torch.nn.Sequential) else [model]
    layers = []
    group_sum = None
    inputs = None
    for position, module in enumerate(modules):
        if isinstance(module, torch.nn.Flatten) and not layers:
            continue
        if group_sum is not None:
            raise ValueError(f"module {position} ({type(module).__name__}) follows the GroupSum")
        if _is_logic_layer(module):
            a, b = (index.detach().cpu().long() for index in module.indices)
            gates = module.weights.detach().cpu().argmax(dim=-1)
            if not (a.shape == b.shape == gates.shape):
                raise ValueError(f"module {position}: indices and weights disagree in length")
            in_dim = getattr(module, "in_dim", None)
            if inputs is None:
                inputs = int(in_dim) if in_dim is not None else int(max(a.max(), b.max())) + 1
            layers.append({"gates": gates.tolist(), "a": a.tolist(), "b": b.tolist()})
        elif _is_group_sum(module):
            group_sum = {"k": int(module.k), "tau": float(module.tau)}
        else:
            raise ValueError(
                f"module {position} ({type(module).__name__}) is neither a LogicLayer nor a "
                "GroupSum"
            )
    if not layers:
        raise ValueError("the model has no LogicLayer")
    if group_sum is None:
        raise ValueError("the model does not end in a GroupSum")
    return {
        "format": "difflogic-net",
        "version": 1,
        "inputs": inputs,
        "layers": layers,
        "group_sum": group_sum,
    }


def export(model, path):
    """Writes the interchange JSON of `model` to `path`."""
    document = to_interchange(model)
    with open(path, "w") as out:
        json.dump(document, out, separators=(",", ":"))
        out.write("\n")
    return document


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a whole model saved with torch.save(model, path)")
    parser.add_argument("output", help="the interchange JSON to write")
    args = parser.parse_args(argv)
    import torch

    model = torch.load(args.model, map_location="cpu", weights_only=False)
    document = export(model, args.output)
    gates = sum(len(layer["gates"]) for layer in document["layers"])
    print(
        f"wrote {args.output}: {document['inputs']} inputs, {len(document['layers'])} layers, "
        f"{gates} gates, k={document['group_sum']['k']}, tau={document['group_sum']['tau']}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
