"""Register a detector run in a registry file (models/registry.json's format, registry.py).

    /usr/bin/python3 models/training/detect/register_detect.py --run-dir RUN --registry /tmp/reg.json [--force]

Needs RUN/eval.json (eval_detect.py) and the export made with it (export_detect.py --eval):
garment-detector.onnx, reference.json, export.json. The entry `garment-detector` holds the
input (256, letterbox top-left, pad 114/255), the validation-chosen `postprocess` block, the
scene set it was evaluated on (scenes-manifest.json, which names the recognition manifest
models/datasets/garments-v2.json), the figures on validation and test, and the training config.
Promotion (decide): the first garment-detector becomes champion if it works (exported with
parity, finds garments on validation: mAP@0.5 > 0); later ones only when mAP@0.5 on the
validation scenes beats the champion's and count accuracy is no worse, both on the same scene
set (same sha256; otherwise rejected unless --force). Test figures never decide. A promoted
model's ONNX and reference are copied next to the registry as garment-detector-v<N>.onnx and
testdata/garment-detector-v<N>.reference.json, and its card written to cards/garment-detector.md; a
rejected one is recorded without a file. --force may overrule the validation verdict (recorded as
"forced"), never promote a model worse on test than the champion.
"""
import argparse
import hashlib
import json
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import registry as RG  # noqa: E402
from card_detect import write_card  # noqa: E402
from postprocess import finite  # noqa: E402

NAME = "garment-detector"


def decide(entry: dict, current: dict | None, force: bool = False):
    """(promote, reason): validation mAP@0.5 must beat the champion, count accuracy no worse."""
    c = entry["selection"]["candidate"]
    if not entry["export"]["parity_ok"]:
        return False, "rejected: onnxruntime-web parity failed"
    if current is None:
        if c["map50"] > 0:
            return True, f"first {NAME}: becomes champion (validation mAP@0.5 {c['map50']:.4f}, count accuracy {c['count_accuracy']:.4f})"
        return False, "rejected: finds nothing on the validation scenes (mAP@0.5 = 0)"
    ch = current["selection"]["candidate"]
    if current["dataset"]["scenes"]["sha256"] != entry["dataset"]["scenes"]["sha256"] and not force:
        return False, "rejected: evaluated on different validation scenes than the champion (sha256 differ)"
    verdict = (f"validation mAP@0.5 {c['map50']:.4f} vs champion v{current['version']} {ch['map50']:.4f}; "
               f"count accuracy {c['count_accuracy']:.4f} vs {ch['count_accuracy']:.4f}")
    if c["map50"] > ch["map50"] and c["count_accuracy"] >= ch["count_accuracy"]:
        return True, "promoted on validation: " + verdict
    if force:
        if entry["metrics"]["test"]["map50"] < current["metrics"]["test"]["map50"]:
            return False, "rejected: --force cannot promote a model worse on test (mAP@0.5) than the champion: " + verdict
        entry["forced"] = True
        return True, "FORCED promotion (--force) against the validation verdict: " + verdict
    why = "mAP@0.5 not better" if c["map50"] <= ch["map50"] else "count accuracy worse"
    return False, f"rejected ({why}): " + verdict


def build_entry(run: Path) -> dict:
    ev = json.loads((run / "eval.json").read_text())
    ex = json.loads((run / "export.json").read_text())
    cfg = json.loads((run / "config.json").read_text()) if (run / "config.json").exists() else {}
    onnx = run / "garment-detector.onnx"
    pp = json.loads((run / "postprocess.json").read_text())
    if {k: pp[k] for k in ev["postprocess"]} != ev["postprocess"]:
        raise SystemExit("postprocess.json is not eval.json's choice: export again with --eval RUN/eval.json")
    scenes = (ev.get("scenes") or {}).get("manifest") or {}
    v, t = ev["validation"], ev["test"]
    pick = lambda s: {k: s[k] for k in ("map50", "map50_95", "count_accuracy", "precision", "recall", "f1", "mask_iou", "empty_false_positive_rate", "scenes", "garments")}  # noqa: E731
    return finite({
        "name": NAME, "task": "detection",
        "input": {"name": "images", "shape": ["batch", 3, 256, 256], "dtype": "float32", "range": [0, 1], "size": 256,
                  "letterbox": "top-left", "pad": 114 / 255, "contract": "models/DETECTION.md"},
        "output": {"boxes": ["batch", 1344, 4], "scores": ["batch", 1344], "coeffs": ["batch", 1344, 16], "protos": ["batch", 16, 64, 64]},
        "postprocess": ev["postprocess"],
        "sha256": hashlib.sha256(onnx.read_bytes()).hexdigest(), "bytes": onnx.stat().st_size,
        "params": ex["parameters"], "gflops": ex["gflops"], "parity_max_abs_diff": max(ex["parity_max_abs_diff"].values()),
        "export": {"parity_ok": ex["parity_ok"], "ort_web_wasm_batch1": ex.get("ort_web_wasm_batch1")},
        "metrics": {"primary": "test_map50", "test_map50": t["map50"], "test": {**pick(t), "per_class": t.get("per_class"), "by_garment_count": t.get("by_garment_count")},
                    "validation": {**pick(v), "per_class": v.get("per_class")}},
        "selection": {"candidate": {"map50": v["map50"], "count_accuracy": v["count_accuracy"]},
                      "rule": "validation mAP@0.5 beats the champion and validation count accuracy is no worse"},
        "dataset": {"scenes": {"name": scenes.get("name"), "version": scenes.get("version"), "sha256": scenes.get("sha256"),
                               "files": scenes.get("files"), "validation": (ev.get("scenes") or {}).get("val"), "test": (ev.get("scenes") or {}).get("test")},
                    "recognition": scenes.get("sources")},
        "training": {"config": cfg, "run_dir": str(run)},
    })


def register(registry_path: Path, run: Path, force: bool = False):
    """Adds the run's entry to the registry at registry_path; files go next to it when promoted."""
    registry_path = Path(registry_path)
    entry = build_entry(Path(run))
    reg = RG.load(registry_path)
    entry["version"] = RG.next_version(reg, NAME)
    entry["date"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    entry["gitCommit"] = RG.git_commit(Path(__file__).resolve().parent)
    current = RG.champion(reg, NAME)
    promote, reason = decide(entry, current, force)
    entry["note"] = reason
    folder = registry_path.parent
    if promote:
        entry["file"], entry["status"] = f"{NAME}-v{entry['version']}.onnx", "champion"
        shutil.copyfile(Path(run) / "garment-detector.onnx", folder / entry["file"])
        entry["reference"] = f"testdata/{NAME}-v{entry['version']}.reference.json"
        (folder / "testdata").mkdir(exist_ok=True)
        shutil.copyfile(Path(run) / "reference.json", folder / entry["reference"])
        if current is not None:
            current["status"] = "retired"
            for key in ("file", "reference"):
                old = current.get(key)
                if old and (folder / old).exists():
                    (folder / old).unlink()
    else:
        entry["file"], entry["status"], entry["reference"] = None, "rejected", None
    reg["models"].append(entry)
    RG.save(reg, registry_path)
    if promote:
        write_card(entry, folder / "cards" / f"{NAME}.md")
    return entry, reason


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--registry", required=True, help="the registry file to add to (tonight: a copy, e.g. /tmp/reg.json)")
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    if Path(a.registry).resolve() == (Path(__file__).resolve().parents[2] / "registry.json"):
        print("note: writing the repository's models/registry.json", file=sys.stderr)
    entry, reason = register(Path(a.registry), Path(a.run_dir), a.force)
    print(f"{NAME} v{entry['version']}: {entry['status']} - {reason}")


if __name__ == "__main__":
    main()
