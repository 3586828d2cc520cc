"""Synthetic multi-garment scenes for the garment detector (issue 16), deterministic from seeds.

    /usr/bin/python3 models/training/detect/scenes.py --fixed [--val 1000 --test 1000]   # cached sets + manifest
    /usr/bin/python3 models/training/detect/scenes.py --preview val 0                   # one scene as PNG
    /usr/bin/python3 models/training/detect/scenes.py --selftest

A scene is a photo-like canvas (256x256, or a non-square photo up to 400 px letterboxed per
models/DETECTION.md: scaled by 256 / max(W, H) with area averaging, top-left, pad 114) with
0-6 garments (weighted toward 2-5) from the multi-style data's sources -- the drawings of
~/.cache/curator/styles/catalogue.json, the procedural kinds (styles/procedural.py),
Fashion-MNIST images -- painted and lit by styles/render.py and backgrounds.py, at varied
scales, rotations and overlaps, plus non-garment drawings as unlabelled distractors.
Occlusion: what an upper item covers leaves the lower garment's mask; a garment with less
than MIN_VISIBLE of itself in view (covered or out of frame) loses its label.
Splits are the recognition data's (styles/build.py split_of): validation families emojione,
ph, iconoir; test twemoji, hugeicons, mingcute; procedural drawings in train only;
Fashion-MNIST: train scenes use its train images minus the validation split, validation
scenes that split, test scenes its test images. Noto, Symbola and openclipart are never read.
"""
import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "styles"))
import backgrounds as B  # noqa: E402
import data as fm  # noqa: E402
import procedural as PR  # noqa: E402
import render as R  # noqa: E402
from build import DERIVED, KEY_TO_INDEX, LABELS, fmnist_glyph, seed_of, split_of  # noqa: E402

SIZE = 256
MASK = 128  # stored masks: 128x128 over the 256x256 input (stride 2)
MAX_GARMENTS = 6
COUNT_WEIGHTS = np.array([0.06, 0.12, 0.2, 0.22, 0.2, 0.12, 0.08])  # P(0..6 garments)
MIN_VISIBLE = 0.3
PAD = 114
STYLES_DIR = Path(os.environ.get("CURATOR_STYLES_DIR", str(Path.home() / ".cache/curator/styles")))
DATASET_VERSION = 1
# The recognition data set the scenes draw their drawings from (styles/build.py's manifest).
RECOGNITION_MANIFEST = "models/datasets/garments-v2.json"
# Mix of garment sources per split (glyph drawings, procedural, Fashion-MNIST).
SOURCES = {"train": {"glyph": 0.6, "procedural": 0.2, "fmnist": 0.2}, "val": {"glyph": 0.75, "fmnist": 0.25},
           "test": {"glyph": 0.75, "fmnist": 0.25}}
GARMENT_KEYS = [c["key"] for c in LABELS if c["key"] != "not-clothing"]


class Sources:
    """The drawings one split may use, loaded lazily (each worker process has its own)."""

    def __init__(self, split: str, styles_dir: Path = STYLES_DIR):
        if split not in SOURCES:
            raise ValueError(f"unknown split {split!r}")
        self.split, self.root = split, Path(styles_dir)
        cat = json.loads((self.root / "catalogue.json").read_text())
        self.glyphs_by_kind: dict[str, list] = {}
        self.distractors = []
        for d in cat["drawings"]:
            if d["kind"].startswith("teach:") or split_of(d["family"]) != split:
                continue
            if d["kind"] == "not-clothing":
                self.distractors.append(d)
            else:
                self.glyphs_by_kind.setdefault(d["kind"], []).append(d)
        for how, (src, dst, _n) in DERIVED.items():  # shorts from trousers, skirts from dresses
            for d in self.glyphs_by_kind.get(src, []):
                self.glyphs_by_kind.setdefault(dst, []).append({**d, "derive": how})
        self.kinds = sorted(self.glyphs_by_kind)
        self._cache: dict[str, np.ndarray] = {}
        self._fm = None

    def fm(self):
        if self._fm is None:
            d = fm.load()
            if self.split == "test":
                x, y = d["test"]
                idx = np.arange(len(y))
            else:
                x, y = d["train"]
                tr, va = fm.split_train_val(y)
                idx = tr if self.split == "train" else va
            self._fm = (x, y, idx)
        return self._fm

    def glyph(self, d) -> np.ndarray:
        g = self._cache.get(d["file"])
        if g is None:
            if len(self._cache) > 600:
                self._cache.clear()
            g = self._cache[d["file"]] = np.asarray(Image.open(self.root / d["file"]).convert("RGBA"))
        return g

    def garment(self, rng):
        """(rgba, colour_art, class index, source name) of one garment."""
        mix = SOURCES[self.split]
        src = rng.choice(list(mix), p=np.array(list(mix.values())) / sum(mix.values()))
        if src == "procedural":
            kind = PR.KINDS[int(rng.integers(len(PR.KINDS)))]
            return PR.draw(kind, int(rng.integers(2**62))), False, KEY_TO_INDEX[kind], "procedural"
        if src == "fmnist":
            x, y, idx = self.fm()
            i = int(idx[rng.integers(len(idx))])
            return fmnist_glyph(x[i]), False, int(y[i]), "fashion-mnist"
        kind = self.kinds[int(rng.integers(len(self.kinds)))]  # classes balanced, then a drawing
        options = self.glyphs_by_kind[kind]
        d = options[int(rng.integers(len(options)))]
        rgba = self.glyph(d)
        if d.get("derive"):
            rgba = R.derive(rgba, d["derive"], rng)
        return rgba, bool(d["colour"]), KEY_TO_INDEX[kind], d["family"]

    def distractor(self, rng):
        d = self.distractors[int(rng.integers(len(self.distractors)))]
        return self.glyph(d), bool(d["colour"])


def _pose(rgba, colour, rng, surface, target: float):
    """The painted item, flipped, stretched, rotated and scaled so its longer side is `target`:
    (float RGB, alpha in 0..1)."""
    rgb, alpha = R.appearance(R.crop_alpha(rgba), colour, rng, surface)
    im = Image.fromarray(np.uint8(np.dstack([rgb, alpha * 255])), "RGBA")
    if rng.random() < 0.5:
        im = im.transpose(Image.FLIP_LEFT_RIGHT)
    im = im.resize((max(2, round(im.width * rng.uniform(0.85, 1.18))), im.height), Image.BICUBIC)
    angle = rng.normal(0, 12) if rng.random() < 0.75 else rng.uniform(-90, 90)
    im = im.rotate(float(angle), Image.BICUBIC, expand=True)
    box = im.getchannel("A").point(lambda a: 255 if a > 8 else 0).getbbox()
    if box is None:
        raise ValueError("item vanished")
    im = im.crop(box)
    k = target / max(im.size)
    im = im.resize((max(3, round(im.width * k)), max(3, round(im.height * k))), Image.LANCZOS)
    arr = np.asarray(im, float)
    return arr[..., :3], arr[..., 3] / 255


def _canvas_size(rng):
    if rng.random() < 0.7:
        return SIZE, SIZE
    long = int(rng.integers(256, 401))
    short = int(long * rng.uniform(0.55, 0.95))
    return (long, short) if rng.random() < 0.5 else (short, long)


def _camera(out, rng):
    """Uneven light (a little more often and stronger than a one-garment scene), blur, noise, JPEG."""
    return R.camera(out, rng, light_p=0.45, light_max=0.4, blur_max=1.4)


def letterbox(img: Image.Image):
    """The contract's input: (uint8 [256,256,3], scale s)."""
    W, H = img.size
    s = SIZE / max(W, H)
    w, h = max(1, round(W * s)), max(1, round(H * s))
    out = np.full((SIZE, SIZE, 3), PAD, np.uint8)
    out[:h, :w] = np.asarray(img.resize((w, h), Image.BOX) if (w, h) != (W, H) else img)
    return out, s


def make_scene(sources: Sources, seed: int) -> dict:
    """One scene: image uint8 [256,256,3]; boxes float32 [K,4] (x0,y0,x1,y1 in input pixels);
    masks bool [K,128,128]; classes int16 [K]; plus the photo size and scale, and `items`: every
    item in view top first (class, -1 for a distractor; visible share; box), labelled or not."""
    rng = np.random.default_rng(seed)
    H, W = _canvas_size(rng)
    bg, _kind, surface = R._surface(rng, H, W)
    n = int(rng.choice(len(COUNT_WEIGHTS), p=COUNT_WEIGHTS))
    n_distract = int(rng.choice(4, p=[0.45, 0.3, 0.15, 0.1]))
    items = [("g", i) for i in range(n)] + [("d", i) for i in range(n_distract)]
    rng.shuffle(items)  # z-order: later items lie on top
    short = min(H, W)
    placed = []  # (alpha on the canvas [H,W], class or -1, full area, rgb, alpha, x, y, shadow)
    for what, _ in items:
        for _try in range(4):
            try:
                if what == "g":
                    rgba, colour, cls, _src = sources.garment(rng)
                    lo, hi = (0.35, 0.85) if n == 1 else (0.16, 0.62 - 0.04 * n)
                else:
                    rgba, colour = sources.distractor(rng)
                    cls, (lo, hi) = -1, (0.08, 0.3)
                rgb, a = _pose(rgba, colour, rng, surface, short * rng.uniform(lo, hi))
                break
            except ValueError:
                continue
        else:
            continue
        h, w = a.shape
        x = int(rng.integers(-w // 6, max(-w // 6 + 1, W - w + w // 6)))
        y = int(rng.integers(-h // 6, max(-h // 6 + 1, H - h + h // 6)))
        canvas_a = np.zeros((H, W))
        x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
        if x0 < x1 and y0 < y1:
            canvas_a[y0:y1, x0:x1] = a[y0 - y:y1 - y, x0 - x:x1 - x]
        shadow = float(rng.uniform(0.15, 0.45)) if rng.random() < 0.5 else 0.0
        placed.append((canvas_a, cls, float((a > 0.5).sum()), rgb, a, x, y, shadow))
    out = bg
    for _ca, _cls, _area, rgb, a, x, y, shadow in placed:
        out = B.composite(out, rgb, a, x, y, shadow)
    img = _camera(out, rng)
    lb, s = letterbox(img)
    w, h = max(1, round(W * s)), max(1, round(H * s))
    boxes, masks, classes, everything = [], [], [], []
    covered = np.zeros((H, W), bool)
    for ca, cls, area, *_rest in reversed(placed):  # top first: what is above covers what is below
        solid = ca > 0.5
        visible = solid & ~covered
        covered |= solid
        if visible.any():  # every item in view, labelled or not (error analysis: errors_detect.py)
            ys, xs = np.nonzero(visible)
            everything.append({"class": int(cls), "visible": float(visible.sum() / max(area, 1.0)),
                               "box": (np.array([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], np.float64) * s).tolist()})
        if cls < 0 or area <= 0 or visible.sum() < MIN_VISIBLE * area:
            continue
        m = np.zeros((SIZE, SIZE), np.float32)
        m[:h, :w] = np.asarray(Image.fromarray(np.uint8(visible) * 255).resize((w, h), Image.BOX), np.float32) / 255
        ys, xs = np.nonzero(visible)
        box = np.array([xs.min(), ys.min(), xs.max() + 1, ys.max() + 1], np.float32) * s
        if min(box[2] - box[0], box[3] - box[1]) < 4:
            continue
        boxes.append(box)
        masks.append(m.reshape(MASK, 2, MASK, 2).mean((1, 3)) >= 0.5)
        classes.append(cls)
    k = len(boxes)
    return {"image": lb, "boxes": np.array(boxes, np.float32).reshape(k, 4), "masks": np.array(masks, bool).reshape(k, MASK, MASK),
            "classes": np.array(classes, np.int16), "photo": (W, H), "scale": s, "items": everything}


def scene_seed(split: str, base: int, index: int) -> int:
    return seed_of("detect", split, base, index)


def pack(scenes: list) -> dict:
    """Scenes -> fixed-shape arrays (padded to MAX_GARMENTS + extra room for none)."""
    n, K = len(scenes), max([len(s["classes"]) for s in scenes] + [1])
    boxes = np.zeros((n, K, 4), np.float32)
    masks = np.zeros((n, K, MASK, MASK), bool)
    classes = np.full((n, K), -1, np.int16)
    for i, s in enumerate(scenes):
        k = len(s["classes"])
        boxes[i, :k], masks[i, :k], classes[i, :k] = s["boxes"], s["masks"], s["classes"]
    return {"images": np.stack([s["image"] for s in scenes]), "boxes": boxes, "masks": np.packbits(masks, axis=-1),
            "classes": classes, "photo": np.array([s["photo"] for s in scenes], np.int32),
            "scale": np.array([s["scale"] for s in scenes], np.float32)}


def load_fixed(path: Path) -> dict:
    z = np.load(path)
    d = {k: z[k] for k in z.files}
    d["masks"] = np.unpackbits(d["masks"], axis=-1)[..., :MASK].astype(bool)
    return d


def _render_chunk(args):
    split, base, lo, hi, styles_dir = args
    src = Sources(split, Path(styles_dir))
    return [make_scene(src, scene_seed(split, base, i)) for i in range(lo, hi)]


def sha256_file(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def build_fixed(out: Path, counts: dict, workers: int = 1, styles_dir: Path = STYLES_DIR, base: int = 0) -> dict:
    """Renders the cached validation/test sets and writes scenes-manifest.json."""
    from multiprocessing import Pool
    out.mkdir(parents=True, exist_ok=True)
    files, per_class = {}, {}
    old = out / "scenes-manifest.json"
    if old.exists():  # keep the splits built earlier (and still on disk, unchanged)
        prev = json.loads(old.read_text())
        for split, f in prev.get("files", {}).items():
            if split not in counts and (out / f["file"]).exists() and sha256_file(out / f["file"]) == f["sha256"]:
                files[split], per_class[split] = f, prev["counts"].get(split, {})
    for split, n in counts.items():
        chunks = [(split, base, lo, min(n, lo + 50), str(styles_dir)) for lo in range(0, n, 50)]
        if workers > 1:
            with Pool(workers) as pool:
                scenes = [s for c in pool.map(_render_chunk, chunks) for s in c]
        else:
            scenes = [s for c in map(_render_chunk, chunks) for s in c]
        path = out / f"scenes-{split}.npz"
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(tmp, **pack(scenes))
        os.replace(tmp, path)
        garments = np.concatenate([s["classes"] for s in scenes])
        per_n = np.bincount([len(s["classes"]) for s in scenes], minlength=MAX_GARMENTS + 1)
        files[split] = {"file": path.name, "sha256": sha256_file(path), "scenes": n, "garments": int(len(garments)),
                        "scenesByGarmentCount": per_n.tolist(), "nonSquare": int(sum(s["photo"][0] != s["photo"][1] for s in scenes))}
        per_class[split] = {LABELS[c]["key"]: int((garments == c).sum()) for c in range(len(LABELS)) if (garments == c).any()}
        print(f"{split}: {n} scenes, {len(garments)} garments -> {path}", flush=True)
    manifest = {
        "name": "curator-garment-scenes", "version": DATASET_VERSION, "builtBy": "models/training/detect/scenes.py",
        "sources": {"recognitionManifest": RECOGNITION_MANIFEST,
                    "recognitionSha256": json.loads((HERE.parents[2] / RECOGNITION_MANIFEST).read_text())["sha256"],
                    "catalogue": str(styles_dir / "catalogue.json"), "catalogueSha256": sha256_file(styles_dir / "catalogue.json"),
                    "fashionMnist": fm.fingerprint()["combined"]},
        "splits": {"val": "families emojione, ph, iconoir; Fashion-MNIST validation split", "test": "families twemoji, hugeicons, mingcute; Fashion-MNIST test",
                   "train": "all other families, procedural drawings, Fashion-MNIST train minus validation (generated on the fly)"},
        "reserved": "Noto, Symbola, openclipart never read",
        "scene": {"size": SIZE, "maskSize": MASK, "countWeights": COUNT_WEIGHTS.tolist(), "minVisible": MIN_VISIBLE, "sourceMix": SOURCES, "seedBase": base},
        "files": files, "counts": per_class,
        "sha256": hashlib.sha256("".join(f"{s}:{f['sha256']}\n" for s, f in sorted(files.items())).encode()).hexdigest(),
    }
    (out / "scenes-manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def selftest():
    src = Sources("val")
    fams = {d["family"] for ds in src.glyphs_by_kind.values() for d in ds} | {d["family"] for d in src.distractors}
    assert fams <= {"emojione", "ph", "iconoir"}, fams
    a, b = make_scene(src, 7), make_scene(src, 7)
    assert np.array_equal(a["image"], b["image"]) and np.array_equal(a["boxes"], b["boxes"]), "not deterministic"
    for i in range(30):
        s = make_scene(src, i)
        assert s["image"].shape == (SIZE, SIZE, 3) and s["image"].dtype == np.uint8
        W, H = s["photo"]
        w, h = round(W * s["scale"]), round(H * s["scale"])
        if w < SIZE:
            assert (s["image"][:, w:] == PAD).all(), "letterbox pad"
        if h < SIZE:
            assert (s["image"][h:] == PAD).all(), "letterbox pad"
        for box, m in zip(s["boxes"], s["masks"]):
            assert 0 <= box[0] < box[2] <= w + 1 and 0 <= box[1] < box[3] <= h + 1, box
            ys, xs = np.nonzero(m)
            if len(ys):  # the mask lies in its box (at mask resolution, one cell of slack)
                assert xs.min() * 2 >= box[0] - 2 and (xs.max() + 1) * 2 <= box[2] + 2
    p = pack([make_scene(src, i) for i in range(3)])
    assert p["masks"].shape[-1] == MASK // 8
    print("scenes selftest ok")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixed", action="store_true", help="render the cached validation/test sets")
    ap.add_argument("--out", default=str(Path.home() / ".cache/curator/detect"))
    ap.add_argument("--val", type=int, default=1000)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--preview", nargs=2, metavar=("SPLIT", "INDEX"))
    ap.add_argument("--selftest", action="store_true")
    a = ap.parse_args(argv)
    if a.selftest:
        return selftest()
    if a.preview:
        s = make_scene(Sources(a.preview[0]), scene_seed(a.preview[0], 0, int(a.preview[1])))
        path = Path(a.out) / f"preview-{a.preview[0]}-{a.preview[1]}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(s["image"]).save(path)
        print(path, s["classes"].tolist(), s["boxes"].round(1).tolist())
        return
    if a.fixed:
        print(json.dumps(build_fixed(Path(a.out), {"val": a.val, "test": a.test}, a.workers)["files"], indent=1))


if __name__ == "__main__":
    main()
