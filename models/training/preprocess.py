"""Preprocessing contract v1: one photo of one garment -> a Fashion-MNIST-like 28x28.

Mirrors src/domain/vision/preprocess.ts step for step (models/PREPROCESSING.md is the
prose version). Fashion-MNIST itself was made by trimming the product photo's edges
that are close to the background colour, resizing the longest edge to 28, centring
on a 28x28 canvas and negating, so the garment is light on black. Here "negated grey"
becomes "colour distance from the background", which also works for light garments on
dark backgrounds.

Parity with the TypeScript side is bit-for-bit by construction, not by luck:
- the first downscale works on integers (overlaps are integer lengths in scaled
  units) and divides once at the end, so every working pixel is the same double;
- every float step that feeds a decision (distance, Otsu, mask) is the same IEEE
  operation in the same order on both sides (sequential cumsum, no pairwise sums,
  no BLAS, no fused multiply-add);
- the final resize uses the same prefix-sum formula as the TS code.
numpy only.
"""
from dataclasses import dataclass, field
from typing import Optional, Tuple

import numpy as np

CONTRACT_VERSION = 1
OUT_SIZE = 28
WORK_MAX_SIDE = 128     # longest side after the first area-average downscale
MIN_SIDE = 8            # smaller inputs are refused ("image-too-small")
BORDER = 2              # width of the frame whose median is the background colour
THRESHOLD_FLOOR = 0.08  # floor of the seed threshold (Otsu): ignores paper/sensor noise
LOW_FLOOR = 0.04        # floor of the extent threshold
NOISE_K = 1.0           # extent threshold = NOISE_K x the background's own 99th-percentile distance
NOISE_PERMILLE = 990
LIGHT_GAIN = 0.7        # a lighting ramp is used if it cuts the frame's 90th-percentile distance by 30 %
MIN_GARMENT_SHARE = 0.004  # largest component below this share of the frame = nothing
MERGE_SHARE = 0.1       # other components >= this share of the largest, near its box, are kept
MERGE_GAP_PERMILLE = 50  # "near": within 5 % of the box's longer side (a dress's straps, a sandal's sole)
STRETCH_PERMILLE = 980  # the 98th percentile of garment values maps to 1.0
_DIST_SCALE = 255.0 * np.sqrt(3.0)


class NoGarmentFound(ValueError):
    """The image holds nothing that stands out from its background."""


@dataclass
class Preprocessed:
    found: bool
    reason: Optional[str]  # "no-garment" | "image-too-small" when not found
    tensor: np.ndarray     # (28, 28) float32 in [0, 1]; zeros when not found
    mask: np.ndarray       # (work_h, work_w) bool: garment pixels at working size (holes are not garment)
    bbox: Tuple[int, int, int, int]       # x, y, width, height in input pixels
    work_bbox: Tuple[int, int, int, int]  # the same box at working size
    work_size: Tuple[int, int]            # (work_w, work_h)
    background: Tuple[float, float, float] = (0.0, 0.0, 0.0)
    threshold: float = 0.0
    uneven_light: bool = False  # a lighting ramp was taken out of the background
    contract_version: int = field(default=CONTRACT_VERSION)


def _scaled_len(n: int, longest: int, target: int) -> int:
    # round(n * target / longest) with halves up, in integers so both languages agree.
    return max(1, (2 * n * target + longest) // (2 * longest))


def _axis_area_sums(x: np.ndarray, n: int, axis: int) -> np.ndarray:
    """Area-average numerators along one axis: out[i] = sum_k overlap(i, k) * x[k].

    Output cell i spans [i*N, (i+1)*N) and input cell k spans [k*n, (k+1)*n) in
    scaled units, so overlaps are integers and the weights of a cell add up to N.
    Computed as differences of an integral image (sequential cumsum).
    """
    x = np.moveaxis(x, axis, 0)
    big_n = x.shape[0]
    zero = np.zeros_like(x[:1])
    c = np.concatenate([zero, np.cumsum(x, axis=0)])
    xp = np.concatenate([x, zero])
    t = np.arange(n + 1, dtype=np.int64) * big_n
    q, r = t // n, t % n
    r = r.reshape((n + 1,) + (1,) * (x.ndim - 1)).astype(x.dtype)
    s = c[q] * n + xp[q] * r
    return np.moveaxis(s[1:] - s[:-1], 0, axis)


def area_resize(img: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Box-filter resize (exact area average) of an (H, W[, C]) array, float64 result.

    Integer input gives exactly-rounded results; float input follows the same
    operation order as the TypeScript resize.
    """
    h, w = img.shape[:2]
    work = img.astype(np.int64) if img.dtype.kind in "ui" else img.astype(np.float64)
    # Row blocks keep the integral image of a 12-megapixel photo out of memory.
    parts = [_axis_area_sums(work[r:r + 512], out_w, 1) for r in range(0, h, 512)]
    num = _axis_area_sums(np.concatenate(parts, axis=0), out_h, 0)
    return num.astype(np.float64) / float(w * h)


def _to_rgb(img: np.ndarray) -> np.ndarray:
    if img.ndim != 3 or img.shape[2] not in (3, 4) or img.dtype != np.uint8:
        raise TypeError(f"expected uint8 array (H, W, 3|4), got {img.dtype} {img.shape}")
    if img.shape[2] == 3:
        return img
    # Transparent pixels (clip art, cut-outs) are composited over white, in integers.
    a = img[..., 3:4].astype(np.int64)
    c = img[..., :3].astype(np.int64)
    return ((c * a + 255 * (255 - a) + 127) // 255).astype(np.uint8)


def _median(v: np.ndarray) -> float:
    s = np.sort(v)
    m = len(s) // 2
    return float(s[m]) if len(s) % 2 else (float(s[m - 1]) + float(s[m])) / 2.0


def _otsu_threshold(dist: np.ndarray) -> Optional[float]:
    bins = np.minimum(255, np.floor(dist * 256.0).astype(np.int64)).ravel()
    hist = np.bincount(bins, minlength=256).astype(np.int64)
    total = int(hist.sum())
    sum_all = int((hist * np.arange(256)).sum())
    w_b = np.cumsum(hist)
    s_b = np.cumsum(hist * np.arange(256))
    w_f = total - w_b
    ok = (w_b > 0) & (w_f > 0)
    if not ok.any():
        return None
    wb, wf = w_b.astype(np.float64), w_f.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        m_b = s_b / wb
        m_f = (sum_all - s_b) / wf
        var = wb * wf * (m_b - m_f) * (m_b - m_f)
    var = np.where(ok, var, -1.0)
    return (int(np.argmax(var)) + 1) / 256.0  # upper edge of the last background bin


def _components(mask: np.ndarray) -> Tuple[np.ndarray, list]:
    """8-connected labels in raster order of first pixel; returns labels and sizes."""
    h, w = mask.shape
    flat = mask.ravel()
    labels = np.zeros(h * w, dtype=np.int32)
    sizes = [0]
    for start in np.flatnonzero(flat):
        if labels[start]:
            continue
        lab = len(sizes)
        labels[start] = lab
        stack, count = [int(start)], 0
        while stack:
            p = stack.pop()
            count += 1
            y, x = divmod(p, w)
            for dy in (-1, 0, 1):
                yy = y + dy
                if yy < 0 or yy >= h:
                    continue
                for dx in (-1, 0, 1):
                    xx = x + dx
                    if 0 <= xx < w:
                        q = yy * w + xx
                        if flat[q] and not labels[q]:
                            labels[q] = lab
                            stack.append(q)
        sizes.append(count)
    return labels.reshape(h, w), sizes


def _bbox(mask: np.ndarray) -> Tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _fill_holes(mask: np.ndarray) -> np.ndarray:
    """Background = the 4-connected part of ~mask that touches the frame."""
    h, w = mask.shape
    outside = np.zeros_like(mask)
    stack = [(y, x) for y in range(h) for x in (0, w - 1)] + [(y, x) for x in range(w) for y in (0, h - 1)]
    while stack:
        y, x = stack.pop()
        if mask[y, x] or outside[y, x]:
            continue
        outside[y, x] = True
        for yy, xx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
            if 0 <= yy < h and 0 <= xx < w and not mask[yy, xx] and not outside[yy, xx]:
                stack.append((yy, xx))
    return ~outside


def _dilate(mask: np.ndarray) -> np.ndarray:
    p = np.pad(mask, 1)
    out = np.zeros_like(mask)
    h, w = mask.shape
    for dy in range(3):
        for dx in range(3):
            out |= p[dy:dy + h, dx:dx + w]
    return out


def _distance(work, c, gx, gy):
    ys, xs = np.mgrid[0:work.shape[0], 0:work.shape[1]].astype(np.float64)
    cx, cy = (work.shape[1] - 1) / 2.0, (work.shape[0] - 1) / 2.0
    dr, dg, db = (work[..., ch] - (c[ch] + gx[ch] * (xs - cx) + gy[ch] * (ys - cy)) for ch in range(3))
    return np.sqrt(dr * dr + dg * dg + db * db) / _DIST_SCALE


def _quantile(v: np.ndarray, permille: int) -> float:
    s = np.sort(v)
    return float(s[(permille * (len(s) - 1)) // 1000])


def _background_distance(work, frame):
    """Background colour (median of the frame) and every pixel's distance from it.

    Uneven light (a window on one side) is a linear ramp across the frame: estimated
    from the medians of opposite sides, and used only when it explains the frame
    clearly better than one flat colour (a garment lying across one side cannot
    tilt the background on its own).
    """
    wh, ww = frame.shape
    c = [_median(work[..., ch][frame]) for ch in range(3)]
    zero = [0.0, 0.0, 0.0]
    flat = _distance(work, c, zero, zero)
    b = BORDER
    gx = [(_median(work[:, ww - b:, ch].ravel()) - _median(work[:, :b, ch].ravel())) / (ww - b) for ch in range(3)]
    gy = [(_median(work[wh - b:, :, ch].ravel()) - _median(work[:b, :, ch].ravel())) / (wh - b) for ch in range(3)]
    ramp = _distance(work, c, gx, gy)
    if _quantile(ramp[frame], 900) < LIGHT_GAIN * _quantile(flat[frame], 900):
        return tuple(c), ramp, True
    return tuple(c), flat, False


def _not_found(reason: str, work_w: int, work_h: int) -> Preprocessed:
    return Preprocessed(False, reason, np.zeros((OUT_SIZE, OUT_SIZE), np.float32),
                        np.zeros((work_h, work_w), bool), (0, 0, 0, 0), (0, 0, 0, 0), (work_w, work_h))


def analyse(image: np.ndarray) -> Preprocessed:
    """The whole contract, with the intermediate results the app reuses (mask, box)."""
    rgb = _to_rgb(image)
    big_h, big_w = rgb.shape[:2]
    if min(big_h, big_w) < MIN_SIDE:
        return _not_found("image-too-small", 0, 0)
    longest = max(big_h, big_w)
    if longest > WORK_MAX_SIDE:
        ww, wh = _scaled_len(big_w, longest, WORK_MAX_SIDE), _scaled_len(big_h, longest, WORK_MAX_SIDE)
    else:
        ww, wh = big_w, big_h
    work = area_resize(rgb, wh, ww)

    frame = np.ones((wh, ww), bool)
    frame[BORDER:wh - BORDER, BORDER:ww - BORDER] = False
    bg, dist, lit = _background_distance(work, frame)

    otsu = _otsu_threshold(dist)
    seed = THRESHOLD_FLOOR if otsu is None else max(THRESHOLD_FLOOR, otsu)
    frame_d = np.sort(dist[frame])
    noise = frame_d[(NOISE_PERMILLE * (len(frame_d) - 1)) // 1000]
    threshold = min(seed, max(LOW_FLOOR, NOISE_K * noise))
    labels, sizes = _components(dist > threshold)
    # Hysteresis: a component counts only if it holds a pixel above the seed threshold.
    seeded = np.zeros(len(sizes), bool)
    seeded[np.unique(labels[dist > seed])] = True
    sizes = [s if seeded[i] and i else 0 for i, s in enumerate(sizes)]
    if len(sizes) == 1:
        return _not_found("no-garment", ww, wh)
    largest = int(np.argmax(sizes[1:])) + 1
    if sizes[largest] < MIN_GARMENT_SHARE * ww * wh:
        return _not_found("no-garment", ww, wh)
    lx0, ly0, lx1, ly1 = _bbox(labels == largest)
    gap = max(1, (MERGE_GAP_PERMILLE * max(lx1 - lx0, ly1 - ly0)) // 1000)
    lx0, ly0, lx1, ly1 = lx0 - gap, ly0 - gap, lx1 + gap, ly1 + gap
    keep = np.zeros(len(sizes), bool)
    keep[largest] = True
    for lab in range(1, len(sizes)):
        if lab != largest and sizes[lab] >= MERGE_SHARE * sizes[largest]:
            x0, y0, x1, y1 = _bbox(labels == lab)
            keep[lab] = x0 <= lx1 and lx0 <= x1 and y0 <= ly1 and ly0 <= y1  # touching counts
    core = keep[labels]
    filled = _fill_holes(core)
    x0, y0, x1, y1 = _bbox(core)

    # Garment value = distance from the background; soft anti-aliased edges (>= t/2)
    # next to the garment are kept, clutter elsewhere in the box is not.
    region = _dilate(filled) & (dist >= threshold / 2.0)
    value = np.where(region, dist, 0.0)[y0:y1, x0:x1]
    fg = np.sort(value[value > 0])
    ref = fg[(STRETCH_PERMILLE * (len(fg) - 1)) // 1000]
    value = np.minimum(1.0, value / ref)

    ch, cw = value.shape
    if cw >= ch:
        ow, oh = OUT_SIZE, _scaled_len(ch, cw, OUT_SIZE)
    else:
        oh, ow = OUT_SIZE, _scaled_len(cw, ch, OUT_SIZE)
    small = area_resize(value, oh, ow)
    out = np.zeros((OUT_SIZE, OUT_SIZE), np.float64)
    oy, ox = (OUT_SIZE - oh) // 2, (OUT_SIZE - ow) // 2
    out[oy:oy + oh, ox:ox + ow] = small

    bx0, by0 = (x0 * big_w) // ww, (y0 * big_h) // wh
    bx1, by1 = -((-x1 * big_w) // ww), -((-y1 * big_h) // wh)
    return Preprocessed(True, None, out.astype(np.float32), core, (bx0, by0, bx1 - bx0, by1 - by0),
                        (x0, y0, x1 - x0, y1 - y0), (ww, wh), bg, float(threshold), bool(lit))


def preprocess(rgb: np.ndarray) -> np.ndarray:
    """uint8 (H, W, 3|4) photo -> (28, 28) float32 in [0, 1]; raises NoGarmentFound."""
    r = analyse(rgb)
    if not r.found:
        raise NoGarmentFound(r.reason)
    return r.tensor
