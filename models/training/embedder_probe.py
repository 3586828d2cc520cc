"""Which embedding could replace the shipped one? Validation figures only (the test sets
are not read), for the choices the embedder has today:

- the champion's catalogue network (embedder v3's weights) at each test-time view mode
  ("flip+shift" is what ships: 10 views, most of the embed time in the vision worker);
- the multi-style expert of classifier v6 (a `train.py` run: supervised contrastive +
  instance losses on every style), with the mirror view;
- both, as one 128-d vector: each model's embedding reduced to 64 dimensions by PCA
  fitted on training images only, each half unit length, the two halves weighted
  equally (cosine = the mean of the two cosines).

  /usr/bin/python3 models/training/embedder_probe.py --run-dir /root/curator-runs/m1

Prints, per candidate: Fashion-MNIST validation class Recall@1 (all 5,000; the registry's
"no worse" figure), held-out validation styles class Recall@1 and instance Recall@1
(re-shot garments; the registry's "better" figure), and Fashion-MNIST validation re-shot
Recall@1 (a new augmented view searched among the originals).
"""
import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import pipeline as P  # noqa: E402
import styles_data  # noqa: E402
import styles_eval as SE  # noqa: E402
from evaluate import Scorer, load_sets, reshot_recall  # noqa: E402
from nets import EmbedderExport, build_net  # noqa: E402

PCA_FIT = 20000  # training images the PCA of the two-model vector is fitted on
PCA_SEED = 0


def embed(net, mode, x_u8, chunk=500):
    m = EmbedderExport(net, mode).eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(x_u8), chunk):
            out.append(m(torch.from_numpy(x_u8[i:i + chunk]).float().div(255).unsqueeze(1)))
    return torch.cat(out).numpy()


def pca(e, dims):
    """(mean, components [dims, D]) of the rows of e."""
    mu = e.mean(0)
    _, _, vt = np.linalg.svd(e - mu, full_matrices=False)
    return mu, vt[:dims]


def figures(fn, sets):
    _, _, _, nc = SE.table()
    sv = sets["st_val"]
    yv = sv["y"].astype(np.int64)
    fe, se = fn(sets["fm_val"][0]), fn(sv["x"])
    scorer = Scorer(lambda x, tta: (np.zeros((len(x), 10), np.float32), fn(x)), 10)
    return {
        "fm_val_recall@1": SE.class_recall(fe, sets["fm_val"][1]),
        "styles_val_recall@1": SE.class_recall(se, yv, exclude=nc),
        "styles_val_instance_recall@1": SE.instance_recall(se, sv["instance"], only=yv != nc)["recall@1"],
        "fm_val_reshot_recall@1": reshot_recall(scorer, sets["fm_val"][0], None),
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run-dir", help="the multi-style expert's train.py run (final.pt); omit for the catalogue network alone")
    p.add_argument("--styles", default=str(styles_data.DEFAULT_DIR))
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    sets = load_sets(args.styles)
    x_sample = torch.from_numpy(sets["fm_val"][0][:2000]).float().div(255).unsqueeze(1)
    catalogue, entry = P.catalogue_net(P.MODELS, x_sample)
    print(f"catalogue network: {entry['name']} v{entry['version']} (ships with {entry.get('flipTta')})")
    candidates = {f"catalogue, {m}": (lambda x, m=m: embed(catalogue, m, x)) for m in ("none", "flip", "flip+shift")}
    if args.run_dir:
        run = Path(args.run_dir)
        cfg = json.loads((run / "config.json").read_text())
        styles_net = build_net(len(data.class_table()), cfg.get("arch"))
        styles_net.load_state_dict(torch.load(run / "final.pt")["ema"])
        styles_net.eval()
        candidates["multi-style expert, flip"] = lambda x: embed(styles_net, "flip", x)
        # The PCA sees training images only: Fashion-MNIST train (not its validation split) + the styles train split.
        d = data.load()
        tr_idx, _ = data.split_train_val(d["train"][1])
        st_train = styles_data.load(args.styles, "train")["x"]
        rng = np.random.default_rng(PCA_SEED)
        fit_x = np.concatenate([d["train"][0][rng.choice(tr_idx, PCA_FIT // 2, replace=False)],
                                st_train[rng.choice(len(st_train), PCA_FIT // 2, replace=False)]])
        for cat_mode in ("flip", "flip+shift"):
            parts = [(catalogue, cat_mode), (styles_net, "flip")]
            bases = [pca(embed(net, mode, fit_x), 64) for net, mode in parts]

            def both(x, parts=parts, bases=bases):
                halves = []
                for (net, mode), (mu, comp) in zip(parts, bases):
                    h = (embed(net, mode, x) - mu) @ comp.T
                    halves.append(h / np.linalg.norm(h, axis=1, keepdims=True).clip(1e-12))
                return np.concatenate(halves, 1) / np.sqrt(2)
            candidates[f"both (catalogue {cat_mode} + multi-style flip, 64 + 64 PCA)"] = both
    rows = {}
    for name, fn in candidates.items():
        t0 = time.time()
        rows[name] = figures(fn, sets)
        print(f"{name}: {json.dumps({k: round(v, 4) for k, v in rows[name].items()})} ({time.time() - t0:.0f} s)", flush=True)
    print("\n| candidate | FM val class R@1 | styles val class R@1 | styles val instance R@1 | FM val re-shot R@1 |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | " + " | ".join(f"{r[k]:.4f}" for k in ("fm_val_recall@1", "styles_val_recall@1",
                                                                 "styles_val_instance_recall@1", "fm_val_reshot_recall@1")) + " |")


if __name__ == "__main__":
    main()
