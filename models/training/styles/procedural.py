"""Garment silhouettes drawn by code for the kinds the icon sets hardly have.

Scarves, belts, skirts, shorts and socks number 13-23 drawings across 5-11 icon
families (styles/README.md), too few to learn the kind rather than the drawings. These
shapes are parametric (proportions, curvature, fringe, pleats, buckles, pairs), so each
sample is a new drawing; render.py then paints and photographs them like any glyph.
Output: uint8 RGBA (black, the shape in alpha), about 160 px on the longer side.
Our own work (CC0); listed as the "procedural" style in the data manifest.
"""
import math

import numpy as np
from PIL import Image, ImageDraw

KINDS = ("scarf", "belt", "skirt", "shorts", "socks")
S = 4  # supersampling


def _canvas(w, h):
    im = Image.new("L", (int(w * S), int(h * S)), 0)
    return im, ImageDraw.Draw(im)


def _finish(im):
    a = im.resize((max(2, im.width // S), max(2, im.height // S)), Image.LANCZOS)
    arr = np.zeros((a.height, a.width, 4), np.uint8)
    arr[..., 3] = np.asarray(a)
    return arr


def _bezier(p, n=60):
    p = np.asarray(p, float)
    t = np.linspace(0, 1, n)[:, None]
    if len(p) == 3:
        return (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * p[1] + t ** 2 * p[2]
    return (1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t ** 2 * p[2] + t ** 3 * p[3]


def _band(d, pts, width):
    """A thick curve: a polygon offset both sides of the polyline."""
    pts = np.asarray(pts, float)
    tang = np.gradient(pts, axis=0)
    tang /= np.linalg.norm(tang, axis=1, keepdims=True) + 1e-9
    nrm = np.stack([-tang[:, 1], tang[:, 0]], 1)
    w = np.asarray(width, float).reshape(-1, 1) if np.ndim(width) else width
    left, right = pts + nrm * w / 2, pts - nrm * w / 2
    poly = np.concatenate([left, right[::-1]]) * S
    d.polygon([tuple(p) for p in poly], fill=255)
    return pts, nrm


def _fringe(d, end, nrm, tang, width, length, rng):
    n = int(rng.integers(5, 11))
    for i in range(n):
        o = (i / (n - 1) - 0.5) * width * 0.9
        a = end + nrm * o
        b = a + tang * length
        d.line([tuple(a * S), tuple(b * S)], fill=255, width=max(1, int(S * rng.uniform(1.2, 2.2))))


def scarf(rng):
    style = rng.choice(["straight", "draped", "wrapped"])
    im, d = _canvas(160, 160)
    w = rng.uniform(18, 32)
    if style == "straight":
        ang = rng.uniform(-0.5, 0.5) + math.pi / 2
        c = np.array([80, 80])
        L = rng.uniform(110, 140)
        t = np.array([math.cos(ang), math.sin(ang)])
        pts = np.linspace(c - t * L / 2, c + t * L / 2, 30)
    elif style == "draped":
        pts = _bezier([[rng.uniform(20, 60), 10], [rng.uniform(100, 150), rng.uniform(40, 70)],
                       [rng.uniform(10, 60), rng.uniform(90, 120)], [rng.uniform(80, 140), 150]])
    else:  # a loop around a (missing) neck with two tails hanging down
        cx, cy, rx, ry = 80, 45, rng.uniform(28, 40), rng.uniform(14, 22)
        th = np.linspace(0, 2 * math.pi, 60)
        ring = np.stack([cx + rx * np.cos(th), cy + ry * np.sin(th)], 1)
        _band(d, ring, w * 0.8)
        x0 = cx + rng.uniform(-15, 5)
        pts = _bezier([[x0, cy + ry], [x0 - rng.uniform(0, 15), 90], [x0 + rng.uniform(-5, 15), 150]])
        p2 = _bezier([[x0 + w * 0.9, cy + ry], [x0 + w * 1.2, 80], [x0 + w * rng.uniform(0.6, 1.6), rng.uniform(115, 140)]])
        _band(d, p2, w * 0.9)
        _fringe(d, p2[-1], np.array([1.0, 0]), np.array([0, 1.0]), w * 0.9, rng.uniform(6, 12), rng)
    pts, nrm = _band(d, pts, w)
    if rng.random() < 0.75:
        tang = pts[-1] - pts[-2]
        tang /= np.linalg.norm(tang)
        _fringe(d, pts[-1], nrm[-1], tang, w, rng.uniform(6, 14), rng)
        if style != "wrapped":
            tang0 = pts[0] - pts[1]
            tang0 /= np.linalg.norm(tang0)
            _fringe(d, pts[0], nrm[0], tang0, w, rng.uniform(6, 14), rng)
    return _finish(im)


def belt(rng):
    L, w = rng.uniform(140, 158), rng.uniform(10, 18)
    im, d = _canvas(160, 60 if rng.random() < 0.7 else 110)
    if im.height == 60 * S:
        cy = 30
        pts = np.linspace([L * 0.0 + 6, cy], [L, cy], 40)
    else:
        pts = _bezier([[8, 20], [rng.uniform(60, 150), rng.uniform(-10, 30)], [rng.uniform(120, 155), 95]])
    pts, nrm = _band(d, pts, w)
    tip = pts[-1] + (pts[-1] - pts[-2]) / np.linalg.norm(pts[-1] - pts[-2]) * w * 0.6
    d.polygon([tuple((pts[-1] + nrm[-1] * w / 2) * S), tuple(tip * S), tuple((pts[-1] - nrm[-1] * w / 2) * S)], fill=255)
    # buckle: a frame at the start, wider than the strap
    b = pts[0]
    bw, bh = w * rng.uniform(1.0, 1.6), w * rng.uniform(1.4, 2.0)
    t = max(1.5, w * 0.22)
    d.rectangle([(b[0] - bw / 2) * S, (b[1] - bh / 2) * S, (b[0] + bw / 2) * S, (b[1] + bh / 2) * S], fill=255)
    d.rectangle([(b[0] - bw / 2 + t) * S, (b[1] - bh / 2 + t) * S, (b[0] + bw / 2 - t) * S, (b[1] + bh / 2 - t) * S], fill=0)
    d.line([tuple((b + np.array([0, -bh / 2 + t])) * S), tuple((b + np.array([bw / 2 + w * 0.8, 0])) * S)], fill=255, width=int(S * 1.5))
    for i in range(int(rng.integers(3, 7))):  # holes
        p = pts[int(len(pts) * (0.7 + 0.04 * i)) % len(pts)]
        r = w * 0.14
        d.ellipse([(p[0] - r) * S, (p[1] - r) * S, (p[0] + r) * S, (p[1] + r) * S], fill=0)
    return _finish(im)


def skirt(rng):
    style = rng.choice(["a-line", "pencil", "flared", "pleated"])
    h = rng.uniform(90, 150)
    top = rng.uniform(50, 75)
    bottom = {"a-line": rng.uniform(1.4, 1.9), "pencil": rng.uniform(1.0, 1.2),
              "flared": rng.uniform(2.0, 2.6), "pleated": rng.uniform(1.5, 2.0)}[style] * top
    W = max(top, bottom) + 10
    im, d = _canvas(W, h + 10)
    cx = W / 2
    band = rng.uniform(6, 12)
    d.rectangle([(cx - top / 2) * S, 4 * S, (cx + top / 2) * S, (4 + band) * S], fill=255)
    hem_y = 4 + h
    if style == "flared":
        xs = np.linspace(cx - bottom / 2, cx + bottom / 2, 40)
        hem = [(x, hem_y + 5 * math.sin((x - xs[0]) / bottom * math.pi * rng.integers(3, 7))) for x in xs]
    else:
        sag = rng.uniform(0, 8)
        hem = [(cx - bottom / 2, hem_y - sag), (cx, hem_y), (cx + bottom / 2, hem_y - sag)]
    poly = [(cx - top / 2, 4 + band + 1), (cx + top / 2, 4 + band + 1)] + hem[::-1]
    d.polygon([(x * S, y * S) for x, y in poly], fill=255)
    if style == "pleated" or rng.random() < 0.3:
        n = int(rng.integers(4, 9))
        for i in range(1, n):
            f = i / n
            a = (cx - top / 2 + f * top, 6 + band)
            b = (cx - bottom / 2 + f * bottom, hem_y - 2)
            d.line([(a[0] * S, a[1] * S), (b[0] * S, b[1] * S)], fill=0, width=int(S * rng.uniform(0.8, 1.6)))
    return _finish(im)


def shorts(rng):
    W = rng.uniform(90, 130)
    leg = rng.uniform(0.45, 0.75) * W
    rise = rng.uniform(0.25, 0.4) * W
    flare = rng.uniform(0, 0.12) * W
    band = rng.uniform(6, 12)
    im, d = _canvas(W + 2 * flare + 10, band + rise + leg + 10)
    x0 = 5 + flare
    crotch_w = rng.uniform(0.04, 0.16) * W
    poly = [(x0, 4), (x0 + W, 4), (x0 + W + flare, 4 + band + rise + leg), (x0 + W / 2 + crotch_w, 4 + band + rise + leg * rng.uniform(0.85, 1.0)),
            (x0 + W / 2, 4 + band + rise), (x0 + W / 2 - crotch_w, 4 + band + rise + leg * rng.uniform(0.85, 1.0)), (x0 - flare, 4 + band + rise + leg)]
    d.polygon([(x * S, y * S) for x, y in poly], fill=255)
    d.line([(x0 * S, (4 + band) * S), ((x0 + W) * S, (4 + band) * S)], fill=0, width=int(S * 1.2))
    if rng.random() < 0.5:  # fly and pockets
        d.line([((x0 + W / 2) * S, (4 + band) * S), ((x0 + W / 2) * S, (4 + band + rise * 0.8) * S)], fill=0, width=int(S))
    return _finish(im)


def socks(rng):
    im, d = _canvas(160, 160)
    pair = rng.random() < 0.6
    for k in range(2 if pair else 1):
        w = rng.uniform(22, 32)
        ox = 30 + k * rng.uniform(22, 40)
        oy = 10 + k * rng.uniform(0, 15)
        shaft = rng.uniform(60, 90)
        foot = rng.uniform(40, 60)
        heel = np.array([ox + w / 2, oy + shaft])
        pts = np.concatenate([np.linspace([ox + w / 2, oy], heel, 12),
                              _bezier([heel, heel + [w * 0.2, w * 0.5], heel + [foot * 0.5, w * 0.45]], 10)[1:],
                              np.linspace(heel + [foot * 0.5, w * 0.45], heel + [foot, w * 0.45], 8)[1:]])
        _band(d, pts, w)
        toe = pts[-1]
        d.ellipse([(toe[0] - w / 2) * S, (toe[1] - w / 2) * S, (toe[0] + w / 2) * S, (toe[1] + w / 2) * S], fill=255)
        if rng.random() < 0.6:  # cuff line
            d.line([((ox + 1) * S, (oy + 8) * S), ((ox + w - 1) * S, (oy + 8) * S)], fill=0, width=int(S * 1.3))
    return _finish(im)


def draw(kind: str, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return {"scarf": scarf, "belt": belt, "skirt": skirt, "shorts": shorts, "socks": socks}[kind](rng)
