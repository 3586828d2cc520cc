"""Builds models/testdata/contract/: images + the Python contract's outputs for them.

The Vitest parity test (src/domain/vision/preprocess.parity.test.ts) runs the
TypeScript contract on the same pixels and must reproduce every tensor, box and
"not found" verdict. Images are stored as gzipped raw RGB/RGBA bytes (no PNG decoder
needed in the app's tests). Deterministic: `/usr/bin/python3 models/training/contract_data.py`.
"""
import gzip
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import backgrounds as B  # noqa: E402
import data  # noqa: E402
import preprocess as P  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "testdata" / "contract"


def fmnist_garment(img28: np.ndarray, size: int, colour, angle: float = 0.0):
    """A Fashion-MNIST image as a coloured garment cut-out: (rgb float, alpha)."""
    pil = Image.fromarray(img28).resize((size, size), Image.BILINEAR)
    if angle:
        pil = pil.rotate(angle, Image.BILINEAR, expand=True)
    a = np.asarray(pil, float) / 255
    shade = 0.75 + 0.25 * a  # garment shading follows the dataset's own texture
    rgb = np.asarray(colour, float)[None, None, :] * shade[..., None]
    return rgb, np.clip(a * 1.6, 0, 1)


def drawing(name: str, size: int):
    """A Fluent Emoji Flat drawing (MIT; a training family of the multi-style set, never
    a reserved source) rasterised by styles/render-icon.mjs."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "icon.png"
        subprocess.run(["node", str(Path(__file__).resolve().parent / "styles" / "render-icon.mjs"),
                        "fluent-emoji-flat", name, "128", str(out)], check=True)
        im = Image.open(out).convert("RGBA")
    im = im.crop(im.getbbox()).resize((size, size), Image.LANCZOS)
    arr = np.asarray(im, float)
    return arr[..., :3], arr[..., 3] / 255


def scene(rng, kind, h, w, colour, garment, x, y, shadow=0.0):
    bg = B.make(kind, rng, h, w, colour)
    return B.to_uint8(B.composite(bg, garment[0], garment[1], x, y, shadow))


def cases():
    rng = np.random.default_rng(20261123)
    x, y = data.load()["test"]
    pick = {int(c): np.flatnonzero(y == c)[3] for c in range(10)}
    g = lambda c, s, col, ang=0.0: fmnist_garment(x[pick[c]], s, col, ang)  # noqa: E731
    yield "dark-tshirt-on-white-large", "T-shirt, black on white paper, 250x200 (downscaled)", \
        scene(rng, "plain", 200, 250, (245, 245, 242), g(0, 170, (30, 30, 35)), 40, 16)
    yield "light-pullover-on-navy", "cream pullover on a navy cover", \
        scene(rng, "plain", 120, 110, (25, 30, 70), g(2, 96, (235, 225, 200)), 7, 12)
    yield "trousers-on-wood", "blue trousers on a wooden table", \
        scene(rng, "wood", 128, 112, None, g(1, 110, (40, 60, 120)), 0, 9, shadow=0.4)
    yield "dress-on-bed", "red dress on a white bed sheet with folds", \
        scene(rng, "fabric", 120, 100, (235, 232, 228), g(3, 90, (170, 30, 40)), 5, 15, shadow=0.3)
    yield "coat-on-stone", "olive coat on a grey stone floor", \
        scene(rng, "stone", 110, 110, (150, 150, 145), g(4, 96, (80, 90, 40)), 7, 7)
    yield "sandal-gradient-light", "tan sandal under window light", \
        scene(rng, "gradient", 90, 128, (225, 220, 210), g(5, 100, (150, 100, 60)), 14, -5)
    yield "shirt-small-off-centre", "small shirt in a corner of a big frame", \
        scene(rng, "plain", 150, 200, (240, 240, 240), g(6, 48, (60, 90, 60)), 140, 14)
    yield "sneaker-rotated", "sneaker rotated by 25 degrees", \
        scene(rng, "plain", 128, 128, (230, 236, 240), g(7, 90, (20, 20, 20), 25.0), 10, 10)
    yield "bag-on-wood-rotated", "bag rotated by -15 degrees on wood", \
        scene(rng, "wood", 128, 120, None, g(8, 88, (230, 230, 225), -15.0), 6, 8, shadow=0.4)
    yield "boot-on-dark-fabric", "ankle boot on a dark blanket", \
        scene(rng, "fabric", 100, 120, (45, 40, 50), g(9, 86, (190, 140, 90)), 20, 8)
    clutter = scene(rng, "plain", 128, 128, (235, 235, 235), g(0, 80, (200, 40, 40)), 30, 30)
    clutter[6:12, 110:118] = (40, 40, 40)  # a coin-sized object far from the garment
    yield "tshirt-with-clutter", "T-shirt plus a small dark object in the corner", clutter
    pair = B.plain(rng, 80, 128, (240, 240, 240))
    for ox in (4, 66):
        pair = B.composite(pair, *g(7, 58, (30, 30, 90)), ox, 12)
    yield "sneaker-pair", "two sneakers side by side (one is chosen)", B.to_uint8(pair)
    rgb, a = drawing("dress", 100)
    rgba = np.concatenate([rgb, a[..., None] * 255], axis=2)
    yield "emoji-dress-rgba", "Fluent Emoji Flat dress with a transparent background (RGBA)", B.to_uint8(rgba)
    yield "emoji-jeans-on-wood", "Fluent Emoji Flat jeans on wood", \
        scene(rng, "wood", 120, 120, None, drawing("jeans", 84), 18, 16, shadow=0.3)
    yield "tall-narrow", "a 400x48 strip with a trouser in it", \
        scene(rng, "plain", 400, 48, (250, 250, 250), g(1, 40, (10, 10, 10)), 4, 150)
    yield "touching-border", "coat cut off by the bottom edge", \
        scene(rng, "plain", 100, 100, (245, 245, 245), g(4, 96, (90, 60, 30)), 2, 20)
    yield "uniform-grey", "a uniform grey image (no garment)", np.full((64, 64, 3), 128, np.uint8)
    yield "bare-wood", "bare wood texture (no garment)", B.to_uint8(B.wood(rng, 96, 96))
    yield "too-small", "a 6x6 image", np.full((6, 6, 3), 30, np.uint8)
    checker = np.indices((40, 40)).sum(0) % 2 * 255
    yield "checkerboard", "1-pixel checkerboard (pathological)", np.repeat(checker[..., None], 3, 2).astype(np.uint8)
    yield "low-contrast-beige", "beige top on white: low contrast", \
        scene(rng, "plain", 110, 110, (245, 243, 240), g(0, 96, (215, 200, 180)), 7, 7)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    manifest, tensors = [], []
    for name, desc, img in cases():
        r = P.analyse(img)
        fname = f"{name}.{'rgba' if img.shape[2] == 4 else 'rgb'}.gz"
        with open(OUT / fname, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
            z.write(np.ascontiguousarray(img).tobytes())
        manifest.append({"name": name, "description": desc, "file": fname, "width": img.shape[1],
                         "height": img.shape[0], "channels": img.shape[2], "found": r.found,
                         "reason": r.reason, "bbox": list(r.bbox), "workBox": list(r.work_bbox),
                         "maskPixels": int(r.mask.sum()), "threshold": r.threshold, "unevenLight": r.uneven_light,
                         "tensorIndex": len(tensors)})
        tensors.append(r.tensor.astype("<f4"))
        print(f"{name:28s} {str(r.found):5s} {r.reason or '':16s} bbox={r.bbox} t={r.threshold:.3f}")
    with open(OUT / "tensors.f32.gz", "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
        z.write(np.stack(tensors).tobytes())
    (OUT / "manifest.json").write_text(json.dumps({
        "contractVersion": P.CONTRACT_VERSION, "tensorShape": [28, 28], "tensorFile": "tensors.f32.gz",
        "generator": "models/training/contract_data.py", "cases": manifest}, indent=1) + "\n")
    print(f"{len(manifest)} cases -> {OUT} ({sum(p.stat().st_size for p in OUT.iterdir()) // 1024} KB)")


if __name__ == "__main__":
    main()
