"""One command from data to registered models:
data check -> train -> evaluate (candidate and champion, same data) -> export ONNX ->
parity check -> register (promote on validation) -> quantize what was promoted -> model cards.

  npm run models:data                     # build the multi-style data set (once; ~40 min)
  npm run models:train                    # full run (resumable: re-run to continue)
  /usr/bin/python3 models/training/pipeline.py --smoke   # CI: 1+1 epochs on a subset, temp registry
Options: --epochs N (main schedule), --finish-epochs K (light-augmentation finish),
--warm-start champion|none (fine-tune the champion or train from scratch), --run-dir DIR,
--force (promote against the validation verdict, never against a test regression; logged).
"""
import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import export  # noqa: E402
import quantize  # noqa: E402
import registry  # noqa: E402
import styles_data  # noqa: E402
import train  # noqa: E402
from card import write_card  # noqa: E402
from evaluate import SUBSET, evaluate, load_sets, onnx_scorer, torch_scorer, validation  # noqa: E402
from nets import build_net, count_params  # noqa: E402
from warmstart import warm_start  # noqa: E402


def used_params(net, kind):
    """Parameters the exported graph actually uses (backbone + its own head)."""
    head = net.fc if kind == "classification" else net.proj
    return count_params(net.backbone) + count_params(head)

MODELS = HERE.parent


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=16)
    p.add_argument("--finish-epochs", type=int, default=4)
    p.add_argument("--lr", type=float, default=0.04)
    p.add_argument("--warmup", type=float, default=0.05)
    p.add_argument("--min-per-class", type=int, default=3000)
    p.add_argument("--warm-start", default="champion", help="champion (fine-tune it) or none (from scratch)")
    p.add_argument("--styles", default=str(styles_data.DEFAULT_DIR))
    p.add_argument("--subset", type=int, default=0)
    p.add_argument("--run-dir", default=None)
    p.add_argument("--models-dir", default=str(MODELS))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--force", action="store_true")
    p.add_argument("--train-extra", default="",
                   help="more train.py arguments, passed as given (e.g. \"--widths 24,48,144,288 "
                        "--teacher-run RUN/final.pt --distill CLS.onnx,EMB.onnx\")")
    p.add_argument("--smoke", action="store_true", help="1+1 epochs on 2,000 images and the smoke data set, into a temporary registry")
    p.add_argument("--snapshot", action="store_true",
                   help="evaluate and register the run's latest checkpoint (EMA weights) without finishing training")
    return p.parse_args()


def step(msg):
    print(f"\n== {msg}", flush=True)


def write_test_subset(models_dir: Path):
    """The committed subset the Node tests use: the first 2,000 test images."""
    td = models_dir / "testdata"
    td.mkdir(exist_ok=True)
    x, y = data.load()["test"]
    (td / "fmnist-test-2000.images.bin").write_bytes(x[:SUBSET].astype(np.uint8).tobytes())
    (td / "fmnist-test-2000.labels.bin").write_bytes(y[:SUBSET].astype(np.uint8).tobytes())
    return x[:SUBSET]


def smoke_models_dir() -> Path:
    """A throwaway copy of the registry and its champions, so CI never edits models/."""
    tmp = Path(tempfile.mkdtemp(prefix="curator-smoke-"))
    reg = registry.load(MODELS / "registry.json")
    registry.save(reg, tmp / "registry.json")
    (tmp / "testdata").mkdir()
    for m in reg["models"]:
        if m.get("status") != "champion":
            continue  # retired and rejected entries keep no files
        for key in ("file", "reference"):
            if m.get(key):
                shutil.copyfile(MODELS / m[key], tmp / m[key])
    return tmp


def final_matches(run_dir: Path, args) -> bool:
    """final.pt exists and was trained to this schedule (an older run can be extended)."""
    path = run_dir / "final.pt"
    if not path.exists():
        return False
    final = torch.load(path)
    return (final.get("epochs") == args.epochs
            and final.get("finish_epochs", 0) == args.finish_epochs)


def champion_net(models_dir: Path, x_sample):
    """The champion rebuilt in torch from its two ONNX files (exact to ~1e-6, warmstart.py);
    (None, entry) when its classifier is a mixture of experts (experts.py), which has no
    single torch net."""
    _, cls, emb = _champions(models_dir)
    if not cls:
        return None, None
    if cls.get("experts"):
        return None, cls
    return _rebuild(models_dir, cls, emb, x_sample), cls


def _champions(models_dir: Path):
    """(registry, classifier, embedder) champions; both None unless there are both."""
    reg = registry.load(models_dir / "registry.json")
    cls, emb = registry.champion(reg, "garment-classifier"), registry.champion(reg, "garment-embedder")
    return (reg, cls, emb) if cls and emb else (reg, None, None)


def _rebuild(models_dir: Path, cls, emb, x_sample):
    # A champion from a wider run records its architecture in its training config.
    net = build_net(len(cls["labels"]), cls.get("training", {}).get("config", {}).get("arch"))
    files = [registry.model_file(models_dir, e) for e in (cls, emb)]
    warm_start(net, str(files[0]), str(files[1]), x_sample, len(cls["labels"]))
    return net.eval()


def single_net_entries(models_dir: Path):
    """(classifier, embedder) entries of the champion when it is one net, else of the
    catalogue expert an experts champion records; (None, None) without a champion."""
    reg, cls, emb = _champions(models_dir)
    if not cls or not cls.get("experts"):
        return cls, emb
    version = int(cls["experts"]["catalogue"]["model"].rsplit(" v", 1)[1])
    pick = {m["name"]: m for m in reg["models"] if m["version"] == version and m.get("file")}
    return pick["garment-classifier"], pick["garment-embedder"]


def catalogue_net(models_dir: Path, x_sample):
    """The catalogue expert for combine.py: the champion when it is one net, else the expert
    recorded in the experts champion's entry (its retired file comes back from git history)."""
    cls, emb = single_net_entries(models_dir)
    return (_rebuild(models_dir, cls, emb, x_sample), cls) if cls else (None, None)


def evaluate_champion(models_dir: Path, x_sample, sets, n_classes, validation_only=False):
    """The champion's figures on this run's data: in torch when it is one net, else through
    its shipped ONNX files in onnxruntime-web (what the app runs). `validation_only` (the
    smoke run: a throwaway registry) scores only what the registry's decision reads."""
    champ, entry = champion_net(models_dir, x_sample)
    if entry is None:
        return None
    if champ is not None:
        scorer, tta = torch_scorer(champ, n_classes), entry.get("flipTta", "none")
    else:
        emb = registry.champion(registry.load(models_dir / "registry.json"), "garment-embedder")
        scorer, tta = onnx_scorer(models_dir / entry["file"], models_dir / emb["file"], n_classes), "built-in"
    if validation_only:
        return {"validation": validation(scorer, sets, tta)[0]}
    return evaluate(scorer, sets, tta)


def write_styles_testdata(models_dir: Path, sets):
    """The held-out-style test images the Node tests score through the app's own path."""
    st = sets["st_test"]
    td = models_dir / "testdata"
    (td / "styles-test.images.bin").write_bytes(st["x"].astype(np.uint8).tobytes())
    (td / "styles-test.labels.bin").write_bytes(st["y"].astype(np.uint8).tobytes())
    (td / "styles-test.meta.json").write_text(json.dumps({
        "note": "Held-out style families of the multi-style set (models/datasets), test split: never trained on, "
                "never used for a choice. 28x28 uint8 after contract v1, row-major; labels index models/labels.json.",
        "families": sets["families"], "family": st["family"].tolist(), "instance": st["instance"].tolist()}) + "\n")


def dataset_block(summary, styles, styles_dir, suffix):
    """What a model was trained and measured on (the registry's data versioning)."""
    held = styles_data.manifest(styles_dir, suffix)["splits"]["heldOutFamilies"]
    return {"fingerprint": summary["fingerprint"], "styles": styles,
            "validation": f"Fashion-MNIST: 500 per class, seed {data.SPLIT_SEED}; held-out validation style families "
                          f"{', '.join(sorted(held['val']))}",
            "test": f"Fashion-MNIST t10k (10,000) + held-out test style families {', '.join(sorted(held['test']))}"}


def model_entry(name, kind, onnx_path, diff, params, ev, ev_champ, labels, dataset, training):
    """The registry entry of a candidate: its figures (ev), the champion's measured in the same
    run (ev_champ), the selection rule, the file's identity, its data and its training."""
    n_classes = len(labels)
    if kind == "classification":
        metrics = {"primary": "test_accuracy", **ev["classifier"], "personal": ev["personal"]}
        rule = {"better": "styles_val_category_accuracy", "no_worse": "fm_val_accuracy"}
    else:
        metrics = {"primary": "test_recall@1", **ev["embedder"]}
        rule = {"better": "styles_val_instance_recall@1", "no_worse": "fm_val_recall@1"}
    entry = {
        "name": name, "task": kind,
        "input": {"name": "image", "shape": ["batch", 1, 28, 28], "dtype": "float32",
                  "range": [0, 1], "preprocessingContract": 1},
        "output": ({"name": "logits", "shape": ["batch", n_classes]} if kind == "classification"
                   else {"name": "embedding", "shape": ["batch", 128], "l2Normalised": True}),
        "labels": labels,
        "sha256": export.sha256(onnx_path), "bytes": onnx_path.stat().st_size,
        "params": params,
        "parity_max_abs_diff": diff,
        "flipTta": ev["flip_tta"],
        "metrics": metrics,
        "selection": {"rule": rule, "candidate": ev["validation"],
                      "champion": ev_champ["validation"] if ev_champ else None,
                      "note": "both measured in this run on the same validation data; test plays no part"},
        "championOnThisTest": ({"classifier": {k: ev_champ["classifier"][k] for k in ("test_accuracy", "styles_test")},
                                "embedder": ev_champ["embedder"]} if ev_champ and "classifier" in ev_champ else None),
        "dataset": dataset,
        "training": training,
    }
    if not ev_champ:
        entry.pop("selection")
    if kind == "classification":
        entry["calibration"] = {**ev["calibration"], "notClothingIndex": n_classes - 1
                                if labels[-1]["key"] == "not-clothing" else None,
                                "personal": {k: ev["personal"]["params"][k] for k in ("temperature", "modelSimilarity", "topK")}}
    return entry


def register_and_publish(models_dir: Path, entry, onnx_path: Path, ref_path: Path, force=False):
    """The registry's decision on one candidate; when promoted, its model card and its int8
    file (measured, registered only when within tolerance). Returns register()'s triple."""
    entry, current, reason = registry.register(models_dir, entry, onnx_path, ref_path, force=force)
    print(f"{entry['name']} v{entry['version']}: {reason}")
    if entry["status"] == "champion":
        write_card(entry, current, models_dir / "cards" / f"{entry['name']}.md")
        for q in quantize.quantize_champions(models_dir / "registry.json", register=True, names={entry["name"]}):
            print(f"int8 {q['gzipBytes'] / 1e6:.2f} MB gzip, {q['metric']} {q['float']:.4f} -> {q['int8']:.4f}: "
                  + ("registered" if q["registered"] else "NOT registered"))
    return entry, current, reason


def main():
    args = parse()
    suffix = ""
    if args.smoke:
        args.epochs, args.finish_epochs, args.subset, args.min_per_class = 1, 1, 2000, 100
        args.models_dir = str(smoke_models_dir())
        args.run_dir = args.run_dir or tempfile.mkdtemp(prefix="curator-smoke-run-")
        suffix = "-smoke"
    models_dir = Path(args.models_dir)
    run_dir = Path(args.run_dir or HERE / "runs" / f"e{args.epochs}-f{args.finish_epochs}")
    t_start = time.time()

    step("data check")
    summary = data.check()
    styles = styles_data.describe(args.styles, suffix)
    print(json.dumps({"fashion-mnist": summary["fingerprint"]["combined"], "styles": styles}, indent=1))
    torch.set_num_threads(args.threads)
    sets = load_sets(args.styles, suffix)
    x_sample = torch.from_numpy(sets["fm_val"][0][:2000]).float().div(255).unsqueeze(1)

    planned = args.epochs + args.finish_epochs
    step(f"train ({args.epochs} + {args.finish_epochs} finish epochs, run dir {run_dir}; re-run to resume)")
    targs = ["--run-dir", str(run_dir), "--epochs", str(args.epochs), "--finish-epochs", str(args.finish_epochs),
             "--threads", str(args.threads), "--lr", str(args.lr), "--warmup", str(args.warmup),
             "--min-per-class", str(args.min_per_class), "--styles", args.styles, f"--styles-suffix={suffix}"]
    if args.warm_start == "champion":
        # An experts champion has no single net: its catalogue expert is the starting point.
        c, e = single_net_entries(models_dir)
        try:
            if c and e:
                targs += ["--warm-start", f"{registry.model_file(models_dir, c)},{registry.model_file(models_dir, e)}"]
        except (OSError, subprocess.CalledProcessError) as err:
            print(f"WARNING: no warm start ({err}); training from scratch")
    if args.subset:
        targs += ["--subset", str(args.subset)]
    targs += shlex.split(args.train_extra)
    if args.snapshot:
        weights = torch.load(run_dir / "last.pt")
        print(f"snapshot of epoch {weights['epoch'] + 1} of {planned} (training not finished)")
    elif not final_matches(run_dir, args):
        train.main(targs)
        weights = torch.load(run_dir / "final.pt")
    else:
        print("final.pt exists: training already complete")
        weights = torch.load(run_dir / "final.pt")
    torch.set_num_threads(args.threads)
    config = json.loads((run_dir / "config.json").read_text())
    net = build_net(len(data.class_table()), config.get("arch"))
    net.load_state_dict(weights["ema"])
    net.eval()
    log = [json.loads(l) for l in (run_dir / "log.jsonl").read_text().splitlines() if l.strip()]
    if args.snapshot:
        log = log[: weights["epoch"] + 1]

    step("evaluate the candidate (choices on validation, report on test)")
    n_classes = len(data.class_table())
    ev = evaluate(torch_scorer(net, n_classes), sets)
    print(json.dumps({"tta": ev["flip_tta"], "validation": ev["validation"], "calibration": {
        k: ev["calibration"][k] for k in ("temperature", "energyThreshold")}}, indent=1))
    step("personal recognition: fit on validation styles, simulate users on test styles")
    import personal
    ev["personal"] = personal.report(torch_scorer(net, n_classes), sets, args.styles, ev["flip_tta"],
                                     ev["calibration"]["temperature"])
    print(json.dumps(ev["personal"], indent=1))
    step("evaluate the champion on the same data (its own TTA)")
    ev_champ = evaluate_champion(models_dir, x_sample, sets, n_classes, validation_only=args.smoke)
    if ev_champ:
        print(json.dumps({"validation": ev_champ["validation"]}, indent=1))

    step("export ONNX (opset 17, dynamic batch) + parity with onnxruntime-web")
    x_sub = write_test_subset(models_dir)
    if not args.smoke:
        write_styles_testdata(models_dir, sets)
    x_parity = np.concatenate([x_sub[:32], sets["st_test"]["x"][:32]])
    labels = data.class_table()
    dataset = dataset_block(summary, styles, args.styles, suffix)
    training = {"config": config, "epochs": len(log), "planned_epochs": planned,
                "snapshot": bool(args.snapshot),
                "wall_time_min": round(sum(r["seconds"] for r in log) / 60, 1),
                "final_val_acc": log[-1]["val_acc"] if log else None,
                "log": str(run_dir / "log.jsonl")}
    outcomes = []
    for name, kind in (("garment-classifier", "classification"), ("garment-embedder", "embedding")):
        onnx_path = run_dir / f"{name}.onnx"
        wrapper = export.export_onnx(net, kind, ev["flip_tta"], onnx_path)
        diff, ref = export.parity(wrapper, onnx_path, x_parity)
        print(f"{name}: max |torch - onnxruntime-web| over {len(x_parity)} images = {diff:.2e}")
        ref_path = run_dir / f"{name}.reference.json"
        export.write_reference(ref_path, ref[: export.N_REFERENCE])
        entry = model_entry(name, kind, onnx_path, diff, used_params(net, kind), ev, ev_champ, labels,
                            dataset, training)
        outcomes.append(registry.register(models_dir, entry, onnx_path, ref_path, force=args.force))

    step("register + model cards")
    (models_dir / "cards").mkdir(exist_ok=True)
    for entry, current, reason in outcomes:
        print(f"{entry['name']} v{entry['version']}: {reason}")
        if entry["status"] == "champion":
            write_card(entry, current, models_dir / "cards" / f"{entry['name']}.md")
            if entry["name"] == "garment-embedder" and not args.smoke:
                # The catalog-search endpoint answers only queries from the embedder it was built with.
                print("  the product catalog must follow: node api/catalog/build.mjs (api/catalog/champion.test.ts checks it)")
    promoted = {entry["name"] for entry, _, _ in outcomes if entry["status"] == "champion"}
    if promoted:
        step("quantize the promoted models (weight-only int8, measured in onnxruntime-web; light install)")
        for q in quantize.quantize_champions(models_dir / "registry.json", register=True, names=promoted):
            print(f"{q['name']} v{q['version']}: int8 {q['gzipBytes'] / 1e6:.2f} MB gzip (float {q['floatGzipBytes'] / 1e6:.2f}), "
                  f"{q['metric']} {q['float']:.4f} -> {q['int8']:.4f}: " + ("registered" if q["registered"] else "NOT registered, the app keeps the float file"))
    (run_dir / "evaluation.json").write_text(json.dumps({"candidate": ev, "champion": ev_champ}, indent=1))
    print(f"figures: {run_dir / 'evaluation.json'}")
    if args.smoke:
        smoke_checks(models_dir, outcomes, net, ev, run_dir)
    print(f"\npipeline done in {(time.time() - t_start) / 60:.1f} min; registry: {models_dir / 'registry.json'}")


def smoke_checks(models_dir, outcomes, net, ev, run_dir):
    """CI: prove the registry refuses a model that does not beat the champion."""
    for entry, current, reason in outcomes:
        if current is not None:
            assert entry["status"] == "rejected", f"smoke model was not rejected: {reason}"
            print(f"ok: registry refused the 1-epoch {entry['name']} ({reason})")
        else:
            # Fresh registry: the same candidate again must not replace itself.
            again = dict(entry, metrics=dict(entry["metrics"]))
            e2, _, r2 = registry.register(models_dir, again, run_dir / f"{entry['name']}.onnx", None)
            assert e2["status"] == "rejected", f"equal model was promoted: {r2}"
            print(f"ok: registry refused an equal {entry['name']} ({r2})")


if __name__ == "__main__":
    main()
