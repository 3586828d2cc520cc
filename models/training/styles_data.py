"""The multi-style data set as training and evaluation see it (built by styles/build.py).

Also the helpers train.py needs: a class-balanced epoch order and instance partners.
"""
import json
import os
from pathlib import Path

import numpy as np
import torch

import data

DEFAULT_DIR = Path(os.environ.get("CURATOR_STYLES_DIR", str(Path.home() / ".cache/curator/styles")))


def load(root, split: str, suffix: str = "") -> dict:
    path = Path(root) / f"{split}{suffix}.npz"
    if not path.exists():
        raise SystemExit(f"{path} is missing: build the multi-style data set first "
                         "(npm run models:data, see models/training/styles/README.md)")
    z = np.load(path)
    return {k: z[k] for k in z.files}


def manifest(root, suffix: str = "") -> dict:
    return json.loads((Path(root) / f"manifest{suffix}.json").read_text())


def describe(root, suffix: str = "") -> dict:
    m = manifest(root, suffix)
    return {"name": m["name"], "version": m["version"], "sha256": m["sha256"], "smoke": m["smoke"],
            "files": {k: v["sha256"] for k, v in m["files"].items()}}


def families(root, suffix: str = "") -> list:
    return manifest(root, suffix)["families"]


def epoch_indices(y: np.ndarray, n_fm: int, min_per_class: int, rng) -> np.ndarray:
    """A shuffled epoch: every sample once, and the multi-style samples of each class
    drawn again (with replacement) until the class has `min_per_class` of them, so
    that the kinds Fashion-MNIST lacks are not drowned by its 55,000 images."""
    idx = [np.arange(len(y))]
    st_y = y[n_fm:]
    for c in np.unique(st_y):
        members = n_fm + np.flatnonzero(st_y == c)
        extra = min_per_class - len(members)
        if extra > 0:
            idx.append(rng.choice(members, extra, replace=True))
    order = np.concatenate(idx)
    rng.shuffle(order)
    return order


class InstancePairs:
    """For a sample, another sample of the same garment (instance id), or itself."""

    def __init__(self, instance: np.ndarray):
        self.order = np.argsort(instance, kind="stable")
        sorted_inst = instance[self.order]
        starts = np.flatnonzero(np.r_[True, sorted_inst[1:] != sorted_inst[:-1]])
        sizes = np.diff(np.r_[starts, len(instance)])
        group = np.repeat(np.arange(len(starts)), sizes)
        self.start = np.empty(len(instance), np.int64)
        self.size = np.empty(len(instance), np.int64)
        self.pos = np.empty(len(instance), np.int64)
        self.start[self.order] = starts[group]
        self.size[self.order] = sizes[group]
        self.pos[self.order] = np.arange(len(instance)) - starts[group]

    def partners(self, idx: np.ndarray, rng) -> np.ndarray:
        size = self.size[idx]
        step = 1 + (rng.random(len(idx)) * np.maximum(1, size - 1)).astype(np.int64)
        step = np.where(size > 1, step, 0)
        return self.order[self.start[idx] + (self.pos[idx] + step) % size]


def category_of() -> list:
    return [c["category"] for c in data.class_table()]


def style_metrics(logits: torch.Tensor, y: np.ndarray, prefix: str = "sval") -> dict:
    """Held-out-style accuracy by class and by app category; non-garments refused."""
    pred = logits.argmax(1).numpy()
    y = np.asarray(y)
    cat = np.array([c if c is not None else "none" for c in category_of()])
    garment = cat[y] != "none"
    out = {f"{prefix}_acc": float((pred == y).mean()),
           f"{prefix}_cat_acc": float((cat[pred] == cat[y])[garment].mean()) if garment.any() else None}
    if (~garment).any():
        out[f"{prefix}_refused"] = float((cat[pred][~garment] == "none").mean())
    return out
