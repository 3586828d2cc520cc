"""The contract's post-processing (models/DETECTION.md) in numpy, and the detection metrics.

Post-processing (the same steps as src/domain/detection): keep cells with score >=
score_threshold; class-agnostic NMS (drop a box whose IoU with a kept one is >= nms_iou),
at most max_detections; mask = sigmoid(coeffs . protos), zero outside box / 4, bilinearly
upsampled (half-pixel centres, edge clamped) to the box in photo pixels, >= mask_threshold;
boxes / s, clipped to the photo.
Metrics: AP at IoU 0.5 and 0.5:0.95 (class-agnostic, COCO 101-point interpolation),
"count right" (kept boxes == labelled garments, per scene), mask IoU of matched pairs,
false-positive rate on scenes without a garment, recall / AP per garment class.
"""
import numpy as np

IOU_THRESHOLDS = np.round(np.arange(0.5, 0.96, 0.05), 2)
LOW_SCORE = 0.01  # detections kept for AP and for choosing the threshold


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def iou_matrix(a, b):
    a, b = np.asarray(a, np.float64).reshape(-1, 4), np.asarray(b, np.float64).reshape(-1, 4)
    iw = np.clip(np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]), 0, None)
    ih = np.clip(np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]), 0, None)
    inter = iw * ih
    area = lambda t: np.clip(t[:, 2] - t[:, 0], 0, None) * np.clip(t[:, 3] - t[:, 1], 0, None)  # noqa: E731
    union = area(a)[:, None] + area(b)[None] - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-12), 0.0)


def keep(boxes, scores, score_threshold, nms_iou, max_detections):
    """Indices of the kept cells, best score first (steps 1-2)."""
    idx = np.flatnonzero(scores >= score_threshold)
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    kept = []
    for i in idx:
        if len(kept) >= max_detections:
            break
        if not kept or iou_matrix(boxes[i], boxes[kept]).max() < nms_iou:
            kept.append(int(i))
    return kept


def proto_map(coef, protos, box, res=64):
    """sigmoid(coeffs . protos) over the input at res x res, zero outside the box (input px)."""
    m = sigmoid(np.tensordot(coef, protos, axes=(0, 0)))  # [64,64]
    if res != m.shape[0]:
        m = bilinear(m, np.arange(res), np.arange(res), m.shape[0] / res)
    c = (np.arange(res) + 0.5) * (256 / res)
    inside = ((c[None] >= box[0]) & (c[None] <= box[2]))[0][None, :] & ((c >= box[1]) & (c <= box[3]))[:, None]
    return m * inside


def bilinear(m, ys, xs, step, offset=0.0):
    """Samples m (half-pixel centres, edges clamped) at rows ys / cols xs of a grid whose cell
    is `step` cells of m, starting at `offset` cells of m."""
    n = m.shape[0]
    fy = np.clip((ys + 0.5) * step + offset - 0.5, 0, n - 1)
    fx = np.clip((xs + 0.5) * step + offset - 0.5, 0, n - 1)
    y0, x0 = np.floor(fy).astype(int), np.floor(fx).astype(int)
    y1, x1 = np.minimum(y0 + 1, n - 1), np.minimum(x0 + 1, n - 1)
    wy, wx = (fy - y0)[:, None], (fx - x0)[None]
    return (m[y0][:, x0] * (1 - wy) * (1 - wx) + m[y0][:, x1] * (1 - wy) * wx + m[y1][:, x0] * wy * (1 - wx) + m[y1][:, x1] * wy * wx)


def photo_pieces(boxes, scores, coeffs, protos, pp, photo_w, photo_h):
    """The contract end to end for one image: [{box: x,y,width,height (photo px), score, mask alpha uint8
    [h,w] over the box}]. The photo was letterboxed with s = 256 / max(W, H)."""
    s = 256 / max(photo_w, photo_h)
    out = []
    for i in keep(boxes, scores, pp["score_threshold"], pp["nms_iou"], pp["max_detections"]):
        b = boxes[i]
        m64 = sigmoid(np.tensordot(coeffs[i], protos, axes=(0, 0)))
        c = (np.arange(64) + 0.5) * 4
        m64 = m64 * (((c >= b[1]) & (c <= b[3]))[:, None] & ((c >= b[0]) & (c <= b[2]))[None])
        x0, y0 = min(max(b[0] / s, 0.0), photo_w), min(max(b[1] / s, 0.0), photo_h)
        x1, y1 = max(min(b[2] / s, photo_w), x0), max(min(b[3] / s, photo_h), y0)  # a box in the pad is empty, not negative
        px0, py0 = int(np.floor(x0)), int(np.floor(y0))
        w, h = max(0, int(np.ceil(x1)) - px0), max(0, int(np.ceil(y1)) - py0)
        # photo pixel (px, py) -> input (px + 0.5) * s -> prototype cell (.) / 4 - 0.5
        m = bilinear(m64, np.arange(py0, py0 + h), np.arange(px0, px0 + w), s / 4) if w and h else np.zeros((h, w))
        alpha = np.where(m >= pp["mask_threshold"], 255, 0).astype(np.uint8)
        out.append({"box": [float(x0), float(y0), float(x1 - x0), float(y1 - y0)], "score": float(scores[i]),
                    "maskOrigin": [px0, py0], "mask": alpha})
    return out


def score_scene(boxes, scores, coeffs, protos, gt_boxes, gt_masks, nms_iou, max_detections, mask_res=128):
    """What the metrics need from one scene at one nms_iou, for every score threshold >= LOW_SCORE:
    the kept detections (best first) with their greedy matches at each IoU threshold and the
    mask IoU of each detection matched at 0.5."""
    kept = keep(boxes, scores, LOW_SCORE, nms_iou, max_detections)
    k, g = len(kept), len(gt_boxes)
    ious = iou_matrix(boxes[kept], gt_boxes) if k and g else np.zeros((k, g))
    match = np.full((len(IOU_THRESHOLDS), k), -1, np.int32)
    for t, thr in enumerate(IOU_THRESHOLDS):
        used = np.zeros(g, bool)
        for d in range(k):  # greedy in score order: a prefix of the list is matched the same way
            cand = np.where(used, -1, ious[d])
            j = int(np.argmax(cand)) if g else -1
            if g and cand[j] >= thr:
                match[t, d] = j
                used[j] = True
    miou = np.full(k, np.nan)
    for d in np.flatnonzero(match[0] >= 0):
        pm = proto_map(coeffs[kept[d]], protos, boxes[kept[d]], mask_res) >= 0.5
        gm = gt_masks[match[0, d]]
        union = (pm | gm).sum()
        miou[d] = (pm & gm).sum() / union if union else 0.0
    return {"scores": scores[kept].astype(np.float64), "match": match, "mask_iou": miou, "n_gt": g}


def ap(scores, tp, n_gt):
    """COCO-style AP: precision made monotone, sampled at 101 recall points."""
    if n_gt == 0:
        return float("nan")
    order = np.argsort(-scores, kind="stable")
    tp = np.asarray(tp, float)[order]
    ctp, cfp = np.cumsum(tp), np.cumsum(1 - tp)
    rec = ctp / n_gt
    prec = ctp / np.maximum(ctp + cfp, 1e-12)
    prec = np.maximum.accumulate(prec[::-1])[::-1] if len(prec) else prec
    pts = np.linspace(0, 1, 101)
    idx = np.searchsorted(rec, pts, side="left")
    return float(np.mean([prec[i] if i < len(prec) else 0.0 for i in idx]))


def summarise(records, gt_classes, threshold, class_names=None):
    """Figures at one score threshold over scenes scored by score_scene (same nms_iou)."""
    all_s = np.concatenate([r["scores"] for r in records]) if records else np.zeros(0)
    n_gt = sum(r["n_gt"] for r in records)
    aps = []
    for t in range(len(IOU_THRESHOLDS)):
        tp = np.concatenate([r["match"][t] >= 0 for r in records])
        aps.append(ap(all_s, tp, n_gt))
    count_right, tps, fps, empty_fp, empty_n, mious = 0, 0, 0, 0, 0, []
    for r in records:
        on = r["scores"] >= threshold
        kept = int(on.sum())
        count_right += kept == r["n_gt"]
        m = r["match"][0][on] >= 0
        tps += int(m.sum())
        fps += int((~m).sum())
        mious += list(r["mask_iou"][on][m])
        if r["n_gt"] == 0:
            empty_n += 1
            empty_fp += kept > 0
    prec = tps / max(1, tps + fps)
    rec = tps / max(1, n_gt)
    out = {"scenes": len(records), "garments": n_gt, "threshold": threshold, "map50": aps[0], "map50_95": float(np.nanmean(aps)),
           "count_accuracy": count_right / max(1, len(records)), "precision": prec, "recall": rec,
           "f1": 2 * prec * rec / max(1e-12, prec + rec), "mask_iou": float(np.mean(mious)) if mious else float("nan"),
           "empty_scenes": empty_n, "empty_false_positive_rate": empty_fp / empty_n if empty_n else float("nan")}
    if class_names is not None:
        per = {}
        for c in sorted({int(c) for gc in gt_classes for c in gc}):
            n_c = sum(int((gc == c).sum()) for gc in gt_classes)
            tp_c, keep_s = [], []
            hit = 0
            for r, gc in zip(records, gt_classes):
                mt = r["match"][0]
                of_c = (mt >= 0) & (np.append(gc, -1)[mt] == c)  # mt = -1 reads the appended -1
                # predictions matched to another class's garment are left out of this class's AP
                sel = (mt < 0) | of_c
                keep_s.append(r["scores"][sel])
                tp_c.append(of_c[sel])
                hit += int((of_c & (r["scores"] >= threshold)).sum())
            per[class_names[c]] = {"garments": n_c, "recall": hit / n_c, "ap50": ap(np.concatenate(keep_s), np.concatenate(tp_c), n_c)}
        out["per_class"] = per
    return out


def choose_threshold(records, grid=None):
    """The score threshold maximising count accuracy (tie: F1), chosen on validation only."""
    grid = np.round(np.concatenate([[LOW_SCORE, 0.02, 0.03, 0.04], np.arange(0.05, 0.951, 0.025)]), 3) if grid is None else grid
    best = None
    for t in grid:
        s = summarise(records, [], float(t))
        key = (round(s["count_accuracy"], 6), s["f1"])
        if best is None or key > best[0]:
            best = (key, float(t), s)
    return best[1], best[2]


def finite(x):
    """x with NaN / inf replaced by None (strict JSON, for the app and the registry)."""
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [finite(v) for v in x]
    if isinstance(x, (float, np.floating)):
        return float(x) if np.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def selftest():
    b = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [20, 20, 30, 30]], float)
    s = np.array([0.9, 0.8, 0.7])
    assert keep(b, s, 0.5, 0.5, 10) == [0, 2] and keep(b, s, 0.75, 0.5, 10) == [0] and keep(b, s, 0.5, 0.9, 1) == [0]
    assert abs(ap(np.array([0.9, 0.8]), [1, 1], 2) - 1) < 1e-9 and ap(np.array([0.9]), [0], 1) == 0
    protos = np.zeros((16, 64, 64))
    protos[0] = 5.0
    coef = np.zeros(16)
    coef[0] = 1.0
    gt_m = np.zeros((1, 128, 128), bool)
    gt_m[0, :5, :5] = True
    r = score_scene(b, s, np.stack([coef] * 3), protos, np.array([[0, 0, 10, 10.0]]), gt_m, 0.5, 20)
    assert r["match"][0].tolist() == [0, -1] and abs(r["mask_iou"][0] - 1) < 1e-9, r
    empty = score_scene(b, s, np.stack([coef] * 3), protos, np.zeros((0, 4)), np.zeros((0, 128, 128), bool), 0.5, 20)
    out = summarise([r, empty], [np.array([3]), np.zeros(0, int)], 0.95, {3: "dress"})
    assert out["empty_false_positive_rate"] == 0 and out["count_accuracy"] == 0.5
    out = summarise([r], [np.array([3])], 0.75, {3: "dress"})
    assert out["count_accuracy"] == 1 and out["per_class"]["dress"]["recall"] == 1 and abs(out["map50"] - 1) < 1e-9
    pieces = photo_pieces(b, s, np.stack([coef] * 3), protos, {"score_threshold": 0.75, "nms_iou": 0.5, "max_detections": 20, "mask_threshold": 0.5}, 512, 256)
    assert len(pieces) == 1 and pieces[0]["box"] == [0.0, 0.0, 20.0, 20.0] and pieces[0]["mask"].shape == (20, 20) and pieces[0]["mask"].all()
    pad = photo_pieces(np.array([[200.0, 10, 250, 60]]), np.array([0.9]), coef[None], protos, {"score_threshold": 0.5, "nms_iou": 0.5, "max_detections": 20, "mask_threshold": 0.5}, 300, 600)
    assert pad[0]["box"][2] == 0 and pad[0]["mask"].size == 0, pad  # the photo is 128 px wide in the input: the box lies in the pad
    assert finite({"a": [float("nan"), np.float32(1.5)], "b": np.int64(2)}) == {"a": [None, 1.5], "b": 2}
    print("postprocess selftest ok")


if __name__ == "__main__":
    selftest()
