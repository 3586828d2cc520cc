"""Task-aligned assignment (TAL, as YOLOv8) and the detector's losses.

Assignment: for each labelled garment, the cells whose centre lies inside its box compete on
the alignment metric score^ALPHA * IoU^BETA (predicted score and box); the TOPK best become
positives (a cell claimed by two garments goes to the one its box overlaps most). The score
target of a positive is its alignment, rescaled so the garment's best cell aims at that
cell's IoU (quality-aware targets, as TOOD / YOLOv8).
Losses: BCE on the score against those targets (every cell); GIoU + L1 on the box sides,
weighted by the target; BCE + dice on the mask (coeffs . protos at 64 x 64), each cropped to
the garment's box.
"""
import torch
import torch.nn.functional as F

TOPK, ALPHA, BETA = 10, 0.5, 6.0
WEIGHTS = {"score": 1.0, "giou": 5.0, "l1": 0.5, "mask": 2.0}


def box_iou_pairs(a, b, eps=1e-7):
    """IoU and GIoU of matching boxes a[..., 4], b[..., 4] (x0, y0, x1, y1)."""
    iw = (torch.min(a[..., 2], b[..., 2]) - torch.max(a[..., 0], b[..., 0])).clamp(min=0)
    ih = (torch.min(a[..., 3], b[..., 3]) - torch.max(a[..., 1], b[..., 1])).clamp(min=0)
    inter = iw * ih
    area = lambda t: (t[..., 2] - t[..., 0]).clamp(min=0) * (t[..., 3] - t[..., 1]).clamp(min=0)  # noqa: E731
    union = area(a) + area(b) - inter + eps
    iou = inter / union
    cw = torch.max(a[..., 2], b[..., 2]) - torch.min(a[..., 0], b[..., 0])
    ch = torch.max(a[..., 3], b[..., 3]) - torch.min(a[..., 1], b[..., 1])
    hull = cw * ch + eps
    return iou, iou - (hull - union) / hull


@torch.no_grad()
def assign(scores, boxes, anchors, gt_boxes, gt_valid):
    """scores [B,A] (probabilities), boxes [B,A,4], anchors [A,2], gt_boxes [B,M,4], gt_valid [B,M] ->
    (fg [B,A] bool, gt index [B,A], score target [B,A])."""
    B, A = scores.shape
    M = gt_boxes.shape[1]
    if M == 0:
        return torch.zeros(B, A, dtype=torch.bool), torch.zeros(B, A, dtype=torch.long), torch.zeros(B, A)
    ax, ay = anchors[:, 0], anchors[:, 1]
    g = gt_boxes[:, :, None]  # [B,M,1,4]
    inside = (ax > g[..., 0]) & (ax < g[..., 2]) & (ay > g[..., 1]) & (ay < g[..., 3]) & gt_valid[:, :, None]
    iou, _ = box_iou_pairs(g.expand(B, M, A, 4), boxes[:, None].expand(B, M, A, 4))
    iou = iou.clamp(min=0) * inside
    align = scores[:, None].clamp(min=1e-9).pow(ALPHA) * iou.pow(BETA) * inside
    # Small garments may hold no cell centre: let them take their nearest cells instead.
    empty = (inside.sum(-1) == 0) & gt_valid
    if empty.any():
        cx, cy = (g[..., 0] + g[..., 2]) / 2, (g[..., 1] + g[..., 3]) / 2
        dist = (ax - cx) ** 2 + (ay - cy) ** 2  # [B,M,A]
        near = torch.zeros_like(inside)
        near.scatter_(2, dist.topk(3, dim=2, largest=False).indices, True)
        inside = torch.where(empty[..., None], near, inside)
        iou2, _ = box_iou_pairs(g.expand(B, M, A, 4), boxes[:, None].expand(B, M, A, 4))
        iou = torch.where(empty[..., None], iou2.clamp(min=0) * near, iou)
        align = torch.where(empty[..., None], scores[:, None].clamp(min=1e-9).pow(ALPHA) * (iou + 1e-6).pow(BETA) * near, align)
    k = min(TOPK, A)
    top = torch.zeros_like(inside)
    top.scatter_(2, (align + inside * 1e-12).topk(k, dim=2).indices, True)
    pos = top & inside  # [B,M,A]
    multi = pos.sum(1) > 1  # one cell, several garments: the best-overlapping one wins
    if multi.any():
        best = iou.argmax(1)  # [B,A]
        one = F.one_hot(best, M).permute(0, 2, 1).bool()
        pos = torch.where(multi[:, None], one & pos, pos)
    fg = pos.any(1)
    gt_idx = pos.float().argmax(1)
    align = align * pos
    norm = (align / align.amax(-1, keepdim=True).clamp(min=1e-12)) * (iou * pos).amax(-1, keepdim=True)
    target = norm.amax(1) * fg
    return fg, gt_idx, target


def losses(out, anchors, strides, gt_boxes, gt_valid, gt_masks):
    """out = Detector.forward's (ltrb, score logits, coeffs, protos); gt_masks [B,M,64,64] float.
    Returns (total, dict of parts)."""
    ltrb, logits, coef, protos = out
    c = anchors[None]
    boxes = torch.cat([c - ltrb[..., :2], c + ltrb[..., 2:]], -1)
    fg, gt_idx, target = assign(logits.detach().sigmoid(), boxes.detach(), anchors, gt_boxes, gt_valid)
    tsum = target.sum().clamp(min=1.0)
    l_score = F.binary_cross_entropy_with_logits(logits, target, reduction="sum") / tsum
    zero = logits.sum() * 0
    if not fg.any():
        parts = {"score": l_score, "giou": zero, "l1": zero, "mask": zero}
    else:
        b_idx, a_idx = fg.nonzero(as_tuple=True)
        g = gt_boxes[b_idx, gt_idx[b_idx, a_idx]]
        w = target[b_idx, a_idx]
        _, giou = box_iou_pairs(boxes[b_idx, a_idx], g)
        l_giou = ((1 - giou) * w).sum() / tsum
        pts, st = c[0, a_idx], strides[a_idx, None]
        t_ltrb = torch.cat([pts - g[:, :2], g[:, 2:] - pts], -1)
        l_l1 = ((ltrb[b_idx, a_idx] - t_ltrb).abs() / st).mean(-1).mul(w).sum() / tsum
        parts = {"score": l_score, "giou": l_giou, "l1": l_l1, "mask": mask_loss(coef, protos, b_idx, a_idx, gt_idx, gt_boxes, gt_masks)}
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    return total, {k: float(v) for k, v in parts.items()}


def mask_loss(coef, protos, b_idx, a_idx, gt_idx, gt_boxes, gt_masks, chunk=256):
    """BCE + dice of sigmoid(coeffs . protos) against the garment's mask, both inside its box."""
    N, P, H, W = protos.shape
    total = coef.sum() * 0
    ys = torch.arange(H, dtype=torch.float32)[:, None] + 0.5
    xs = torch.arange(W, dtype=torch.float32)[None] + 0.5
    for lo in range(0, len(b_idx), chunk):
        b, a = b_idx[lo:lo + chunk], a_idx[lo:lo + chunk]
        gi = gt_idx[b, a]
        logits = torch.einsum("kp,kphw->khw", coef[b, a], protos[b])
        tgt = gt_masks[b, gi]
        box = gt_boxes[b, gi] / (256 / W)  # in prototype cells
        crop = ((xs >= box[:, 0, None, None]) & (xs <= box[:, 2, None, None]) & (ys >= box[:, 1, None, None]) & (ys <= box[:, 3, None, None])).float()
        area = crop.sum((1, 2)).clamp(min=1)
        bce = (F.binary_cross_entropy_with_logits(logits, tgt, reduction="none") * crop).sum((1, 2)) / area
        p = logits.sigmoid() * crop
        dice = 1 - (2 * (p * tgt).sum((1, 2)) + 1) / (p.sum((1, 2)) + (tgt * crop).sum((1, 2)) + 1)
        total = total + (bce + dice).sum()
    return total / max(1, len(b_idx))


def selftest():
    torch.manual_seed(0)
    a = torch.tensor([[0.0, 0, 10, 10]])
    iou, giou = box_iou_pairs(a, torch.tensor([[5.0, 0, 15, 10]]))
    assert abs(float(iou) - 1 / 3) < 1e-4 and abs(float(giou) - 1 / 3) < 1e-4
    _, giou = box_iou_pairs(a, torch.tensor([[20.0, 0, 30, 10]]))
    assert abs(float(giou) - (0 - 10 / 30)) < 1e-4
    anchors = torch.tensor([[4.0, 4], [12, 4], [4, 12], [12, 12], [60, 60]])
    gt = torch.tensor([[[0.0, 0, 16, 16], [56, 56, 64, 64]]])
    boxes = torch.tensor([[[0.0, 0, 16, 16], [0, 0, 14, 14], [0, 0, 8, 8], [2, 2, 16, 16], [56, 56, 64, 64]]])
    fg, gi, t = assign(torch.full((1, 5), 0.5), boxes, anchors, gt, torch.tensor([[True, True]]))
    assert fg.tolist() == [[True] * 5], fg
    assert gi[0].tolist() == [0, 0, 0, 0, 1] and float(t[0, 0]) > 0.99 and float(t[0, 4]) > 0.99
    fg, *_ = assign(torch.full((1, 5), 0.5), boxes, anchors, gt, torch.tensor([[True, False]]))
    assert not fg[0, 4], "an invalid (padding) garment is never assigned"
    print("detloss selftest ok")


if __name__ == "__main__":
    selftest()
