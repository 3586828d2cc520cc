"""One drawing -> one photo-like scene (uint8 RGB), deterministic from a seed.

What varies, so that a style never seen in training still looks like something seen:
- the garment's look: one-colour glyphs are painted with a solid colour, a two-tone
  gradient or a pattern (stripes, checks, dots, denim, knit, print); outline drawings
  are sometimes filled in (a drawn garment with an outline); colour drawings get hue,
  saturation and brightness shifts or turn grey; fabric shading (soft folds) on top;
- geometry: scale and position in the frame, rotation, a mild perspective, mirror;
- the surface: plain, lit from one side, wood, fabric, stone, tiles, paper, with small
  clutter at the edges and a drop shadow;
- the camera: a lighting ramp, blur, sensor noise, JPEG artefacts.
Derived kinds (models/training/styles/README.md): "shorts" from the top of trousers,
"skirt" from the bottom of dresses.
"""
import io
import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import backgrounds as B  # noqa: E402

PALETTE = [(25, 25, 30), (240, 240, 235), (30, 45, 90), (120, 20, 30), (60, 75, 45), (170, 140, 100),
           (200, 60, 50), (90, 90, 95), (60, 100, 160), (230, 200, 80), (110, 70, 40), (220, 150, 170),
           (40, 120, 110), (150, 60, 140), (250, 130, 40), (180, 200, 220), (100, 30, 60), (205, 190, 160)]


def _colour(rng):
    if rng.random() < 0.6:
        c = np.asarray(PALETTE[rng.integers(len(PALETTE))], float)
        return np.clip(c + rng.normal(0, 12, 3), 0, 255)
    return rng.uniform(0, 255, 3)


def _far_colour(rng, ref, d=90.0):
    for _ in range(20):
        c = _colour(rng)
        if np.linalg.norm(c - np.asarray(ref, float)) >= d:
            return c
    return 255 - np.asarray(ref, float)


def crop_alpha(rgba: np.ndarray) -> np.ndarray:
    a = rgba[..., 3]
    ys, xs = np.nonzero(a > 8)
    if len(ys) == 0:
        raise ValueError("empty drawing")
    return rgba[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def derive(rgba: np.ndarray, how: str, rng) -> np.ndarray:
    """shorts-from-trousers: the top 42-58 % (legs cut above the knee);
    skirt-from-dress: the bottom 45-60 % (below the waist)."""
    rgba = crop_alpha(rgba)
    h = rgba.shape[0]
    if how == "shorts-from-trousers":
        return crop_alpha(rgba[: max(4, int(h * rng.uniform(0.42, 0.58)))])
    if how == "skirt-from-dress":
        return crop_alpha(rgba[h - max(4, int(h * rng.uniform(0.45, 0.6))):])
    raise ValueError(how)


def _pattern(rng, h, w, base):
    """A fabric pattern in float RGB over (h, w)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    other = _far_colour(rng, base, 70)
    kind = rng.choice(["stripes", "checks", "dots", "denim", "knit", "print"])
    period = rng.uniform(5, 16) * max(h, w) / 160
    ang = rng.uniform(0, math.pi)
    u = xx * math.cos(ang) + yy * math.sin(ang)
    v = -xx * math.sin(ang) + yy * math.cos(ang)
    if kind == "stripes":
        m = (np.mod(u, period) < period * rng.uniform(0.2, 0.5)).astype(float)
    elif kind == "checks":
        m = 0.5 * (np.mod(u, period) < period / 2) + 0.5 * (np.mod(v, period) < period / 2)
    elif kind == "dots":
        r = period * rng.uniform(0.15, 0.3)
        m = ((np.mod(u, period) - period / 2) ** 2 + (np.mod(v, period) - period / 2) ** 2 < r * r).astype(float)
    elif kind == "denim":
        base = np.asarray([rng.uniform(40, 90), rng.uniform(60, 100), rng.uniform(110, 170)])
        m = 0.5 + 0.5 * np.sin(2 * math.pi * (u + v) / 3.0) * rng.uniform(0.3, 0.8)
        other = base * 1.35
    elif kind == "knit":
        m = 0.5 + 0.5 * np.abs(np.sin(math.pi * u / (period / 3))) * np.sin(math.pi * v / (period / 2))
        other = np.clip(base * 0.75, 0, 255)
    else:
        m = (B.smooth_noise(rng, h, w, int(rng.integers(6, 14))) > rng.uniform(0.2, 0.5)).astype(float)
    return np.asarray(base, float) * (1 - m[..., None]) + np.asarray(other, float) * m[..., None]


def _fill_holes(mask: np.ndarray) -> np.ndarray:
    """Pixels not reachable from the border through background: the inside of outlines."""
    h, w = mask.shape
    im = Image.fromarray(np.pad(mask, 1).astype(np.uint8) * 255).copy()  # fromarray may share read-only memory: floodfill would do nothing
    ImageDraw.floodfill(im, (0, 0), 128)
    outside = np.asarray(im)[1:-1, 1:-1] == 128
    return ~outside


def appearance(rgba: np.ndarray, colour_art: bool, rng, surface, keep_art=False):
    """(float RGB, alpha in [0, 1]) of the garment, painted."""
    rgb = rgba[..., :3].astype(float)
    alpha = rgba[..., 3].astype(float) / 255
    h, w = alpha.shape
    if colour_art and (rng.random() < 0.85 or keep_art):
        r = rng.random()
        if r < 0.15:  # grey, as a black-and-white print or photo
            g = rgb @ np.array([0.299, 0.587, 0.114])
            rgb = np.repeat(g[..., None], 3, axis=2)
        elif r < 0.6:  # another colourway: rotate hue, move saturation and brightness
            hsv = np.asarray(Image.fromarray(np.uint8(np.clip(rgb, 0, 255))).convert("HSV"), float)
            hsv[..., 0] = np.mod(hsv[..., 0] + rng.uniform(0, 255), 256)
            hsv[..., 1] = np.clip(hsv[..., 1] * rng.uniform(0.5, 1.3), 0, 255)
            hsv[..., 2] = np.clip(hsv[..., 2] * rng.uniform(0.7, 1.15), 0, 255)
            rgb = np.asarray(Image.fromarray(np.uint8(hsv), "HSV").convert("RGB"), float)
        else:
            rgb = np.clip(rgb * rng.uniform(0.8, 1.15) + rng.normal(0, 10, 3), 0, 255)
    else:
        base = _far_colour(rng, surface, 80)
        r = rng.random()
        if r < 0.45:
            paint = np.ones((h, w, 3)) * base
        elif r < 0.65:
            other = _far_colour(rng, surface, 60)
            t = np.linspace(0, 1, h)[:, None, None] * np.ones((1, w, 1))
            paint = base * (1 - t) + other * t
        else:
            paint = _pattern(rng, h, w, base)
        solid = alpha > 0.5
        inside = _fill_holes(solid) & ~solid
        if inside.mean() > 0.05 * solid.mean() and rng.random() < 0.4:
            # An outline drawing, filled: the paint inside, a darker or contrasting line.
            line = np.clip(base * rng.uniform(0.2, 0.6), 0, 255) if rng.random() < 0.7 else _colour(rng)
            soft = np.asarray(Image.fromarray(np.uint8(inside * 255)).filter(ImageFilter.GaussianBlur(0.7)), float) / 255
            rgb = paint * (1 - alpha[..., None]) + line * alpha[..., None]
            alpha = np.clip(alpha + soft, 0, 1)
        else:
            rgb = paint
    if rng.random() < 0.6:  # fabric: soft folds and a little weave
        folds = 1 + rng.uniform(0.05, 0.18) * B.smooth_noise(rng, h, w, int(rng.integers(2, 6)))
        rgb = rgb * folds[..., None]
    return np.clip(rgb, 0, 255), alpha


def _surface(rng, h, w):
    kind = rng.choice(["plain", "gradient", "wood", "fabric", "stone", "tiles", "paper"],
                      p=[0.24, 0.16, 0.14, 0.18, 0.08, 0.1, 0.1])
    colour = tuple(_colour(rng)) if rng.random() < 0.5 else tuple(rng.uniform(180, 250, 3) if rng.random() < 0.6 else rng.uniform(20, 90, 3))
    if kind == "tiles":
        bg = B.make("plain", rng, h, w, colour)
        p = int(rng.integers(12, 40))
        off = int(rng.integers(0, p))
        grout = np.clip(np.asarray(colour) * rng.uniform(0.6, 0.9), 0, 255)
        yy, xx = np.mgrid[0:h, 0:w]
        line = (np.mod(yy + off, p) < 2) | (np.mod(xx + off, p) < 2)
        bg[line] = grout
        return bg, kind, colour
    if kind == "paper":
        bg = B.make("stone", rng, h, w, colour)
        return bg * 0.97 + 0.03 * 255, kind, colour
    col = None if kind == "wood" and rng.random() < 0.5 else colour
    bg = B.make(str(kind), rng, h, w, col)
    return bg, kind, (tuple(bg.reshape(-1, 3).mean(0)) if col is None else colour)


def _clutter(rng, bg, clutter_glyphs, keep_out):
    """Up to two small objects near the edges (a coin, a tag, a plant leaf...)."""
    H, W = bg.shape[:2]
    x0, y0, x1, y1 = keep_out
    for _ in range(int(rng.integers(1, 3))):
        g = clutter_glyphs[int(rng.integers(len(clutter_glyphs)))]
        s = int(min(H, W) * rng.uniform(0.06, 0.14))
        im = Image.fromarray(g).resize((s, s), Image.BILINEAR)
        a = np.asarray(im, float)[..., 3] / 255
        fg = np.ones((s, s, 3)) * _colour(rng)
        for _try in range(6):
            x, y = int(rng.integers(0, max(1, W - s))), int(rng.integers(0, max(1, H - s)))
            if x + s < x0 - 3 or x > x1 + 3 or y + s < y0 - 3 or y > y1 + 3:
                bg = B.composite(bg, fg, a, x, y)
                break
    return bg


def _perspective(im: Image.Image, rng, amount):
    w, h = im.size
    d = lambda: rng.uniform(-amount, amount)  # noqa: E731
    quad = [0 + d() * w, 0 + d() * h, 0 + d() * w, h + d() * h, w + d() * w, h + d() * h, w + d() * w, 0 + d() * h]
    return im.transform((w, h), Image.QUAD, quad, Image.BICUBIC)


def camera(out: np.ndarray, rng, light_p=0.4, light_max=0.35, blur_max=1.3) -> Image.Image:
    """What a phone camera adds to a float RGB scene: uneven light over the whole photo (with
    probability `light_p`, up to `light_max` darker on one side), blur, sensor noise, JPEG."""
    H, W = out.shape[:2]
    if rng.random() < light_p:
        yy, xx = np.mgrid[0:H, 0:W]
        ang = rng.uniform(0, 2 * math.pi)
        ramp = np.cos(ang) * xx / W + np.sin(ang) * yy / H
        ramp = (ramp - ramp.min()) / max(1e-9, np.ptp(ramp))
        out = out * (1 - rng.uniform(0.1, light_max) * ramp)[..., None]
    img = Image.fromarray(B.to_uint8(out))
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(float(rng.uniform(0.4, blur_max))))
    arr = np.asarray(img, float)
    if rng.random() < 0.4:
        arr = arr + rng.normal(0, rng.uniform(2, 9), arr.shape)
    img = Image.fromarray(B.to_uint8(arr))
    if rng.random() < 0.5:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(rng.integers(35, 92)))
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def scene(rgba: np.ndarray, colour_art: bool, seed: int, clutter_glyphs=None, derive_how=None, with_box=False, size=None, keep_art=False):
    """The photo-like scene of one drawing: uint8 (H, W, 3) (and the garment's box
    (x0, y0, x1, y1) in it when with_box)."""
    rng = np.random.default_rng(seed)
    if derive_how:
        rgba = derive(rgba, derive_how, rng)
    rgba = crop_alpha(rgba)
    H, W = int(rng.integers(96, 200)), int(rng.integers(96, 200))
    if size is not None:  # a bigger "photo" (e2e fixtures); the seed still draws the same sizes first
        H, W = size
    bg, kind, surface = _surface(rng, H, W)
    rgb, alpha = appearance(rgba, colour_art, rng, surface, keep_art)
    im = Image.fromarray(np.uint8(np.dstack([rgb, alpha * 255])), "RGBA")
    if rng.random() < 0.5:
        im = im.transpose(Image.FLIP_LEFT_RIGHT)
    aspect = rng.uniform(0.85, 1.18)
    im = im.resize((max(2, round(im.width * aspect)), im.height), Image.BICUBIC)
    pad = max(im.size) // 4
    canvas = Image.new("RGBA", (im.width + 2 * pad, im.height + 2 * pad), (0, 0, 0, 0))
    canvas.paste(im, (pad, pad))
    if rng.random() < 0.35:
        canvas = _perspective(canvas, rng, 0.06)
    angle = rng.normal(0, 10) if rng.random() < 0.8 else rng.uniform(-45, 45)
    canvas = canvas.rotate(float(angle), Image.BICUBIC, expand=True)
    box = canvas.getchannel("A").point(lambda a: 255 if a > 8 else 0).getbbox()
    if box is None:
        raise ValueError("drawing vanished")
    canvas = canvas.crop(box)
    size = min(H, W) * rng.uniform(0.4, 0.92)
    k = size / max(canvas.size)
    canvas = canvas.resize((max(2, round(canvas.width * k)), max(2, round(canvas.height * k))), Image.LANCZOS)
    arr = np.asarray(canvas, float)
    fg, a = arr[..., :3], arr[..., 3] / 255
    x = int(rng.integers(0, max(1, W - canvas.width + 1)))
    y = int(rng.integers(0, max(1, H - canvas.height + 1)))
    if clutter_glyphs and rng.random() < 0.2:
        bg = _clutter(rng, bg, clutter_glyphs, (x, y, x + canvas.width, y + canvas.height))
    shadow = float(rng.uniform(0.15, 0.45)) if rng.random() < 0.45 else 0.0
    out = B.composite(bg, fg, a, x, y, shadow)
    img = camera(out, rng)
    return (np.asarray(img), (x, y, x + canvas.width, y + canvas.height)) if with_box else np.asarray(img)


def box_iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0
