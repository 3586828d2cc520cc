"""Evaluate a detector run: choose the post-processing on validation, report on test.

    /usr/bin/python3 models/training/detect/eval_detect.py --run-dir RUN [--scenes-dir DIR --val 1000 --test 1000]

On the validation scenes: for each nms_iou in NMS_GRID, the score threshold that maximises
count accuracy (kept boxes == labelled garments, per scene; tie -> F1), then the nms_iou
with the best (count accuracy, F1). Those numbers (with max_detections and mask_threshold)
are the registry's `postprocess` block. The test scenes (held-out families twemoji,
hugeicons, mingcute and Fashion-MNIST test) are scored once with them: mAP@0.5 and
@0.5:0.95 (class-agnostic), count accuracy, precision / recall / F1, mask IoU of matched
pairs, false-positive rate on scenes without a garment, recall and AP per garment class,
and count accuracy by number of garments. Writes RUN/eval.json.
"""
import argparse
import json
from pathlib import Path

import torch

import postprocess as PP
import scenes as S
from export_detect import load_run
from train_detect import fixed_set, score_set

NMS_GRID = (0.45, 0.5, 0.6, 0.7)
MAX_DETECTIONS = 20
MASK_THRESHOLD = 0.5
NAMES = {c["index"]: c["key"] for c in S.LABELS}


def by_count(records, threshold):
    out = {}
    for r in records:
        d = out.setdefault(str(r["n_gt"]), [0, 0])
        d[0] += int((r["scores"] >= threshold).sum() == r["n_gt"])
        d[1] += 1
    return {k: {"scenes": v[1], "count_accuracy": v[0] / v[1]} for k, v in sorted(out.items())}


def evaluate(net, val, test):
    recs, vcls = score_set(net, val, NMS_GRID, MAX_DETECTIONS)
    choices = {}
    for t in NMS_GRID:
        thr, s = PP.choose_threshold(recs[t])
        choices[t] = (thr, s)
    nms = max(NMS_GRID, key=lambda t: (round(choices[t][1]["count_accuracy"], 6), choices[t][1]["f1"]))
    thr, vs = choices[nms]
    pp = {"score_threshold": thr, "nms_iou": nms, "max_detections": MAX_DETECTIONS, "mask_threshold": MASK_THRESHOLD}
    validation = PP.summarise(recs[nms], vcls, thr, NAMES)
    validation["by_garment_count"] = by_count(recs[nms], thr)
    validation["grid"] = {str(t): {"threshold": c[0], "count_accuracy": c[1]["count_accuracy"], "f1": c[1]["f1"]} for t, c in choices.items()}
    trec, tcls = score_set(net, test, (nms,), MAX_DETECTIONS)
    report = PP.summarise(trec[nms], tcls, thr, NAMES)
    report["by_garment_count"] = by_count(trec[nms], thr)
    return {"postprocess": pp, "chosenOn": "validation", "validation": validation, "test": report}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--scenes-dir", default=str(Path.home() / ".cache/curator/detect"))
    ap.add_argument("--val", type=int, default=1000)
    ap.add_argument("--test", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    run = Path(a.run_dir)
    net = load_run(run)
    sd = Path(a.scenes_dir)
    val, test = fixed_set(sd, "val", a.val), fixed_set(sd, "test", a.test)
    out = evaluate(net, val, test)
    man = sd / "scenes-manifest.json"
    out["scenes"] = {"dir": str(sd), "val": len(val["images"]), "test": len(test["images"]),
                     "manifest": json.loads(man.read_text()) if man.exists() else None}
    (run / "eval.json").write_text(json.dumps(PP.finite(out), indent=1) + "\n")
    v, t = out["validation"], out["test"]
    print(f"chosen on validation: {out['postprocess']}")
    for name, s in (("validation", v), ("test", t)):
        print(f"{name}: mAP@0.5 {s['map50']:.3f}  mAP@0.5:0.95 {s['map50_95']:.3f}  count right {s['count_accuracy']:.3f}  "
              f"F1 {s['f1']:.3f}  mask IoU {s['mask_iou'] or 0:.3f}  empty-scene FP rate {s['empty_false_positive_rate'] or 0:.3f}  ({s['scenes']} scenes, {s['garments']} garments)")
    print("test per class: " + ", ".join(f"{k} R {c['recall']:.2f} AP {c['ap50']:.2f} (n={c['garments']})" for k, c in t.get("per_class", {}).items()))
    print(f"wrote {run / 'eval.json'}")


if __name__ == "__main__":
    main()
