"""Fashion-MNIST loading, fingerprinting and the fixed validation split.

The test set is only ever used for the final report; model selection and
temperature fitting use the validation split carved (stratified, seeded) from train.
"""
import gzip
import hashlib
import json
import os
from pathlib import Path

import numpy as np

DATA_DIR = Path(os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))
FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
# sha256 of the Debian dataset-fashion-mnist files, checked before every run so a
# model's recorded fingerprint always means the same bytes.
EXPECTED_COUNTS = {"train": 60000, "test": 10000}
VAL_PER_CLASS = 500
SPLIT_SEED = 20261123
LABELS_PATH = Path(__file__).resolve().parents[1] / "labels.json"


def class_table():
    return json.loads(LABELS_PATH.read_text())["classes"]


def _read_idx(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic = int.from_bytes(raw[0:4], "big")
    ndim = magic & 0xFF
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    return data.reshape(dims)


def fingerprint() -> dict:
    """sha256 of each data file plus one combined digest."""
    out = {}
    combined = hashlib.sha256()
    for key, name in sorted(FILES.items()):
        h = hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()
        out[name] = h
        combined.update(f"{name}:{h}\n".encode())
    out["combined"] = combined.hexdigest()
    return out


def check() -> dict:
    """Data check: files exist, shapes and label ranges are right. Returns a summary."""
    missing = [n for n in FILES.values() if not (DATA_DIR / n).exists()]
    if missing:
        raise SystemExit(
            f"Fashion-MNIST files missing in {DATA_DIR}: {missing}. "
            "Install them with: apt-get install dataset-fashion-mnist")
    d = load()
    for split in ("train", "test"):
        x, y = d[split]
        assert x.shape == (EXPECTED_COUNTS[split], 28, 28), x.shape
        assert y.min() == 0 and y.max() == 9
        counts = np.bincount(y, minlength=10)
        assert counts.min() > 0
    table = class_table()
    assert [c["index"] for c in table] == list(range(len(table)))
    assert all(table[i].get("fashionMnist") for i in range(10)), "classes 0-9 are Fashion-MNIST's"
    return {"fingerprint": fingerprint(), "train": 60000, "test": 10000,
            "split_seed": SPLIT_SEED, "val_per_class": VAL_PER_CLASS}


def load() -> dict:
    return {
        "train": (_read_idx(DATA_DIR / FILES["train_images"]), _read_idx(DATA_DIR / FILES["train_labels"])),
        "test": (_read_idx(DATA_DIR / FILES["test_images"]), _read_idx(DATA_DIR / FILES["test_labels"])),
    }


def split_train_val(y: np.ndarray):
    """Stratified, seeded split: VAL_PER_CLASS of each class go to validation."""
    rng = np.random.default_rng(SPLIT_SEED)
    val = []
    for c in range(10):
        idx = np.flatnonzero(y == c)
        val.append(rng.choice(idx, VAL_PER_CLASS, replace=False))
    val = np.sort(np.concatenate(val))
    mask = np.ones(len(y), bool)
    mask[val] = False
    return np.flatnonzero(mask), val


if __name__ == "__main__":
    print(json.dumps(check(), indent=2))
