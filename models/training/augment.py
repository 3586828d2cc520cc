"""Batch-vectorised training augmentation.

Besides the usual Fashion-MNIST recipe (shift, flip, random erasing) it covers the
gap the preprocessing contract leaves between a phone photo and a dataset image:
garment scale and position in the frame, contrast/gamma of the garment, blur, and
line thickness (dilation/erosion). Everything is drawn from an explicit generator
so a resumed run repeats the same epochs.

Two strengths: FULL for the main schedule and FINISH for the last epochs (as YOLOX
turns its strong augmentation off at the end), so the net settles on images close
to the real distribution while still seeing some photo-like ones.
"""
import math

import torch
import torch.nn.functional as F


def _u(g, n, lo, hi):
    return torch.rand(n, generator=g) * (hi - lo) + lo


def _coin(g, n, p):
    return torch.rand(n, generator=g) < p


FULL = {"photo": 0.5, "tone": 0.3, "blur": 0.15, "thick": 0.08, "noise": 0.1, "erase": 0.5}
FINISH = {"photo": 0.2, "tone": 0.1, "blur": 0.05, "thick": 0.03, "noise": 0.03, "erase": 0.3}


def geometric(x, g, s=FULL):
    b = x.shape[0]
    # s["photo"]: photo-like affine (scale, aspect, small rotation, shift); else plain +/-2 px crop.
    photo = _coin(g, b, s["photo"])
    scale = torch.where(photo, _u(g, b, 0.78, 1.08), torch.ones(b))
    aspect = torch.where(photo, _u(g, b, 0.9, 1.1), torch.ones(b))
    rot = torch.where(photo, _u(g, b, -8, 8) * math.pi / 180, torch.zeros(b))
    shift_px = torch.randint(-2, 3, (b, 2), generator=g).float()
    shift_px = torch.where(photo[:, None], _u(g, 2 * b, -3, 3).view(b, 2), shift_px)
    flip = torch.where(_coin(g, b, 0.5), -1.0, 1.0)
    cos, sin = torch.cos(rot), torch.sin(rot)
    sx, sy = 1 / (scale * aspect), 1 / (scale / aspect)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = cos * sx * flip
    theta[:, 0, 1] = -sin * sx
    theta[:, 1, 0] = sin * sy * flip
    theta[:, 1, 1] = cos * sy
    theta[:, :, 2] = -shift_px * 2 / 28
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


_BLUR = torch.tensor([0.25, 0.5, 0.25])
_BLUR_K = (_BLUR[:, None] * _BLUR[None, :]).view(1, 1, 3, 3)


def photometric(x, g, s=FULL):
    b = x.shape[0]
    sel = _coin(g, b, s["tone"]).view(b, 1, 1, 1)
    gamma = _u(g, b, 0.6, 1.6).view(b, 1, 1, 1)
    gain = _u(g, b, 0.7, 1.25).view(b, 1, 1, 1)
    y = (x.clamp(0, 1) ** gamma * gain).clamp(0, 1)
    x = torch.where(sel, y, x)
    blur = _coin(g, b, s["blur"]).view(b, 1, 1, 1)
    x = torch.where(blur, F.conv2d(x, _BLUR_K, padding=1), x)
    r = torch.rand(b, generator=g).view(b, 1, 1, 1)
    dil = F.max_pool2d(x, 3, 1, 1)
    ero = -F.max_pool2d(-x, 3, 1, 1)
    x = torch.where(r < s["thick"], 0.5 * (x + dil), torch.where(r > 1 - s["thick"], 0.5 * (x + ero), x))
    noise = _coin(g, b, s["noise"]).view(b, 1, 1, 1)
    x = torch.where(noise, (x + 0.03 * torch.randn(x.shape, generator=g)).clamp(0, 1), x)
    return x


def random_erasing(x, g, p=0.5):
    b, _, h, w = x.shape
    area = _u(g, b, 0.02, 0.25) * h * w
    ratio = torch.exp(_u(g, b, math.log(0.3), math.log(3.3)))
    eh = torch.sqrt(area * ratio).clamp(1, h)
    ew = torch.sqrt(area / ratio).clamp(1, w)
    y0 = torch.rand(b, generator=g) * (h - eh)
    x0 = torch.rand(b, generator=g) * (w - ew)
    ys = torch.arange(h).view(1, h, 1).float()
    xs = torch.arange(w).view(1, 1, w).float()
    m = ((ys >= y0.view(b, 1, 1)) & (ys < (y0 + eh).view(b, 1, 1)) &
         (xs >= x0.view(b, 1, 1)) & (xs < (x0 + ew).view(b, 1, 1)))
    m = m & _coin(g, b, p).view(b, 1, 1)
    fill = torch.rand(x.shape, generator=g)
    return torch.where(m.unsqueeze(1), fill, x)


def augment(x, g, s=FULL):
    return random_erasing(photometric(geometric(x, g, s), g, s), g, s["erase"])
