"""Where a detector run's count goes wrong, on validation scenes (never test): each false box is put
under what lies beneath it (a non-garment drawing, a labelled garment it duplicates / cuts in part /
misplaces, a garment too hidden to be labelled, or bare background), and each missed garment is
binned by how much of it is in view.

    /usr/bin/python3 models/training/detect/errors_detect.py --run-dir RUN [--scenes 300]

Post-processing: the run's eval.json choice (else 0.35 / 0.45). The scenes are re-rendered from
their seeds (scenes.make_scene: the same images as the cached validation set) to know the
unlabelled items.
"""
import argparse
import json
from pathlib import Path

import numpy as np
import torch

import postprocess as PP
import scenes as S
from export_detect import load_run
from train_detect import predict

VISIBLE_BINS = [0.3, 0.5, 0.7, 0.9, 1.01]


def under(box, items):
    """What a false box lies on: the item whose visible box overlaps it most (IoU >= 0.3)."""
    if not items:
        return "background"
    ious = PP.iou_matrix(box[None], np.array([it["box"] for it in items]))[0]
    k = int(np.argmax(ious))
    if ious[k] < 0.3:
        return "background"
    it = items[k]
    if it["class"] < 0:
        return "non-garment drawing"
    return "garment too hidden to be labelled" if it["visible"] < S.MIN_VISIBLE else "labelled garment (duplicate, part or misplaced)"


def analyse(net, scenes, pp):
    out = {"scenes": len(scenes), "count": {"right": 0, "over": 0, "under": 0}, "false_boxes": {}, "missed_by_visible": [0] * (len(VISIBLE_BINS) - 1)}
    images = np.stack([s["image"] for s in scenes])
    for s, (boxes, scores, _coef, _protos) in zip(scenes, predict(net, images)):
        kept = boxes[PP.keep(boxes, scores, pp["score_threshold"], pp["nms_iou"], pp["max_detections"])]
        gt = s["boxes"]
        d = len(kept) - len(gt)
        out["count"]["right" if d == 0 else "over" if d > 0 else "under"] += 1
        ious = PP.iou_matrix(kept, gt) if len(kept) and len(gt) else np.zeros((len(kept), len(gt)))
        used = set()
        for i in range(len(kept)):  # greedy, best score first (as the metrics)
            cand = [j for j in range(len(gt)) if j not in used and ious[i, j] >= 0.5]
            if cand:
                used.add(max(cand, key=lambda j: ious[i, j]))
                continue
            kind = under(kept[i], s["items"])
            out["false_boxes"][kind] = out["false_boxes"].get(kind, 0) + 1
        labelled = [it for it in s["items"] if it["class"] >= 0 and it["visible"] >= S.MIN_VISIBLE]
        for j in range(len(gt)):
            if j in used:
                continue
            io = PP.iou_matrix(gt[j][None], np.array([it["box"] for it in labelled]))[0]
            v = labelled[int(np.argmax(io))]["visible"]
            out["missed_by_visible"][int(np.searchsorted(VISIBLE_BINS, v, side="right")) - 1] += 1
    out["missed_by_visible"] = {f"{lo:.0%}-{min(hi, 1):.0%}": n for lo, hi, n in zip(VISIBLE_BINS, VISIBLE_BINS[1:], out["missed_by_visible"])}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--scenes", type=int, default=300)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    run = Path(a.run_dir)
    ev = run / "eval.json"
    pp = json.loads(ev.read_text())["postprocess"] if ev.exists() else {"score_threshold": 0.35, "nms_iou": 0.45, "max_detections": 20}
    src = S.Sources("val")
    scenes = [S.make_scene(src, S.scene_seed("val", 0, i)) for i in range(a.scenes)]
    fixed = S.load_fixed(Path.home() / ".cache/curator/detect/scenes-val.npz") if (Path.home() / ".cache/curator/detect/scenes-val.npz").exists() else None
    if fixed is not None and not np.array_equal(fixed["images"][0], scenes[0]["image"]):
        raise SystemExit("the re-rendered scenes differ from the cached validation set: the styles data changed")
    out = analyse(load_run(run), scenes, pp)
    print(json.dumps({"run": str(run), "postprocess": pp, **out}, indent=1))


if __name__ == "__main__":
    main()
