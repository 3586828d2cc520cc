"""Procedural, photo-like backgrounds and compositing for the contract and OOD sets.

Real garment photos lie on tables, beds and floors under uneven light. These
generators make deterministic stand-ins (seeded numpy generator in, uint8 RGB out):
plain paper with sensor noise, a lighting gradient, wood grain, woven fabric with
folds, and mottled stone. Used by models/training/contract_data.py and styles/render.py.
"""
import numpy as np
from PIL import Image, ImageFilter


def smooth_noise(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Low-frequency noise in [-1, 1]: a coarse random grid upscaled bicubically."""
    coarse = rng.uniform(-1, 1, (cells + 1, cells + 1)).astype(np.float32)
    img = Image.fromarray(coarse, mode="F").resize((w, h), Image.BICUBIC)
    return np.clip(np.asarray(img, dtype=np.float64), -1, 1)


NOISE_SCALE = 1.0  # sensor noise multiplier, set per call by make()


def _finish(rng, rgb: np.ndarray, noise: float) -> np.ndarray:
    rgb = rgb + rng.normal(0, noise * NOISE_SCALE, rgb.shape)
    return np.clip(rgb, 0, 255)


def plain(rng, h, w, colour):
    return _finish(rng, np.ones((h, w, 3)) * np.asarray(colour, float), rng.uniform(0.5, 3))


def gradient(rng, h, w, colour):
    """Window light from one side: brightness falls off by 10-25 % across the frame."""
    ang = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w]
    ramp = (np.cos(ang) * xx / w + np.sin(ang) * yy / h)
    ramp = (ramp - ramp.min()) / max(1e-9, np.ptp(ramp))
    light = 1.0 - rng.uniform(0.1, 0.25) * ramp
    return _finish(rng, np.asarray(colour, float) * light[..., None], 2)


def wood(rng, h, w, colour=None):
    base = np.asarray(colour if colour is not None else
                      [rng.uniform(120, 200), rng.uniform(80, 140), rng.uniform(40, 90)], float)
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    if rng.random() < 0.5:  # planks run across or along the frame
        yy = xx
    warp = smooth_noise(rng, h, w, 3) * rng.uniform(4, 10)
    freq = rng.uniform(0.25, 0.6)
    grain = np.sin((yy + warp) * freq) * 0.5 + 0.5
    fine = smooth_noise(rng, h, w, 24) * 0.04
    shade = 1.0 - 0.12 * grain + fine
    return _finish(rng, base * shade[..., None], 2)


def fabric(rng, h, w, colour):
    """Bed sheet / blanket: fine weave plus a few soft folds."""
    yy, xx = np.mgrid[0:h, 0:w].astype(float)
    p = rng.uniform(2.5, 4.5)
    weave = 0.035 * np.sin(2 * np.pi * xx / p) * np.sin(2 * np.pi * yy / p)
    folds = 0.10 * smooth_noise(rng, h, w, 4)
    return _finish(rng, np.asarray(colour, float) * (1 + weave + folds)[..., None], 2.5)


def stone(rng, h, w, colour):
    mottle = 0.07 * smooth_noise(rng, h, w, 8) + 0.04 * smooth_noise(rng, h, w, 20)
    return _finish(rng, np.asarray(colour, float) * (1 + mottle)[..., None], 3)


KINDS = ("plain", "gradient", "wood", "fabric", "stone")


def make(kind: str, rng, h: int, w: int, colour, noise_scale: float = 1.0) -> np.ndarray:
    """A background of `kind`; noise_scale < 1 keeps PNGs small (the OOD set uses 0.5)."""
    global NOISE_SCALE
    NOISE_SCALE = noise_scale
    try:
        return {"plain": plain, "gradient": gradient, "wood": wood,
                "fabric": fabric, "stone": stone}[kind](rng, h, w, colour)
    finally:
        NOISE_SCALE = 1.0


def composite(bg: np.ndarray, fg_rgb: np.ndarray, alpha: np.ndarray, x: int, y: int,
              shadow: float = 0.0) -> np.ndarray:
    """Alpha-blend fg (float RGB, alpha in [0, 1]) onto bg at (x, y), clipped to the frame.

    An optional soft drop shadow (opacity `shadow`) darkens the background first,
    as a garment lying on a surface casts one.
    """
    out = bg.astype(float).copy()
    h, w = alpha.shape
    if shadow > 0:
        sh = Image.fromarray((alpha * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(max(1, w // 30)))
        _blend(out, np.zeros_like(fg_rgb), np.asarray(sh, float) / 255 * shadow, x + max(1, w // 40), y + max(1, h // 30))
    _blend(out, fg_rgb, alpha, x, y)
    return out


def _blend(out, fg, alpha, x, y):
    H, W = out.shape[:2]
    h, w = alpha.shape
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x0 >= x1 or y0 >= y1:
        return
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x, None]
    out[y0:y1, x0:x1] = out[y0:y1, x0:x1] * (1 - a) + fg[y0 - y:y1 - y, x0 - x:x1 - x] * a


def to_uint8(rgb: np.ndarray) -> np.ndarray:
    return np.clip(np.round(rgb), 0, 255).astype(np.uint8)
