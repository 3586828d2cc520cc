"""One command from data to registered models:
data check -> train -> evaluate -> export ONNX -> parity check -> register -> model cards.

  npm run models:train                    # full run (resumable: re-run to continue)
  /usr/bin/python3 models/training/pipeline.py --smoke   # CI: 1 epoch on a subset, temp registry
Options: --epochs N (main schedule), --finish-epochs K (light-augmentation finish),
--run-dir DIR, --force (promote even if not better; says so).
"""
import argparse
import json
import shutil
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
import registry  # noqa: E402
import train  # noqa: E402
from card import write_card  # noqa: E402
from evaluate import SUBSET, evaluate  # noqa: E402
from nets import GarmentNet, count_params  # noqa: E402


def used_params(net, kind):
    """Parameters the exported graph actually uses (backbone + its own head)."""
    head = net.fc if kind == "classification" else net.proj
    return count_params(net.backbone) + count_params(head)

MODELS = HERE.parent


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=85)
    p.add_argument("--finish-epochs", type=int, default=20)
    p.add_argument("--subset", type=int, default=0)
    p.add_argument("--run-dir", default=None)
    p.add_argument("--models-dir", default=str(MODELS))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--force", action="store_true")
    p.add_argument("--smoke", action="store_true", help="1 epoch on 2,000 images into a temporary registry")
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


def main():
    args = parse()
    if args.smoke:
        args.epochs, args.finish_epochs, args.subset = 1, 1, 2000
        args.models_dir = str(smoke_models_dir())
        args.run_dir = args.run_dir or tempfile.mkdtemp(prefix="curator-smoke-run-")
    models_dir = Path(args.models_dir)
    run_dir = Path(args.run_dir or HERE / "runs" / f"e{args.epochs}-f{args.finish_epochs}")
    t_start = time.time()

    step("data check")
    summary = data.check()
    print(json.dumps(summary["fingerprint"], indent=1))

    planned = args.epochs + args.finish_epochs
    step(f"train ({args.epochs} + {args.finish_epochs} finish epochs, run dir {run_dir}; re-run to resume)")
    targs = ["--run-dir", str(run_dir), "--epochs", str(args.epochs),
             "--finish-epochs", str(args.finish_epochs), "--threads", str(args.threads)]
    if args.subset:
        targs += ["--subset", str(args.subset)]
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
    net = GarmentNet()
    net.load_state_dict(weights["ema"])
    net.eval()
    log = [json.loads(l) for l in (run_dir / "log.jsonl").read_text().splitlines() if l.strip()]
    if args.snapshot:
        log = log[: weights["epoch"] + 1]
    config = json.loads((run_dir / "config.json").read_text())

    step("evaluate (choices on validation, report on test)")
    ev = evaluate(net)
    print(json.dumps({k: ev[k] for k in ("flip_tta", "tta_choice", "calibration", "embedder")}, indent=1))
    print("test accuracy", ev["classifier"]["test_accuracy"], "ood", json.dumps(ev.get("ood")))

    step("export ONNX (opset 17, dynamic batch) + parity with onnxruntime-web")
    x_sub = write_test_subset(models_dir)
    outcomes = []
    for name, kind in (("garment-classifier", "classification"), ("garment-embedder", "embedding")):
        onnx_path = run_dir / f"{name}.onnx"
        wrapper = export.export_onnx(net, kind, ev["flip_tta"], onnx_path)
        diff, ref = export.parity(wrapper, onnx_path, x_sub[:64])
        print(f"{name}: max |torch - onnxruntime-web| over 64 images = {diff:.2e}")
        ref_path = run_dir / f"{name}.reference.json"
        export.write_reference(ref_path, ref[: export.N_REFERENCE])
        labels = data.class_table()
        entry = {
            "name": name, "task": kind,
            "input": {"name": "image", "shape": ["batch", 1, 28, 28], "dtype": "float32",
                      "range": [0, 1], "preprocessingContract": 1},
            "output": ({"name": "logits", "shape": ["batch", 10]} if kind == "classification"
                       else {"name": "embedding", "shape": ["batch", 128], "l2Normalised": True}),
            "labels": labels,
            "sha256": export.sha256(onnx_path), "bytes": onnx_path.stat().st_size,
            "params": used_params(net, kind),
            "parity_max_abs_diff": diff,
            "flipTta": ev["flip_tta"],
            "metrics": {**(ev["classifier"] if kind == "classification" else ev["embedder"]),
                        "ood": ev.get("ood")},
            "dataset": {"fingerprint": summary["fingerprint"], "validation": "500 per class, seed "
                        f"{data.SPLIT_SEED}", "test": "Fashion-MNIST t10k (10,000)"},
            "training": {"config": config, "epochs": len(log), "planned_epochs": planned,
                         "snapshot": bool(args.snapshot),
                         "wall_time_min": round(sum(r["seconds"] for r in log) / 60, 1),
                         "final_val_acc": log[-1]["val_acc"] if log else None,
                         "log": str(run_dir / "log.jsonl")},
        }
        if kind == "classification":
            entry["calibration"] = ev["calibration"]
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
