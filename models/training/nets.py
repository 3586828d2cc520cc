"""YOLOv8-cls-style garment network: Conv-BN-SiLU, C2f blocks, pooled linear head.

One backbone, two heads:
  * classifier head -> 10 logits (the garment classifier)
  * projection head -> 128-d L2-normalised embedding (the Siamese network: the same
    weights embed both items of a pair; trained with a supervised-contrastive loss)
Input normalisation is inside the network so the app's contract is plain [0, 1].
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

FMNIST_MEAN = 0.2860
FMNIST_STD = 0.3530
# The shipped architecture (v3 and every model before the wide runs). A run's config.json
# records its "arch"; runs without one used this.
DEFAULT_ARCH = {"widths": [16, 32, 96, 192], "depths": [1, 2, 1], "head": 512}


def build_net(num_classes: int, arch: dict | None = None) -> "GarmentNet":
    a = {**DEFAULT_ARCH, **(arch or {})}
    return GarmentNet(tuple(a["widths"]), tuple(a["depths"]), a["head"], num_classes=num_classes)


class Conv(nn.Module):
    def __init__(self, c1, c2, k=1, s=1):
        super().__init__()
        self.conv = nn.Conv2d(c1, c2, k, s, k // 2, bias=False)
        self.bn = nn.BatchNorm2d(c2, eps=1e-3, momentum=0.03)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Bottleneck(nn.Module):
    def __init__(self, c, shortcut=True):
        super().__init__()
        self.cv1 = Conv(c, c, 3)
        self.cv2 = Conv(c, c, 3)
        self.add = shortcut

    def forward(self, x):
        y = self.cv2(self.cv1(x))
        return x + y if self.add else y


class C2f(nn.Module):
    """CSP bottleneck with 2 convolutions (YOLOv8)."""

    def __init__(self, c1, c2, n=1, shortcut=True):
        super().__init__()
        self.c = c2 // 2
        self.cv1 = Conv(c1, 2 * self.c, 1)
        self.cv2 = Conv((2 + n) * self.c, c2, 1)
        self.m = nn.ModuleList(Bottleneck(self.c, shortcut) for _ in range(n))

    def forward(self, x):
        y = list(self.cv1(x).chunk(2, 1))
        for m in self.m:
            y.append(m(y[-1]))
        return self.cv2(torch.cat(y, 1))


class GarmentNet(nn.Module):
    def __init__(self, widths=(16, 32, 96, 192), depths=(1, 2, 1), head=512, emb_dim=128,
                 num_classes=10, dropout=0.2):
        super().__init__()
        w0, w1, w2, w3 = widths
        self.backbone = nn.Sequential(
            Conv(1, w0, 3, 1),            # 28x28
            Conv(w0, w1, 3, 2),           # 14x14
            C2f(w1, w1, depths[0]),
            Conv(w1, w2, 3, 2),           # 7x7
            C2f(w2, w2, depths[1]),
            Conv(w2, w3, 3, 2),           # 4x4
            C2f(w3, w3, depths[2]),
            Conv(w3, head, 1),            # YOLOv8 Classify: 1x1 conv before pooling
        )
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(head, num_classes)
        self.proj = nn.Sequential(nn.Linear(head, 256), nn.SiLU(), nn.Linear(256, emb_dim))

    def features(self, x):
        x = (x - FMNIST_MEAN) / FMNIST_STD
        return self.backbone(x).mean((2, 3))

    def forward(self, x):
        f = self.features(x)
        return self.fc(self.drop(f)), F.normalize(self.proj(f), dim=1)


TTA_MODES = ("none", "flip", "flip+shift")
_SHIFTS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def tta_views(x, mode):
    """The test-time views of a batch [N,1,28,28], stacked on the batch axis: [V*N,1,28,28].
    "flip": the image and its mirror; "flip+shift": each of those also moved 1 px in
    each direction (zero-filled, like the training data's background). True/False are
    read as "flip"/"none" (registry entries before the modes existed)."""
    mode = {True: "flip", False: "none"}.get(mode, mode)
    if mode not in TTA_MODES:
        raise ValueError(f"unknown TTA mode {mode!r}")
    views = [x] if mode == "none" else [x, torch.flip(x, dims=[3])]
    if mode == "flip+shift":
        padded = [F.pad(v, (1, 1, 1, 1)) for v in views[:2]]
        for p in padded:
            for dx, dy in _SHIFTS:
                views.append(p[:, :, 1 + dy:29 + dy, 1 + dx:29 + dx])
    return torch.cat(views, 0), len(views)


class ClassifierExport(nn.Module):
    """What the app runs as the garment classifier: [N,1,28,28] in [0,1] -> logits
    (averaged over the test-time views when a TTA mode is set)."""

    def __init__(self, net: GarmentNet, tta):
        super().__init__()
        self.net, self.tta = net, tta

    def forward(self, x):
        v, k = tta_views(x, self.tta)
        logits = self.net.fc(self.net.features(v))
        return logits.view(k, -1, logits.shape[-1]).mean(0)


class EmbedderExport(nn.Module):
    """What the app runs as the Siamese embedder: [N,1,28,28] in [0,1] -> [N,128], unit norm
    (each view's unit embedding summed over the test-time views, then normalised: exactly
    what the evaluation measures)."""

    def __init__(self, net: GarmentNet, tta):
        super().__init__()
        self.net, self.tta = net, tta

    def forward(self, x):
        v, k = tta_views(x, self.tta)
        e = F.normalize(self.net.proj(self.net.features(v)), dim=1)
        return F.normalize(e.view(k, -1, e.shape[-1]).sum(0), dim=1)


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
