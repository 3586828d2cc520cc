"""Re-fit the personal head's two numbers (personal.py: tau, s_0) for the registered
champion classifier, through its shipped ONNX files in onnxruntime-web, and record them
with the figures they give in models/registry.json and the model card.

  /usr/bin/python3 models/training/refit_personal.py [--styles DIR] [--models-dir DIR]

Choices on the held-out validation style families only; the figures reported are the
test families' (the same protocol as the pipeline and combine.py, which call the same
personal.report). Use it when the fitting rule changes after a model was registered.
"""
import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402
import personal  # noqa: E402
import pipeline as P  # noqa: E402
import registry  # noqa: E402
import styles_data  # noqa: E402
from card import write_card  # noqa: E402
from evaluate import load_sets, onnx_scorer  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models-dir", default=str(P.MODELS))
    p.add_argument("--styles", default=str(styles_data.DEFAULT_DIR))
    args = p.parse_args(argv)
    models_dir = Path(args.models_dir)
    reg_path = models_dir / "registry.json"
    reg = registry.load(reg_path)
    cls, emb = registry.champion(reg, "garment-classifier"), registry.champion(reg, "garment-embedder")
    sets = load_sets(args.styles)
    scorer = onnx_scorer(models_dir / cls["file"], models_dir / emb["file"], len(data.class_table()))
    before = cls["calibration"].get("personal")
    out = personal.report(scorer, sets, args.styles, "built-in", cls["calibration"]["temperature"])
    cls["calibration"]["personal"] = {k: out["params"][k] for k in ("temperature", "modelSimilarity", "topK")}
    cls["metrics"]["personal"] = out
    registry.save(reg, reg_path)
    # The card compares with the champion it replaced: the latest retired version.
    retired = [m for m in reg["models"] if m["name"] == cls["name"] and m["status"] == "retired"]
    previous = max(retired, key=lambda m: m["version"], default=None)
    write_card(cls, previous, models_dir / "cards" / f"{cls['name']}.md")
    print(json.dumps({"before": before, "after": cls["calibration"]["personal"], "figures": out}, indent=1))


if __name__ == "__main__":
    main()
