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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pipeline as P  # noqa: E402
import styles_data  # noqa: E402
import styles_eval as SE  # noqa: E402
from evaluate import Scorer, load_sets, reshot_recall  # noqa: E402
from nets import EmbedderExport  # noqa: E402
from pair_embedder import PairEmbedder, embed, pca, pca_images, styles_expert  # noqa: E402


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
    alone = lambda net, mode: EmbedderExport(net, mode).eval()  # noqa: E731
    candidates = {f"catalogue, {m}": alone(catalogue, m) for m in ("none", "flip", "flip+shift")}
    if args.run_dir:
        styles_net = styles_expert(Path(args.run_dir))
        candidates["multi-style expert, flip"] = alone(styles_net, "flip")
        fit_x = pca_images(args.styles)
        styles_basis = pca(embed(candidates["multi-style expert, flip"], fit_x))
        for cat_mode in ("flip", "flip+shift"):
            basis = pca(embed(candidates[f"catalogue, {cat_mode}"], fit_x))
            candidates[f"both (catalogue {cat_mode} + multi-style flip, 64 + 64 PCA)"] = PairEmbedder(
                [(catalogue, cat_mode), (styles_net, "flip")], [basis, styles_basis], [0.5, 0.5]).eval()
    rows = {}
    for name, module in candidates.items():
        t0 = time.time()
        rows[name] = figures(lambda x, module=module: embed(module, x), sets)
        print(f"{name}: {json.dumps({k: round(v, 4) for k, v in rows[name].items()})} ({time.time() - t0:.0f} s)", flush=True)
    print("\n| candidate | FM val class R@1 | styles val class R@1 | styles val instance R@1 | FM val re-shot R@1 |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        print(f"| {name} | " + " | ".join(f"{r[k]:.4f}" for k in ("fm_val_recall@1", "styles_val_recall@1",
                                                                 "styles_val_instance_recall@1", "fm_val_reshot_recall@1")) + " |")


if __name__ == "__main__":
    main()
