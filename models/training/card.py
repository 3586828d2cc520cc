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


def _styles_section(entry):
    m = entry["metrics"]
    st = m.get("styles_test")
    if not st:
        return []
    g, ng, nk = st["gate"], st.get("non_garment") or {}, st["new_kinds"]
    lines = ["## Metrics on held-out styles (the figures to expect on drawings and photos in unseen styles)",
             f"Test style families never trained on, never used for a choice: {entry['dataset']['test']}. "
             f"{st['garments']} garment images and {st['non_garments']} non-garment pictures.",
             f"- Right category: **{_pct(st['category_accuracy'])}** (right kind: {_pct(st['class_accuracy'])})",
             f"- Answers at or above {g['threshold']}: {_pct(g['share_confident'])} of pictures, "
             f"**{_pct(g['accuracy_confident'])}** of them right",
             f"- Non-clothing pictures refused or asked about: **{_pct(ng.get('refused_or_asked'))}** "
             f"(refused outright {_pct(ng.get('refused'))}); garments wrongly refused: {_pct(st['false_refusal'])}",
             f"- Kinds Fashion-MNIST lacks (shorts, hats, scarves…): right category {_pct(nk['category_accuracy'])}, "
             f"right kind {_pct(nk['class_accuracy'])} ({nk['n']} images)", "",
             "| style family | images | right category | right kind | non-garments handled |", "|---|---|---|---|---|"]
    lines += [f"| {f} | {v['n']} | {_pct(v['category_accuracy'])} | {_pct(v['class_accuracy'])} | {_pct(v['non_garment_handled'])} |"
              for f, v in st["per_family"].items()]
    lines += ["", "| kind | images | right kind | right category (after refusal) |", "|---|---|---|---|"]
    lines += [f"| {k} | {v['n']} | {_pct(v['class_accuracy'])} | {_pct(v['category_accuracy'])} |" for k, v in st["per_class"].items()]
    ch = entry.get("championOnThisTest")
    if ch and ch.get("classifier", {}).get("styles_test"):
        cs = ch["classifier"]["styles_test"]
        lines += ["", f"The previous champion on the same held-out test styles: right category {_pct(cs['category_accuracy'])}, "
                  f"answers ≥ {cs['gate']['threshold']} right {_pct(cs['gate']['accuracy_confident'])}, "
                  f"non-clothing handled {_pct((cs.get('non_garment') or {}).get('refused_or_asked'))}; "
                  f"Fashion-MNIST test {_pct(ch['classifier']['test_accuracy'])}."]
    sel = entry.get("selection")
    if sel and sel.get("champion"):
        lines += ["", f"Promotion rule (validation only): better on `{sel['rule']['better']}` "
                  f"({sel['candidate'][sel['rule']['better']]:.4f} vs {sel['champion'][sel['rule']['better']]:.4f}) and "
                  f"no worse on `{sel['rule']['no_worse']}` ({sel['candidate'][sel['rule']['no_worse']]:.4f} vs "
                  f"{sel['champion'][sel['rule']['no_worse']]:.4f})."]
    return lines + [""]


def _experts_section(entry):
    """How a mixture of experts (training/experts.py) answers, and what each expert scores alone."""
    ex = entry.get("experts")
    if not ex:
        return []
    b = ex["gate"]["behaviour"]
    alone = ex.get("aloneOnFashionMnistTest", {})
    return ["", "## Two experts and a gate",
            f"The catalogue expert ({ex['catalogue']['model']}, unchanged, views: {ex['catalogue']['tta']}) answers the ten "
            f"Fashion-MNIST kinds; the multi-style expert (all {ex['multiStyle']['classes']} kinds, views: "
            f"{ex['multiStyle']['tta']}) answers everything. A gate (a small CNN on the same input, trained on "
            f"training images only: {ex['gate']['fitted_on']}) weighs the two on the ten shared kinds; on the other "
            "kinds and \"not clothing\" the multi-style expert alone decides.",
            f"- Routed mostly to the catalogue expert: Fashion-MNIST test {_pct(b['fashion_mnist_test']['share_to_catalogue'])}, "
            f"held-out test styles {_pct(b['styles_test']['share_to_catalogue'])} "
            f"(validation: {_pct(b['fashion_mnist_val']['share_to_catalogue'])} and {_pct(b['styles_val']['share_to_catalogue'])}).",
            "- Each expert alone on Fashion-MNIST test: " + "; ".join(
                f"{k} {_pct(v['fm_test_accuracy'])}" for k, v in alone.items()) + ".",
            *([f"- Fashion-MNIST garments photographed in scenes (training images the gate was not fitted on): "
               f"{_pct(b['fashion_mnist_scenes_not_fitted']['share_to_catalogue'])} routed to the catalogue expert."]
              if "fashion_mnist_scenes_not_fitted" in b else []),
            "- So the Fashion-MNIST figure describes catalogue shots; the held-out-style figures describe what "
            "a user's photos and drawings in unseen styles get.", ""]


def _pair_section(entry):
    """An embedder made of two networks (pair_embedder.py): what each part is and its weight."""
    pair = entry.get("pair")
    if not pair:
        return []
    w = pair["weights"]
    champ = (entry.get("championOnThisTest") or {}).get("embedder")
    lines = ["", "## Composition",
             f"Two networks, each embedding reduced to {pair['dims'][0]} dimensions by PCA ({pair['pca']}) and "
             f"joined into one unit vector, so the cosine of two garments is {w[0]:.1f} × the catalogue network's "
             f"cosine + {w[1]:.1f} × the multi-style network's, for every picture alike:",
             f"- catalogue network: {pair['catalogue']['model']}'s weights (views: {pair['catalogue']['tta']}) — "
             "Fashion-MNIST's catalogue shots;",
             f"- multi-style network: {pair['multiStyle']['model']} (views: {pair['multiStyle']['tta']}), trained "
             "with supervised contrastive and instance losses on every style — drawings and re-shot garments.",
             "The views and the weight were chosen on validation only (the best instance Recall@1 on the held-out "
             "validation styles among the choices within the registry's tolerance on Fashion-MNIST validation)."]
    if champ:
        lines += [f"The previous champion on the same test data: Fashion-MNIST Recall@1 {_pct(champ['test_recall@1'])}, "
                  f"held-out styles class Recall@1 {_pct(champ['styles_test_recall@1'])}, re-shot garments found first "
                  f"{_pct(champ['styles_test_instance']['recall@1'])}, Fashion-MNIST re-shot {_pct(champ['fm_reshot_recall@1'])}."]
    return lines


def write_card(entry: dict, champion_of_record: dict | None, out: Path):
    m, name = entry["metrics"], entry["name"]
    labels = [l.get("fashionMnist") or l["label"] for l in entry["labels"]][:10]
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
                  *_styles_section(entry),
                  "## Metrics (Fashion-MNIST test set, 10,000 images)",
                  f"- Top-1 accuracy on its 10 classes: **{_pct(m['test_accuracy'])}** (subset of the first 2,000: {_pct(m['subset_accuracy'])})"
                  + (f"; counting any answer outside them as wrong: {_pct(m['test_accuracy_all_classes'])}" if "test_accuracy_all_classes" in m else ""),
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
                  *(["- Only 10 classes: skirts, shorts, hats, scarves, belts, jewellery… are forced into one of them "
                     "(usually with low confidence, which the gate catches)."] if len(entry["labels"]) <= 10 else
                    ["- Kinds with few source drawings (scarves, belts, skirts, shorts, socks) lean on procedural and "
                     "derived drawings; their held-out figures rest on few test drawings (see the per-class table)."])]
    else:
        lines += ["## Intended use",
                  "The Siamese embedding network: maps a garment (after the preprocessing contract) to a 128-d "
                  "unit vector; cosine similarity finds similar and near-duplicate items and feeds outfit "
                  "compatibility.", "",
                  "## Metrics (Fashion-MNIST test set, cosine nearest neighbours, self excluded)",
                  f"- Recall@1: **{_pct(m['test_recall@1'])}**, Recall@5: {_pct(m['test_recall@5'])}, "
                  f"mAP: {m['test_mAP']:.4f}",
                  f"- Recall@1 on the first 2,000 test images alone: {_pct(m['subset_recall@1'])}",
                  *([f"- Held-out styles (test families): class Recall@1 {_pct(m['styles_test_recall@1'])}; "
                     f"re-shot garments (another photo of the same drawing) found first: "
                     f"{_pct(m['styles_test_instance']['recall@1'])} of {m['styles_test_instance']['queries']} queries",
                     f"- Fashion-MNIST re-shot (a new augmented view of a test image, searched among 2,000): "
                     f"Recall@1 {_pct(m['fm_reshot_recall@1'])}"] if "styles_test_instance" in m else []), "",
                  *_pair_section(entry),
                  "## Known limits",
                  "- Similarity is by garment class and silhouette in greyscale; colour similarity comes from "
                  "the colour extraction, not from this model.",
                  ("- Re-shot garments are found first about 7 times in 10 on held-out styles: look-alikes of one "
                   "kind still outrank the same garment at times." if "pair" in entry else
                   "- Trained with class labels only: two different shirts are 'similar' even if their styles differ.")]
    ood = m.get("ood") or {}
    if "styles_test" not in m and "styles_test_instance" not in m:
        lines += ["", "## Out-of-distribution check", ""]
    if "styles_test" in m or "styles_test_instance" in m:
        pass
    elif "accuracy" in ood:
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
    lines += _experts_section(entry)
    st = entry["dataset"].get("styles")
    if st:
        lines += ["", f"Multi-style data set: `{st['name']}` v{st['version']}, sha256 `{st['sha256'][:16]}…` "
                  "(models/datasets/, built by models/training/styles/build.py; every source and licence is listed there). "
                  f"Validation: {entry['dataset']['validation']}. Test: {entry['dataset']['test']}."]
    t = entry.get("training", {})
    lines += ["", "## Data and training",
              *(["No network was trained for this model: it joins two registered networks (see Composition)."] if "pair" in entry else []),
              "Fashion-MNIST (Debian `dataset-fashion-mnist`), fingerprint "
              f"`{entry['dataset']['fingerprint']['combined'][:16]}…`; validation: 500 images per class carved "
              "from train with a fixed seed; the test set is used only for this report.",
              ("Each network: a shared backbone" if "pair" in entry else
               f"Training: {t.get('epochs')} epochs{_phases(t.get('config', {}))}, "
               f"{t.get('wall_time_min', 'n/a')} min wall time, config in the registry entry. Shared backbone")
              + " (YOLOv8-cls style: Conv-BN-SiLU, C2f blocks, 1×1 conv to 512, "
              "global pooling) with a classification head (cross-entropy, label smoothing) and a projection "
              "head (supervised contrastive loss), trained jointly; weights are an exponential moving average.",
              ""]
    if champion_of_record and champion_of_record is not entry:
        lines += [f"Champion at the time of registration: v{champion_of_record['version']} "
                  f"({m['primary']} {champion_of_record['metrics'][m['primary']]:.4f})."]
    out.write_text("\n".join(lines) + "\n")
