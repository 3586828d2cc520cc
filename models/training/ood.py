"""Out-of-distribution set: garment clip art and icons rendered into photo-like scenes.

    /usr/bin/python3 models/training/ood.py build   # writes models/testdata/ood/ (deterministic)
    /usr/bin/python3 models/training/ood.py stats   # composition of the committed set

Fashion-MNIST test accuracy says little about a phone photo of a jumper on a bed.
This set renders garment pictures from other artists (ood_sources.py: emoji fonts and
icon sets from Debian and npm, with their licences) at varied sizes, positions,
rotations and colours onto plain and textured backgrounds (backgrounds.py), stored as
PNG with labels.json. Evaluation runs them through preprocessing contract v1
(preprocess.py) exactly as the app does, then through the model.

API for the pipeline (models/training/evaluate.py):
    load_ood() -> (list of uint8 (H, W, 3) arrays, int64 labels)
    evaluate_ood(predict_fn, temperature=1.0, threshold=0.93) -> dict
    evaluate_pasted(predict_fn, n=1000, ...) -> dict   # Fashion-MNIST test images in scenes
predict_fn: float32 [N, 1, 28, 28] in [0, 1] -> logits [N, 10] (numpy or torch-convertible).
"""
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import backgrounds as B  # noqa: E402
import preprocess as P  # noqa: E402

OOD_DIR = Path(__file__).resolve().parents[1] / "testdata" / "ood"
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
VARIANTS = {2: 3, 6: 2}  # renders per item for classes with few items (pullover, shirt)
GARMENT_COLOURS = [(25, 25, 30), (235, 235, 230), (30, 45, 90), (120, 20, 30), (60, 75, 45), (170, 140, 100),
                   (200, 60, 50), (90, 90, 95), (60, 100, 160), (230, 200, 80), (110, 70, 40), (220, 150, 170)]
SURFACES = {  # background kind -> colours it comes in (wood brings its own)
    "plain": [(245, 245, 242), (215, 215, 210), (30, 30, 35), (200, 215, 230), (240, 225, 200)],
    "gradient": [(240, 238, 232), (190, 200, 205), (60, 55, 70)],
    "wood": [None],
    "fabric": [(238, 236, 232), (50, 60, 90), (180, 160, 150), (120, 140, 120)],
    "stone": [(160, 158, 150), (210, 205, 195)],
}
KIND_P = {"plain": 0.3, "gradient": 0.15, "wood": 0.2, "fabric": 0.25, "stone": 0.1}


def _rng(key: str) -> np.random.Generator:
    # Per-image seed from its name: adding an item never changes the others.
    return np.random.default_rng(int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little"))


def _far(a, b, d=110.0) -> bool:
    return float(np.linalg.norm(np.asarray(a, float) - np.asarray(b, float))) >= d


def scene(item, variant: int):
    """One deterministic photo-like scene of `item`: (uint8 RGB, metadata)."""
    import ood_sources as S
    rng = _rng(f"{item.id}/{variant}")
    kind = str(rng.choice(list(KIND_P), p=list(KIND_P.values())))
    surface = SURFACES[kind][rng.integers(len(SURFACES[kind]))]
    ref = surface if surface is not None else (160, 110, 65)
    colour = None
    if not item.colour:
        options = [c for c in GARMENT_COLOURS if _far(c, ref)]
        colour = options[rng.integers(len(options))]
    cut = S.render(item, colour)
    h, w = int(rng.integers(80, 129)), int(rng.integers(80, 129))
    angle = float(rng.uniform(-18, 18)) if rng.random() < 0.6 else 0.0
    if angle:
        cut = cut.rotate(angle, Image.BICUBIC, expand=True)
    size = int(min(h, w) * rng.uniform(0.5, 0.88))
    scale = size / max(cut.size)
    cut = cut.resize((max(1, round(cut.width * scale)), max(1, round(cut.height * scale))), Image.LANCZOS)
    fg, alpha = S.as_arrays(cut)
    x = int(rng.integers(0, max(1, w - cut.width + 1)))
    y = int(rng.integers(0, max(1, h - cut.height + 1)))
    shadow = float(rng.uniform(0.2, 0.45)) if kind != "plain" and rng.random() < 0.5 else 0.0
    img = B.to_uint8(B.composite(B.make(kind, rng, h, w, surface, 0.5), fg, alpha, x, y, shadow))
    lic, attribution = item.licence
    meta = {"label": item.label, "fashionMnist": CLASSES[item.label], "source": item.source, "item": item.name,
            "licence": lic, "attribution": attribution, "background": kind, "rotation": round(angle, 1),
            "garmentColour": list(colour) if colour else None, "size": [w, h]}
    return img, meta


def build(out: Path = OOD_DIR):
    import ood_sources as S
    S.check_sources()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    images = []
    for item in S.catalogue():
        for v in range(VARIANTS.get(item.label, 1)):
            img, meta = scene(item, v)
            name = f"{item.id}-{v}.png"
            Image.fromarray(img).save(out / name, optimize=True)
            images.append({"file": name, **meta})
    manifest = {
        "version": 1, "generator": "models/training/ood.py build", "preprocessingContract": P.CONTRACT_VERSION,
        "classes": CLASSES, "note": "No pullover emoji exists: pullovers are hoodie icons only.",
        "licences": {s: {"licence": l, "attribution": a} for s, (l, a) in S.LICENCES.items()},
        "images": images,
    }
    (out / "labels.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def manifest(root: Path = OOD_DIR) -> dict:
    return json.loads((root / "labels.json").read_text())


def load_ood(root: Path = OOD_DIR):
    """(list of uint8 (H, W, 3) arrays, int64 labels) of the committed OOD set."""
    m = manifest(root)
    images = [np.asarray(Image.open(root / e["file"]).convert("RGB")) for e in m["images"]]
    return images, np.array([e["label"] for e in m["images"]], dtype=np.int64)


def _softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def _predict_all(images, predict_fn, batch=64):
    """Contract v1 then the model; images with no garment found get no prediction (-1)."""
    tensors, ok = [], []
    for img in images:
        r = P.analyse(img)
        ok.append(r.found)
        tensors.append(r.tensor)
    x = np.stack(tensors)[:, None].astype(np.float32)
    logits = np.concatenate([np.asarray(predict_fn(x[i:i + batch]), dtype=np.float64)
                             for i in range(0, len(x), batch)])
    return logits, np.array(ok)


def _score(logits, found, labels, temperature, threshold, groups=None):
    prob = _softmax(logits / temperature)
    pred = np.where(found, prob.argmax(1), -1)
    conf = np.where(found, prob.max(1), 0.0)
    right = pred == labels
    above = conf >= threshold
    t = f"{threshold:g}"
    out = {"n": int(len(labels)), "accuracy": float(right.mean()), "no_garment": int((~found).sum()),
           f"share_above_{t}": float(above.mean()),
           f"accuracy_above_{t}": float(right[above].mean()) if above.any() else None,
           "temperature": float(temperature), "threshold": float(threshold),
           "preprocessingContract": P.CONTRACT_VERSION,
           "per_class": {CLASSES[c]: {"n": int((labels == c).sum()),
                                      "accuracy": float(right[labels == c].mean()) if (labels == c).any() else None}
                         for c in range(10)},
           "confusion_matrix": [[int(((labels == a) & (pred == b)).sum()) for b in range(10)] for a in range(10)]}
    if groups is not None:
        out["per_source"] = {g: {"n": int((groups == g).sum()), "accuracy": float(right[groups == g].mean())}
                             for g in sorted(set(groups))}
    return out


def evaluate_ood(predict_fn, temperature: float = 1.0, threshold: float = 0.93, root: Path = OOD_DIR) -> dict:
    """Accuracy of predict_fn on the OOD set through preprocessing contract v1.

    Returns {n, accuracy, no_garment, share_above_0.93, accuracy_above_0.93, per_class,
    per_source, confusion_matrix, ...}; confidence is softmax(logits / temperature).
    """
    images, labels = load_ood(root)
    groups = np.array([e["source"] for e in manifest(root)["images"]])
    logits, found = _predict_all(images, predict_fn)
    return _score(logits, found, labels, temperature, threshold, groups)


def pasted_scene(img28: np.ndarray, key: str):
    """A Fashion-MNIST image turned back into a 'photo': garment colour over a surface,
    its distance from the surface proportional to the dataset's pixel value."""
    rng = _rng(key)
    kind = str(rng.choice(list(KIND_P), p=list(KIND_P.values())))
    surface = SURFACES[kind][rng.integers(len(SURFACES[kind]))]
    ref = surface if surface is not None else (160, 110, 65)
    options = [c for c in GARMENT_COLOURS if _far(c, ref, 130)]
    colour = options[rng.integers(len(options))]
    h, w = int(rng.integers(96, 145)), int(rng.integers(96, 145))
    size = int(min(h, w) * rng.uniform(0.55, 0.9))
    a = np.asarray(Image.fromarray(img28).resize((size, size), Image.BILINEAR), float) / 255
    fg = np.ones((size, size, 3)) * np.asarray(colour, float)
    x, y = int(rng.integers(0, w - size + 1)), int(rng.integers(0, h - size + 1))
    return B.to_uint8(B.composite(B.make(kind, rng, h, w, surface, 0.5), fg, a, x, y))


def evaluate_pasted(predict_fn, n: int = 1000, temperature: float = 1.0, threshold: float = 0.93) -> dict:
    """The first n Fashion-MNIST test images pasted into photo-like scenes, through the
    contract: what the contract costs on in-distribution garments (compare with the
    plain test accuracy of the same images)."""
    import data
    x, y = data.load()["test"]
    images = [pasted_scene(x[i], f"pasted/{i}") for i in range(n)]
    logits, found = _predict_all(images, predict_fn)
    out = _score(logits, found, y[:n].astype(np.int64), temperature, threshold)
    direct = np.concatenate([np.asarray(predict_fn(x[i:min(i + 64, n), None].astype(np.float32) / 255), dtype=np.float64)
                             for i in range(0, n, 64)])
    out["direct_accuracy"] = float((direct.argmax(1) == y[:n]).mean())
    return out


def stats(m: dict) -> str:
    imgs = m["images"]
    by_class = Counter(e["fashionMnist"] for e in imgs)
    lines = [f"{len(imgs)} images, {len({e['item'] + e['source'] for e in imgs})} pictures"]
    lines.append("per class:  " + ", ".join(f"{c} {by_class.get(c, 0)}" for c in CLASSES))
    lines.append("per source: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e["source"] for e in imgs).items())))
    lines.append("background: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(e["background"] for e in imgs).items())))
    return "\n".join(lines)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "stats"
    if cmd == "build":
        print(stats(build()))
        print(f"{OOD_DIR}: {sum(p.stat().st_size for p in OOD_DIR.iterdir()) // 1024} KB")
    elif cmd == "stats":
        print(stats(manifest()))
    else:
        raise SystemExit("usage: ood.py build|stats")
