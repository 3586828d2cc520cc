"""The garment detector: a small anchor-free one-stage detector with a prototype mask head
(YOLOv8-seg style), sized for a phone's WASM worker (models/DETECTION.md).

Backbone: Conv-BN-SiLU + C2f (models/training/nets.py blocks) down to stride 32, SPPF;
neck: a light PAN (top-down then bottom-up) giving 3 levels at strides 8/16/32; heads:
decoupled per level (score / ltrb distances / 16 mask coefficients), plain regression of
the box sides (softplus, in units of the level's stride) trained with GIoU + L1; prototypes:
16 maps at stride 4 (64 x 64) from the stride-8 level.
`forward` returns the decoded training tensors; `DetectorExport` is what the app runs:
exactly the contract's outputs (boxes, scores, coeffs, protos), decoded in the graph.
"""
import sys
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nets import C2f, Conv, count_params  # noqa: E402

SIZE = 256
STRIDES = (8, 16, 32)
N_PROTO = 16
DEFAULT_ARCH = {"widths": [16, 32, 64, 96, 160], "depths": [1, 2, 2, 1], "neck": [64, 80, 128], "head": 48, "proto": 32}


class SPPF(nn.Module):
    """Spatial pyramid pooling, fast (YOLOv5/v8): three chained 5x5 max-pools."""

    def __init__(self, c1, c2, k=5):
        super().__init__()
        c = c1 // 2
        self.cv1, self.cv2 = Conv(c1, c, 1), Conv(c * 4, c2, 1)
        self.m = nn.MaxPool2d(k, 1, k // 2)

    def forward(self, x):
        y = [self.cv1(x)]
        for _ in range(3):
            y.append(self.m(y[-1]))
        return self.cv2(torch.cat(y, 1))


def anchor_points(size=SIZE, strides=STRIDES):
    """Cell centres [A, 2] (x, y in input pixels) and each cell's stride [A], in contract order."""
    pts, st = [], []
    for s in strides:
        n = size // s
        ys, xs = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
        pts.append(torch.stack([xs, ys], -1).reshape(-1, 2).float() * s + s / 2)
        st.append(torch.full((n * n,), float(s)))
    return torch.cat(pts), torch.cat(st)


def _branch(c, hidden, out):
    return nn.Sequential(Conv(c, hidden, 3), Conv(hidden, hidden, 3), nn.Conv2d(hidden, out, 1))


class Detector(nn.Module):
    def __init__(self, arch: dict | None = None):
        super().__init__()
        a = self.arch = {**DEFAULT_ARCH, **(arch or {})}
        w0, w1, w2, w3, w4 = a["widths"]
        d = a["depths"]
        n3, n4, n5 = a["neck"]
        self.stem = nn.Sequential(Conv(3, w0, 3, 2), Conv(w0, w1, 3, 2), C2f(w1, w1, d[0]))  # stride 4
        self.s8 = nn.Sequential(Conv(w1, w2, 3, 2), C2f(w2, w2, d[1]))
        self.s16 = nn.Sequential(Conv(w2, w3, 3, 2), C2f(w3, w3, d[2]))
        self.s32 = nn.Sequential(Conv(w3, w4, 3, 2), C2f(w4, w4, d[3]), SPPF(w4, w4))
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.td16 = C2f(w4 + w3, n4, 1, shortcut=False)
        self.td8 = C2f(n4 + w2, n3, 1, shortcut=False)
        self.down8 = Conv(n3, n3, 3, 2)
        self.bu16 = C2f(n3 + n4, n4, 1, shortcut=False)
        self.down16 = Conv(n4, n4, 3, 2)
        self.bu32 = C2f(n4 + w4, n5, 1, shortcut=False)
        h = a["head"]
        self.score = nn.ModuleList(_branch(c, h, 1) for c in (n3, n4, n5))
        self.box = nn.ModuleList(_branch(c, h, 4) for c in (n3, n4, n5))
        self.coef = nn.ModuleList(_branch(c, h // 2, N_PROTO) for c in (n3, n4, n5))
        p = a["proto"]
        self.proto = nn.Sequential(Conv(n3, p, 3), nn.Upsample(scale_factor=2, mode="nearest"), Conv(p, p, 3), nn.Conv2d(p, N_PROTO, 1))
        pts, st = anchor_points()
        self.register_buffer("anchors", pts, persistent=False)
        self.register_buffer("strides", st, persistent=False)
        for m in self.score:  # a rare-positive prior: start near score 0.01 (RetinaNet / YOLO)
            nn.init.constant_(m[-1].bias, -4.6)
        for m in self.box:
            nn.init.constant_(m[-1].bias, 1.0)

    def forward(self, x):
        """x [N,3,256,256] in 0..1 -> (ltrb [N,A,4] in pixels, score logits [N,A], coeffs [N,A,16],
        protos [N,16,64,64])."""
        x = (x - 0.45) / 0.25
        p8 = self.s8(self.stem(x))
        p16 = self.s16(p8)
        p32 = self.s32(p16)
        t16 = self.td16(torch.cat([self.up(p32), p16], 1))
        n8 = self.td8(torch.cat([self.up(t16), p8], 1))
        n16 = self.bu16(torch.cat([self.down8(n8), t16], 1))
        n32 = self.bu32(torch.cat([self.down16(n16), p32], 1))
        flat = lambda t: t.flatten(2).transpose(1, 2)  # noqa: E731  [N,C,H,W] -> [N,HW,C]
        feats = (n8, n16, n32)
        score = torch.cat([flat(m(f)) for m, f in zip(self.score, feats)], 1)[..., 0]
        box = torch.cat([flat(m(f)) for m, f in zip(self.box, feats)], 1)
        coef = torch.cat([flat(m(f)) for m, f in zip(self.coef, feats)], 1)
        ltrb = F.softplus(box) * self.strides[None, :, None]
        return ltrb, score, coef, self.proto(n8)

    def decode(self, ltrb):
        c = self.anchors[None]
        return torch.cat([c - ltrb[..., :2], c + ltrb[..., 2:]], -1)


class DetectorExport(nn.Module):
    """The contract's graph: images [N,3,256,256] -> boxes [N,1344,4] (x0,y0,x1,y1, input px),
    scores [N,1344] (sigmoid), coeffs [N,1344,16], protos [N,16,64,64]."""

    def __init__(self, net: Detector):
        super().__init__()
        self.net = net

    def forward(self, images):
        ltrb, score, coef, protos = self.net(images)
        return self.net.decode(ltrb), torch.sigmoid(score), coef, protos


def flops(net: nn.Module, size=SIZE) -> int:
    """Multiply-accumulates of one forward pass at size x size (convolutions only)."""
    total = [0]

    def hook(m, _inp, out):
        total[0] += out.numel() // out.shape[0] * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    hs = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        net.eval()(torch.zeros(1, 3, size, size))
    for h in hs:
        h.remove()
    return total[0]


if __name__ == "__main__":
    net = Detector()
    out = net.eval()(torch.rand(2, 3, SIZE, SIZE))
    print([tuple(o.shape) for o in out])
    print(f"parameters {count_params(net) / 1e6:.3f} M, {flops(net) / 1e9:.3f} GMAC ({2 * flops(net) / 1e9:.2f} GFLOP) at {SIZE}x{SIZE}")
