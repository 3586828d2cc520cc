"""Builds the multi-style garment data set (versioned by its manifest's sha256).

    npm ci --prefix models/training/styles && node models/training/styles/catalogue.mjs
    /usr/bin/python3 models/training/styles/build.py [--out DIR] [--workers 2] [--smoke]

Every image is a drawing from catalogue.json (or a procedural / derived / Fashion-MNIST
garment) rendered into a photo-like scene (render.py) and put through preprocessing
contract v1 (models/training/preprocess.py), exactly what the app does with a photo:
the model trains on what it will see. Splits are by *style family*: validation and test
families are never trained on, so their figures are figures on unseen styles.
Output, in DIR (default ~/.cache/curator/styles):
  <split>.npz  x uint8 [N,28,28], y int16, instance int32, family int16, found bool
  manifest.json  sources with package, version and licence; counts per class and
                 split; renders per drawing; sha256 of each npz and of the whole set.
The manifest is copied to models/datasets/garments-v<N>.json (committed).
Deterministic: the same catalogue and code give the same bytes.
"""
import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import data as fm  # noqa: E402
import preprocess as P  # noqa: E402
import procedural as PR  # noqa: E402
import render as R  # noqa: E402

# v1: the first build (models/datasets/garments-v1.json, what v4/v5 were trained on).
# v2: the catalogue also holds the drawings of the kinds a user teaches (kimono, swimsuit:
# never rendered into train/val/test), which moved the validation and train renders; the
# test split, the classes and every count are unchanged.
DATASET_VERSION = 2
LABELS = json.loads((HERE.parents[1] / "labels.json").read_text())["classes"]
KEY_TO_INDEX = {c["key"]: c["index"] for c in LABELS}
# Held-out style families: never trained on. Test = the figures we report; validation
# = model selection, calibration and thresholds.
SPLIT_FAMILIES = {
    "test": ("twemoji", "hugeicons", "mingcute"),
    "val": ("emojione", "ph", "iconoir"),
}
TRAIN_TARGET = 2600          # renders per garment class in train (before derived/procedural)
RENDERS = {"val": 8, "test": 10}
NEG_RENDERS = {"train": 2, "val": 2, "test": 3}
PROCEDURAL = {"train": 700}  # new drawings per procedural kind
DERIVED = {"shorts-from-trousers": ("trousers", "shorts", 24), "skirt-from-dress": ("dress", "skirt", 14)}
FMNIST_SCENES = {"train": 12000, "val": 1500}
MIN_IOU = 0.5  # contract box vs the garment's true box; below: the render is dropped


def split_of(family: str) -> str:
    for s, fams in SPLIT_FAMILIES.items():
        if family in fams:
            return s
    return "train"


def seed_of(*parts) -> int:
    return int.from_bytes(hashlib.sha256("/".join(map(str, parts)).encode()).digest()[:8], "little")


def fmnist_glyph(img28: np.ndarray) -> np.ndarray:
    """A Fashion-MNIST image as a drawing: its values become the garment's opacity."""
    big = np.asarray(Image.fromarray(img28).resize((112, 112), Image.BILINEAR), float) / 255
    rgba = np.zeros((112, 112, 4), np.uint8)
    rgba[..., 3] = np.uint8(np.clip(big * 1.6, 0, 1) * 255)
    return rgba


_GLYPHS = {}
_CLUTTER = []
_FM = None


def _init(root: str, clutter_files):
    global _CLUTTER, _ROOT
    _ROOT = Path(root)
    _CLUTTER = [np.asarray(Image.open(_ROOT / f).convert("RGBA")) for f in clutter_files]


def _glyph(file: str) -> np.ndarray:
    g = _GLYPHS.get(file)
    if g is None:
        if len(_GLYPHS) > 400:
            _GLYPHS.clear()
        g = _GLYPHS[file] = np.asarray(Image.open(_ROOT / file).convert("RGBA"))
    return g


def _fm_images():
    global _FM
    if _FM is None:
        _FM = fm.load()["train"][0]
    return _FM


def render_task(t):
    """t = (source, ref, colour, seed, derive) -> uint8 28x28 or None (no garment found)."""
    source, ref, colour, seed, how = t
    if source == "glyph":
        rgba = _glyph(ref)
    elif source == "procedural":
        rgba = PR.draw(ref, seed)
    else:  # fashion-mnist
        rgba = fmnist_glyph(_fm_images()[ref])
    try:
        img, box = R.scene(rgba, colour, seed, _CLUTTER, how, with_box=True)
    except ValueError:
        return None
    r = P.analyse(img)
    # The contract must have found *this* garment (not a tile joint or the clutter):
    # otherwise the label would describe something the model never sees.
    if not r.found or R.box_iou(box, (r.bbox[0], r.bbox[1], r.bbox[0] + r.bbox[2], r.bbox[1] + r.bbox[3])) < MIN_IOU:
        return None
    return np.uint8(np.round(np.clip(r.tensor, 0, 1) * 255))


def plan(catalogue, smoke=False):
    """Every image to render: dict split -> list of (task, label, instance, family)."""
    drawings = [d for d in catalogue["drawings"]]
    fam_names = sorted({d["family"] for d in drawings} | {"procedural", "fashion-mnist"})
    fam_index = {f: i for i, f in enumerate(fam_names)}
    jobs = defaultdict(list)
    per_class_train = Counter(d["kind"] for d in drawings if split_of(d["family"]) == "train" and d["kind"] != "not-clothing")
    instance = 0
    for d in drawings:
        if d["kind"].startswith("teach:"):
            continue  # never trained on: see plan_teach()
        split = split_of(d["family"])
        label = KEY_TO_INDEX[d["kind"]]
        if d["kind"] == "not-clothing":
            n = NEG_RENDERS[split]
        elif split == "train":
            n = int(np.clip(round(TRAIN_TARGET / per_class_train[d["kind"]]), 3, 120))
        else:
            n = RENDERS[split]
        if smoke:
            n = 1
        for v in range(n):
            jobs[split].append((("glyph", d["file"], d["colour"], seed_of(d["id"], v), None), label, instance, fam_index[d["family"]]))
        instance += 1
        for how, (src, dst, k) in DERIVED.items():
            if d["kind"] == src:
                for v in range(1 if smoke else (k if split == "train" else max(2, RENDERS[split] // 2))):
                    jobs[split].append((("glyph", d["file"], d["colour"], seed_of(d["id"], how, v), how),
                                        KEY_TO_INDEX[dst], instance, fam_index[d["family"]]))
                instance += 1
    for split, n in PROCEDURAL.items():
        for kind in PR.KINDS:
            for v in range(20 if smoke else n):
                s = seed_of("procedural", split, kind, v)
                jobs[split].append((("procedural", kind, False, s, None), KEY_TO_INDEX[kind], instance, fam_index["procedural"]))
                instance += 1
    y_all = fm.load()["train"][1]
    tr_idx, val_idx = fm.split_train_val(y_all)
    for split, n in FMNIST_SCENES.items():
        pool = tr_idx if split == "train" else val_idx
        pick = np.random.default_rng(seed_of("fmnist", split)).choice(pool, 200 if smoke else n, replace=False)
        for i in sorted(pick.tolist()):
            # The instance of a Fashion-MNIST scene is its source image (index offset so it
            # never clashes): train.py pairs the scene with the plain image as one garment.
            jobs[split].append((("fashion-mnist", i, False, seed_of("fmnist-scene", i), None), int(y_all[i]),
                                1_000_000 + i, fam_index["fashion-mnist"]))
    return jobs, fam_names


TEACH_RENDERS = 12


def plan_teach(catalogue):
    """Kinds no model is trained on (kimono, swimsuit), rendered like everything else: what a
    user teaches on the device. Returns (jobs, kinds, families)."""
    teach = [d for d in catalogue["drawings"] if d["kind"].startswith("teach:")]
    kinds = sorted({d["kind"] for d in teach})
    fams = sorted({d["family"] for d in teach})
    jobs = []
    for inst, d in enumerate(teach):
        for v in range(TEACH_RENDERS):
            jobs.append((("glyph", d["file"], d["colour"], seed_of("teach", d["id"], v), None),
                         kinds.index(d["kind"]), inst, fams.index(d["family"])))
    return jobs, kinds, fams


def build_teach(args, catalogue):
    jobs, kinds, fams = plan_teach(catalogue)
    with Pool(args.workers, initializer=_init, initargs=(str(args.out), [])) as pool:
        xs = list(pool.imap(render_task, [t[0] for t in jobs], chunksize=16))
    found = np.array([x is not None for x in xs])
    x = np.stack([x if x is not None else np.zeros((28, 28), np.uint8) for x in xs])[found]
    cols = [np.array([t[i] for t in jobs])[found] for i in (1, 2, 3)]
    np.savez_compressed(Path(args.out) / "teach.npz", x=x, kind=cols[0].astype(np.int16),
                        instance=cols[1].astype(np.int32), family=cols[2].astype(np.int16))
    (Path(args.out) / "teach.json").write_text(json.dumps({"kinds": kinds, "families": fams,
                                                           "drawings": [d["id"] for d in catalogue["drawings"] if d["kind"].startswith("teach:")]}, indent=1))
    print(f"teach: {int(found.sum())} images of {kinds}")


def sha256_file(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.environ.get("CURATOR_STYLES_DIR", str(Path.home() / ".cache/curator/styles")))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--smoke", action="store_true", help="one render per drawing (CI)")
    ap.add_argument("--teach", action="store_true", help="only the kinds the user teaches (teach.npz)")
    ap.add_argument("--manifest-out", default=str(HERE.parents[1] / "datasets" / f"garments-v{DATASET_VERSION}.json"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    catalogue = json.loads((out / "catalogue.json").read_text())
    if args.teach:
        return build_teach(args, catalogue)
    jobs, families = plan(catalogue, args.smoke)
    clutter = [d["file"] for d in catalogue["drawings"] if d["kind"] == "not-clothing" and split_of(d["family"]) == "train"][:300:3]
    counts, files = {}, {}
    t0 = time.time()
    with Pool(args.workers, initializer=_init, initargs=(str(out), clutter)) as pool:
        for split in ("test", "val", "train"):
            tasks = jobs[split]
            xs = []
            for i, x in enumerate(pool.imap(render_task, [t[0] for t in tasks], chunksize=32)):
                xs.append(x)
                if (i + 1) % 5000 == 0:
                    print(f"{split}: {i + 1}/{len(tasks)} ({time.time() - t0:.0f} s)", flush=True)
            found = np.array([x is not None for x in xs])
            x = np.stack([x if x is not None else np.zeros((28, 28), np.uint8) for x in xs])
            y = np.array([t[1] for t in tasks], np.int16)
            inst = np.array([t[2] for t in tasks], np.int32)
            fam = np.array([t[3] for t in tasks], np.int16)
            path = out / f"{split}{'-smoke' if args.smoke else ''}.npz"
            tmp = path.with_suffix(".tmp.npz")
            np.savez_compressed(tmp, x=x[found], y=y[found], instance=inst[found], family=fam[found])
            os.replace(tmp, path)
            files[split] = {"file": path.name, "sha256": sha256_file(path), "images": int(found.sum()),
                            "dropped": int((~found).sum())}
            counts[split] = {LABELS[c]["key"]: int(((y == c) & found).sum()) for c in range(len(LABELS))}
            print(f"{split}: {found.sum()} images, {(~found).sum()} dropped (no garment found, or not the garment)", flush=True)
    combined = hashlib.sha256("".join(f"{s}:{f['sha256']}\n" for s, f in sorted(files.items())).encode()).hexdigest()
    write_manifest(args, catalogue, families, counts, files, combined, time.time() - t0)


def write_manifest(args, catalogue, families, counts, files, combined, seconds):
    drawings = catalogue["drawings"]
    sources = defaultdict(lambda: {"drawings": 0, "kinds": Counter()})
    for d in drawings:
        s = sources[d["set"]]
        s.update({"collection": d["collectionName"], "author": d["author"], "licence": d["licence"],
                  "licenceUrl": d["licenceUrl"], "family": d["family"], "split": split_of(d["family"]),
                  "package": "@iconify/json", "packageVersion": catalogue["sources"]["@iconify/json"]})
        s["drawings"] += 1
        s["kinds"][d["kind"]] += 1
    manifest = {
        "name": "curator-garments", "version": DATASET_VERSION, "smoke": bool(args.smoke),
        "sha256": combined,
        "preprocessingContract": P.CONTRACT_VERSION,
        "builtBy": "models/training/styles/build.py (catalogue.mjs, render.py, procedural.py)",
        "classes": [c["key"] for c in LABELS],
        "splits": {"heldOutFamilies": SPLIT_FAMILIES, "rule": "a whole style family is in one split; val and test families are never trained on"},
        "files": files,
        "counts": counts,
        "renders": {"trainTargetPerClass": TRAIN_TARGET, "perDrawing": RENDERS, "negatives": NEG_RENDERS,
                    "procedural": PROCEDURAL, "derived": {k: {"from": v[0], "to": v[1], "rendersPerDrawing": v[2]} for k, v in DERIVED.items()},
                    "fashionMnistScenes": FMNIST_SCENES},
        "derivedKinds": {
            "shorts-from-trousers": "the top 42-58 % of a trousers drawing (legs cut above the knee)",
            "skirt-from-dress": "the bottom 45-60 % of a dress drawing (below the waist)",
            "procedural": "scarves, belts, skirts, shorts and socks drawn by code (procedural.py), our own work, CC0",
        },
        "otherSources": {
            "fashion-mnist": {"package": "Debian dataset-fashion-mnist", "licence": "MIT",
                              "use": "the plain images (train split minus the validation split) and scenes made from them",
                              "fingerprint": fm.fingerprint()["combined"]},
            "procedural": {"licence": "CC0-1.0", "author": "Curator"},
        },
        "reserved": {"never read": ["Noto emoji in any package (iconify noto, noto-v1, fonts-noto-color-emoji, emoji-datasource-google)",
                                    "the Symbola font", "Debian openclipart packages"],
                     "why": "kept for independent evaluation"},
        "families": families,
        "sources": {k: {**v, "kinds": dict(v["kinds"])} for k, v in sorted(sources.items())},
        "buildSeconds": round(seconds),
    }
    text = json.dumps(manifest, indent=1) + "\n"
    (Path(args.out) / ("manifest-smoke.json" if args.smoke else "manifest.json")).write_text(text)
    if not args.smoke:
        Path(args.manifest_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.manifest_out).write_text(text)
    print("sha256", combined)


if __name__ == "__main__":
    main()
