"""Final evaluation of a trained network: validation for every choice, test for the report.

Validation = Fashion-MNIST's fixed validation split + the held-out *validation* style
families of the multi-style set. Test = Fashion-MNIST t10k + the held-out *test* style
families, read once, for the report. Chosen on validation: the test-time augmentation,
the temperature, the out-of-distribution (energy) threshold.
"""
import numpy as np
import torch
import torch.nn.functional as F

import data
import styles_data
import styles_eval as SE
from augment import FULL, augment
from metrics import confusion, ece, fit_temperature, gate_stats, predict, recall_map

SUBSET = 2000  # the committed test subset: the first 2,000 test images
THRESHOLD = 0.93
GATE_CURVE = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99)
HIST_BINS = 20
CAL_SEED = 20261205


def confidence_histogram(probs, bins=HIST_BINS):
    """Counts of top-1 confidence in `bins` equal bins over [0, 1] (the last bin includes 1)."""
    conf = probs.max(1).values.clamp(0, 1)
    idx = (conf * bins).long().clamp(max=bins - 1)
    return {"bins": bins, "range": [0, 1], "counts": torch.bincount(idx, minlength=bins).tolist()}


class Scorer:
    """Logits and embeddings of one model on the evaluation sets (numpy, padded to the
    current label table so a 10-class champion and a 24-class candidate compare)."""

    def __init__(self, run, n_classes):
        self.run, self.n = run, n_classes  # run(x_uint8 [N,28,28], tta) -> (logits, emb) numpy

    def __call__(self, x, tta):
        logits, emb = self.run(x, tta)
        if logits.shape[1] < self.n:
            logits = np.concatenate([logits, np.full((len(logits), self.n - logits.shape[1]), -1e4, np.float32)], 1)
        return logits.astype(np.float64), emb


def torch_scorer(net, n_classes):
    def run(x, tta):
        l, e = predict(net, x, flip_tta=tta)
        return l.numpy(), e.numpy()
    return Scorer(run, n_classes)


def onnx_scorer(classifier_onnx, embedder_onnx, n_classes, chunk=2000):
    """Logits and embeddings of shipped ONNX files, run by onnxruntime-web (ort_run.mjs) in
    chunks; their test-time views are inside the graphs, so `tta` is ignored."""
    from export import ort_outputs

    def run(x, tta):
        xf = x.astype(np.float32)[:, None] / 255.0
        out = []
        for path in (classifier_onnx, embedder_onnx):
            out.append(np.concatenate([ort_outputs(path, xf[i:i + chunk]) for i in range(0, len(xf), chunk)]))
        return out[0], out[1]
    return Scorer(run, n_classes)


def load_sets(styles_dir, suffix=""):
    d = data.load()
    x_tr, y_tr = d["train"]
    _, val_idx = data.split_train_val(y_tr)
    sets = {"fm_val": (x_tr[val_idx], y_tr[val_idx].astype(np.int64)), "fm_test": d["test"]}
    for split in ("val", "test"):
        s = styles_data.load(styles_dir, split, suffix)
        sets[f"st_{split}"] = s
    sets["families"] = styles_data.families(styles_dir, suffix)
    return sets


def _fm10(logits):
    return logits[:, :10]


def validation(scorer, sets, tta):
    """What model selection and the registry compare: validation only."""
    _, cats, keys, nc = SE.table()
    fl, fe = scorer(sets["fm_val"][0], tta)
    sv = sets["st_val"]
    sl, se = scorer(sv["x"], tta)
    yv = sv["y"].astype(np.int64)
    garment = yv != nc
    return {
        "fm_val_accuracy": float((_fm10(fl).argmax(1) == sets["fm_val"][1]).mean()),
        "styles_val_category_accuracy": float((cats[sl.argmax(1)] == cats[yv])[garment].mean()),
        "styles_val_class_accuracy": float((sl.argmax(1) == yv)[garment].mean()),
        "fm_val_recall@1": SE.class_recall(fe[:2000], sets["fm_val"][1][:2000]),
        "styles_val_recall@1": SE.class_recall(se, yv, exclude=nc),
        "styles_val_instance_recall@1": SE.instance_recall(se, sv["instance"], only=garment)["recall@1"],
    }, (fl, sl)


# Test-time views the app can afford: classify + embed must stay within ~15 ms per photo
# in the vision worker (WASM), and "flip+shift" runs 10 views of each model.
AFFORDABLE_TTA = ("none", "flip")


def choose_tta(scorer, sets):
    """The cheapest affordable TTA mode with the best mean of Fashion-MNIST and
    held-out-style validation accuracy (never test)."""
    scores = {}
    for m in AFFORDABLE_TTA:
        v, _ = validation(scorer, sets, m)
        scores[m] = (v["fm_val_accuracy"] + v["styles_val_category_accuracy"]) / 2
    best = max(scores.values())
    return next(m for m in AFFORDABLE_TTA if scores[m] >= best - 1e-9), {f"val_score_{m}": s for m, s in scores.items()}


def calibrate(fl, fm_y, sl, st_y):
    """One temperature for every style: fitted on validation with the held-out-style
    images and an equal number of Fashion-MNIST validation images, so neither world
    dominates; then the energy threshold on the same images."""
    _, _, _, nc = SE.table()
    rng = np.random.default_rng(CAL_SEED)
    pick = rng.choice(len(fl), min(len(fl), len(sl)), replace=False)
    logits = np.concatenate([fl[pick], sl])
    y = np.concatenate([fm_y[pick], st_y])
    t = fit_temperature(torch.from_numpy(logits).float(), y)
    e = SE.fit_energy_threshold(logits, y, nc)
    return t, e


@torch.no_grad()
def reshot_recall(scorer, x, tta, n=2000, seed=7):
    """Fashion-MNIST re-shot: a new augmented view (the training's photo-like augmentation)
    of each of the first n test images, searched among the n originals."""
    g = torch.Generator().manual_seed(seed)
    xs = torch.from_numpy(x[:n]).float().div(255).unsqueeze(1)
    aug = (augment(xs, g, FULL).clamp(0, 1) * 255).round().byte().squeeze(1).numpy()
    _, e0 = scorer(x[:n], tta)
    _, e1 = scorer(aug, tta)
    sim = e1 @ e0.T
    return float((sim.argmax(1) == np.arange(n)).mean())


def evaluate(scorer, sets, tta=None):
    """Every figure of the report. `scorer` wraps a torch candidate or a champion's ONNX."""
    _, cats, keys, nc = SE.table()
    tta_info = {}
    if tta is None:
        tta, tta_info = choose_tta(scorer, sets)
    val, (fl, sl) = validation(scorer, sets, tta)
    temperature, e_thr = calibrate(fl, sets["fm_val"][1], sl, sets["st_val"]["y"].astype(np.int64))

    x_te, y_te = sets["fm_test"]
    logits, emb = scorer(x_te, tta)
    l10 = torch.from_numpy(_fm10(logits)).float()
    names = [c["fashionMnist"] for c in data.class_table()[:10]]
    cm = confusion(l10, y_te)
    yt = torch.from_numpy(y_te).long()
    p_raw = F.softmax(torch.from_numpy(logits).float(), 1)
    p_cal = F.softmax(torch.from_numpy(logits).float() / temperature, 1)
    cls = {
        "test_accuracy": float((l10.argmax(1).numpy() == y_te).mean()),
        "test_accuracy_all_classes": float((logits.argmax(1) == y_te).mean()),
        "per_class_accuracy": {names[i]: float(cm[i, i] / cm[i].sum()) for i in range(10)},
        "confusion_matrix": cm.tolist(),
        "subset_accuracy": float((l10[:SUBSET].argmax(1).numpy() == y_te[:SUBSET]).mean()),
        "test_nll_raw": float(F.nll_loss(torch.log(p_raw + 1e-12), yt)),
        "test_nll_calibrated": float(F.nll_loss(torch.log(p_cal + 1e-12), yt)),
    }
    st = sets["st_test"]
    s_logits, s_emb = scorer(st["x"], tta)
    sy = st["y"].astype(np.int64)
    cls["styles_test"] = SE.score(s_logits, sy, st["family"], sets["families"], temperature, e_thr)
    cls["styles_val"] = SE.score(sl, sets["st_val"]["y"].astype(np.int64), sets["st_val"]["family"], sets["families"], temperature, e_thr)
    ps_raw = F.softmax(torch.from_numpy(s_logits).float(), 1)
    ps_cal = F.softmax(torch.from_numpy(s_logits).float() / temperature, 1)
    calibration = {
        "temperature": temperature, "threshold": THRESHOLD, "energyThreshold": e_thr,
        "fitted_on": "validation: Fashion-MNIST validation split + held-out validation style families, equal numbers",
        "test_ece_before": ece(p_raw, y_te), "test_ece_after": ece(p_cal, y_te),
        "styles_test_ece_before": ece(ps_raw, sy), "styles_test_ece_after": ece(ps_cal, sy),
        "test_gate_before": gate_stats(p_raw, y_te, THRESHOLD),
        "test_gate_after": gate_stats(p_cal, y_te, THRESHOLD),
        "test_confidence_histogram": confidence_histogram(p_cal),
        "test_gate_curve": [gate_stats(p_cal, y_te, t) for t in GATE_CURVE],
    }
    garment = sy != nc
    emb_metrics = {
        "test_recall@1": SE.class_recall(emb, y_te),
        **{f"test_{k}": v for k, v in recall_map(torch.from_numpy(emb), y_te).items() if k != "recall@1"},
        "subset_recall@1": SE.class_recall(emb[:SUBSET], y_te[:SUBSET]),
        "styles_test_recall@1": SE.class_recall(s_emb, sy, exclude=nc),
        "styles_test_instance": SE.instance_recall(s_emb, st["instance"], only=garment),
        "fm_reshot_recall@1": reshot_recall(scorer, x_te, tta),
    }
    return {"flip_tta": tta, "tta_choice": tta_info, "validation": val, "classifier": cls,
            "calibration": calibration, "embedder": emb_metrics}
