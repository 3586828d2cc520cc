"""Generates a Markdown model card from a registry entry."""
from pathlib import Path


def _pct(v):
    return "n/a" if v is None else f"{100 * v:.2f} %"


def _confusion_md(cm, names):
    short = [n.split("/")[0][:8] for n in names]
    head = "| true \\ predicted | " + " | ".join(short) + " |\n|---|" + "---|" * len(names) + "\n"
    rows = "".join(f"| {names[i]} | " + " | ".join(str(v) for v in row) + " |\n" for i, row in enumerate(cm))
    return head + rows


def top_confusions(cm, names, k=4):
    pairs = [(cm[i][j], names[i], names[j]) for i in range(len(cm)) for j in range(len(cm)) if i != j]
    return sorted(pairs, reverse=True)[:k]


def _phases(config):
    fin = config.get("finish_epochs", 0)
    if not fin:
        return ""
    return (f" ({config['epochs']} one-cycle epochs with the full photo-gap augmentation, then {fin} "
            f"finish epochs with the lighter one and a cosine restart from lr {config.get('finish_lr')})")


def write_card(entry: dict, champion_of_record: dict | None, out: Path):
    m, name = entry["metrics"], entry["name"]
    labels = [l["fashionMnist"] for l in entry["labels"]]
    lines = [f"# Model card: {name} v{entry['version']}", "",
             f"Status: **{entry['status']}**. File: `{entry.get('file') or '(not kept)'}` "
             f"({entry.get('bytes', 0) / 1e6:.2f} MB, sha256 `{(entry.get('sha256') or '')[:16]}…`). "
             f"Parameters: {entry['params']:,}. Date: {entry['date']}. Commit: `{entry.get('gitCommit')}`.", ""]
    if entry["task"] == "classification":
        cal = entry["calibration"]
        lines += ["## Intended use",
                  "On-device garment category recognition in Curator, from one photo of one garment after the "
                  "preprocessing contract (models/PREPROCESSING.md). Predictions below the confidence threshold "
                  f"({cal['threshold']}) are not applied: the app asks the user to choose.", "",
                  "## Metrics (Fashion-MNIST test set, 10,000 images)",
                  f"- Top-1 accuracy: **{_pct(m['test_accuracy'])}** (subset of the first 2,000: {_pct(m['subset_accuracy'])})",
                  f"- Calibration: temperature {cal['temperature']:.3f} fitted on the validation split; "
                  f"ECE {cal['test_ece_before']:.4f} → {cal['test_ece_after']:.4f}",
                  f"- At confidence ≥ {cal['threshold']}: {_pct(cal['test_gate_after']['share_above'])} of test images, "
                  f"accuracy {_pct(cal['test_gate_after']['accuracy_above'])} on them "
                  f"(below: {_pct(cal['test_gate_after']['accuracy_below'])})", "",
                  "Per-class accuracy:", ""]
        lines += [f"- {k}: {_pct(v)}" for k, v in m["per_class_accuracy"].items()]
        lines += ["", "Confusion matrix:", "", _confusion_md(m["confusion_matrix"], labels)]
        conf = top_confusions(m["confusion_matrix"], labels)
        lines += ["## Known limits",
                  "- Most confused: " + "; ".join(f"{t} → {p} ({n})" for n, t, p in conf) + ".",
                  "- Trained on 28×28 greyscale catalogue shots: colour, texture and fine detail are not used; "
                  "shirts, T-shirts, pullovers and coats are separated by silhouette only.",
                  "- Only 10 classes: skirts, shorts, hats, scarves, belts, jewellery… are forced into one of them "
                  "(usually with low confidence, which the gate catches)."]
    else:
        lines += ["## Intended use",
                  "The Siamese embedding network: maps a garment (after the preprocessing contract) to a 128-d "
                  "unit vector; cosine similarity finds similar and near-duplicate items and feeds outfit "
                  "compatibility.", "",
                  "## Metrics (Fashion-MNIST test set, cosine nearest neighbours, self excluded)",
                  f"- Recall@1: **{_pct(m['test_recall@1'])}**, Recall@5: {_pct(m['test_recall@5'])}, "
                  f"mAP: {m['test_mAP']:.4f}",
                  f"- Recall@1 on the first 2,000 test images alone: {_pct(m['subset_recall@1'])}", "",
                  "## Known limits",
                  "- Similarity is by garment class and silhouette in greyscale; colour similarity comes from "
                  "the colour extraction, not from this model.",
                  "- Trained with class labels only: two different shirts are 'similar' even if their styles differ."]
    ood = m.get("ood") or {}
    lines += ["", "## Out-of-distribution check", ""]
    if "accuracy" in ood:
        lines += [f"On {ood['n']} images from outside Fashion-MNIST (models/testdata/ood, see its labels.json "
                  f"for sources): accuracy {_pct(ood['accuracy'])}; share ≥ 0.93 confidence "
                  f"{_pct(ood.get('share_above_0.93'))}, accuracy there {_pct(ood.get('accuracy_above_0.93'))}. "
                  "This, not the test accuracy, is what to expect on real photos."]
        pf = ood.get("pasted_fmnist") or {}
        if "accuracy" in pf:
            lines += ["", f"The first {pf['n']} Fashion-MNIST test images pasted into photo-like scenes and put "
                      f"through the contract: accuracy {_pct(pf['accuracy'])} (the same images fed directly: "
                      f"{_pct(pf.get('direct_accuracy'))}) — the cost of the contract on in-distribution garments."]
    else:
        lines += [f"Not measured: {ood.get('error', 'no OOD set')}"]
    t = entry.get("training", {})
    lines += ["", "## Data and training",
              "Fashion-MNIST (Debian `dataset-fashion-mnist`), fingerprint "
              f"`{entry['dataset']['fingerprint']['combined'][:16]}…`; validation: 500 images per class carved "
              "from train with a fixed seed; the test set is used only for this report.",
              f"Training: {t.get('epochs')} epochs{_phases(t.get('config', {}))}, "
              f"{t.get('wall_time_min', 'n/a')} min wall time, config in the registry entry. Shared backbone (YOLOv8-cls style: Conv-BN-SiLU, C2f blocks, 1×1 conv to 512, "
              "global pooling) with a classification head (cross-entropy, label smoothing) and a projection "
              "head (supervised contrastive loss), trained jointly; weights are an exponential moving average.",
              ""]
    if champion_of_record and champion_of_record is not entry:
        lines += [f"Champion at the time of registration: v{champion_of_record['version']} "
                  f"({m['primary']} {champion_of_record['metrics'][m['primary']]:.4f})."]
    out.write_text("\n".join(lines) + "\n")
