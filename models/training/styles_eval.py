"""Figures on held-out styles: what a user photographing garments in styles nobody
trained on would see.

Everything works on numpy logits/embeddings, so the same code scores a torch candidate
and a champion's ONNX file. Conventions (the app's):
- an *answer* is the top class after temperature scaling; the app *files* it (a confident
  answer) when it is not refused and at or above the gate (0.93); "right" is judged at
  the app-category level (a T-shirt filed as a shirt is right: both are tops), and,
  separately, at the class level; a non-garment filed as a garment is wrong;
- a picture is *refused* when the top class is "not clothing" or its out-of-distribution
  score (energy over the garment classes) is below the threshold fitted on validation;
  a non-garment counts as handled when it is refused or not confidently answered
  (the app asks);
- new kinds are the classes Fashion-MNIST lacks (labels.json indices 10-22).
"""
import numpy as np

import data

THRESHOLD = 0.93


def table():
    t = data.class_table()
    cats = np.array([c["category"] or "none" for c in t])
    keys = [c["key"] for c in t]
    nc = keys.index("not-clothing") if "not-clothing" in keys else -1
    return t, cats, keys, nc


def softmax(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def energy(logits, nc):
    """Free energy over the garment classes (higher = more garment-like), as in
    Liu et al. 2020 with T = 1; the "not clothing" logit is left out on purpose."""
    g = np.delete(logits, nc, axis=1) if nc >= 0 else logits
    m = g.max(1, keepdims=True)
    return (m + np.log(np.exp(g - m).sum(1, keepdims=True)))[:, 0]


def fit_energy_threshold(logits_val, y_val, nc, max_false_refusal=0.02):
    """The highest energy threshold that refuses at most `max_false_refusal` of the
    validation garments (fitted on held-out validation styles + Fashion-MNIST val)."""
    garment = y_val != nc
    e = energy(logits_val, nc)[garment]
    return float(np.quantile(e, max_false_refusal))


def decisions(logits, temperature, energy_threshold, nc, threshold=THRESHOLD):
    p = softmax(logits / temperature)
    pred = p.argmax(1)
    conf = p.max(1)
    refused = (pred == nc) | (energy(logits, nc) < energy_threshold) if nc >= 0 else np.zeros(len(p), bool)
    return pred, conf, refused


def score(logits, y, families, family_names, temperature, energy_threshold, threshold=THRESHOLD):
    t, cats, keys, nc = table()
    pred, conf, refused = decisions(logits, temperature, energy_threshold, nc, threshold)
    y = np.asarray(y)
    garment = y != nc
    cat_right = cats[pred] == cats[y]
    cls_right = pred == y
    # Final answer the user sees: refused -> "not clothing"; else the class.
    final_cat = np.where(refused, "none", cats[pred])
    final_right = final_cat == cats[y]
    # What the app files without asking: not refused, and the top class at or above the gate.
    answered_conf = ~refused & (conf >= threshold)
    new_kind = garment & (y >= 10)
    out = {
        "n": int(len(y)), "garments": int(garment.sum()), "non_garments": int((~garment).sum()),
        "category_accuracy": float(cat_right[garment].mean()),
        "class_accuracy": float(cls_right[garment].mean()),
        "category_accuracy_after_refusal": float(final_right[garment].mean()),
        "false_refusal": float(refused[garment].mean()),
        "new_kinds": {"n": int(new_kind.sum()),
                      "category_accuracy": float(cat_right[new_kind].mean()) if new_kind.any() else None,
                      "class_accuracy": float(cls_right[new_kind].mean()) if new_kind.any() else None},
        "gate": {"threshold": threshold,
                 "share_confident": float(answered_conf.mean()),
                 "accuracy_confident": float(cat_right[answered_conf].mean()) if answered_conf.any() else None,
                 "garment_share_confident": float(answered_conf[garment].mean()),
                 "garment_accuracy_confident": float(cat_right[answered_conf & garment].mean()) if (answered_conf & garment).any() else None},
        "non_garment": ({"refused": float(refused[~garment].mean()),
                         "refused_or_asked": float((refused | (conf < threshold))[~garment].mean()),
                         "confidently_filed_as_garment": float(((~refused) & (conf >= threshold))[~garment].mean())}
                        if (~garment).any() else None),
        "per_class": {}, "per_family": {}, "per_family_class": {},
    }
    for c in range(len(t)):
        m = y == c
        if m.any():
            out["per_class"][keys[c]] = {"n": int(m.sum()), "class_accuracy": float(cls_right[m].mean()),
                                         "category_accuracy": float(final_right[m].mean())}
    fam = np.asarray(families)
    for f in np.unique(fam):
        m = fam == f
        g = m & garment
        name = family_names[f]
        out["per_family"][name] = {"n": int(m.sum()),
                                   "category_accuracy": float(cat_right[g].mean()) if g.any() else None,
                                   "class_accuracy": float(cls_right[g].mean()) if g.any() else None,
                                   "non_garment_handled": float((refused | (conf < threshold))[m & ~garment].mean()) if (m & ~garment).any() else None}
        out["per_family_class"][name] = {keys[c]: {"n": int((m & (y == c)).sum()), "category_accuracy": float(final_right[m & (y == c)].mean())}
                                         for c in range(len(t)) if (m & (y == c)).any()}
    return out


def instance_recall(emb, instance, only=None):
    """Re-shot garments: for each image whose garment (instance) has another image, is
    the nearest other image (cosine) one of the same garment?"""
    emb = np.asarray(emb, np.float32)
    inst = np.asarray(instance)
    _, counts = np.unique(inst, return_counts=True)
    multi = np.isin(inst, np.unique(inst)[counts > 1])
    if only is not None:
        multi &= only
    q = np.flatnonzero(multi)
    hits = 0
    for i in range(0, len(q), 512):
        qi = q[i:i + 512]
        sim = emb[qi] @ emb.T
        sim[np.arange(len(qi)), qi] = -2
        hits += int((inst[sim.argmax(1)] == inst[qi]).sum())
    return {"queries": int(len(q)), "recall@1": hits / max(1, len(q))}


def class_recall(emb, y, exclude=None):
    emb = np.asarray(emb, np.float32)
    y = np.asarray(y)
    keep = np.ones(len(y), bool) if exclude is None else y != exclude
    e, yy = emb[keep], y[keep]
    hits = 0
    for i in range(0, len(e), 1024):
        sim = e[i:i + 1024] @ e.T
        sim[np.arange(len(sim)), np.arange(i, i + len(sim))] = -2
        hits += int((yy[sim.argmax(1)] == yy[i:i + 1024]).sum())
    return hits / max(1, len(e))
