"""Register a mixture of experts (experts.py) as the garment classifier:
the catalogue expert (the Fashion-MNIST champion, from its ONNX files) + the multi-style
expert (a finished train.py run) + a gate fitted on training images only.

  /usr/bin/python3 models/training/combine.py --run-dir RUN          # RUN/final.pt (EMA weights)
  /usr/bin/python3 models/training/combine.py --run-dir RUN --smoke  # smoke data, temporary registry

Then the same steps as the pipeline: choices on validation (the multi-style expert's
test-time views, the temperature, the refusal threshold, the personal head), the champion
measured on the same data, ONNX export + parity with onnxruntime-web, the registry's
decision (better on held-out validation styles, no worse on Fashion-MNIST validation),
int8 and the model card when promoted. The embedder stays the champion's (a mixture has
no single embedding space); its figures are reported as measured.
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
import data  # noqa: E402
import export  # noqa: E402
import personal  # noqa: E402
import pipeline as P  # noqa: E402
import styles_data  # noqa: E402
from evaluate import Scorer, evaluate, load_sets  # noqa: E402
from experts import ExpertsClassifier, fit_gate, gate_report  # noqa: E402
from metrics import predict  # noqa: E402
from nets import EmbedderExport, build_net, count_params  # noqa: E402


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run-dir", required=True, help="the multi-style expert's train.py run (final.pt)")
    p.add_argument("--checkpoint", default="final.pt", help="final.pt, or last.pt for a snapshot")
    p.add_argument("--models-dir", default=str(P.MODELS))
    p.add_argument("--styles", default=str(styles_data.DEFAULT_DIR))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--force", action="store_true")
    p.add_argument("--smoke", action="store_true", help="smoke data set, temporary copy of the registry")
    return p.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    t0 = time.time()
    suffix = "-smoke" if args.smoke else ""
    models_dir = P.smoke_models_dir() if args.smoke else Path(args.models_dir)
    run_dir = Path(args.run_dir)
    torch.set_num_threads(args.threads)

    P.step("data check")
    summary = data.check()
    styles = styles_data.describe(args.styles, suffix)
    sets = load_sets(args.styles, suffix)
    labels = data.class_table()
    n_classes = len(labels)
    x_sample = torch.from_numpy(sets["fm_val"][0][:2000]).float().div(255).unsqueeze(1)

    P.step("the experts")
    catalogue, cat_entry = P.catalogue_net(models_dir, x_sample)
    if catalogue is None:
        raise SystemExit("no champion classifier to take the catalogue expert from")
    cat_tta = cat_entry.get("flipTta", "none")
    config = json.loads((run_dir / "config.json").read_text())
    weights = torch.load(run_dir / args.checkpoint)
    styles_net = build_net(n_classes, config.get("arch"))
    styles_net.load_state_dict(weights["ema"])
    styles_net.eval()
    # final.pt records the schedule (main + finish epochs); a last.pt snapshot its epoch.
    epochs = weights["epochs"] + weights["finish_epochs"] if "finish_epochs" in weights else weights["epoch"] + 1
    print(f"catalogue expert: {cat_entry['name']} v{cat_entry['version']} ({cat_tta}); "
          f"multi-style expert: {run_dir / args.checkpoint} ({epochs} epochs)")

    P.step("fit the gate (training images only)")
    d = data.load()
    tr_idx, _ = data.split_train_val(d["train"][1])
    st_train = styles_data.load(args.styles, "train", suffix)
    gate, gate_fit, fitted = fit_gate(d["train"][0][tr_idx], st_train["x"])
    print(json.dumps(gate_fit))
    # Fashion-MNIST garments photographed in scenes (train split) that the gate was not fitted on:
    # where a user's photo of such a garment goes.
    fams = sets["families"]
    scenes = np.zeros(len(st_train["x"]), bool)
    if "fashion-mnist" in fams:
        scenes = st_train["family"] == fams.index("fashion-mnist")
    scenes[fitted] = False

    embedder = EmbedderExport(catalogue, cat_tta).eval()

    def run(x_u8, tta):
        model = ExpertsClassifier(catalogue, cat_tta, styles_net, tta, gate).eval()
        logits, embs = [], []
        with torch.no_grad():
            for i in range(0, len(x_u8), 250):
                x = torch.from_numpy(x_u8[i:i + 250]).float().div(255).unsqueeze(1)
                logits.append(model(x))
                embs.append(embedder(x))
        return torch.cat(logits).numpy(), torch.cat(embs).numpy()

    scorer = Scorer(run, n_classes)
    P.step("evaluate the mixture (choices on validation, report on test)")
    ev = evaluate(scorer, sets)
    model = ExpertsClassifier(catalogue, cat_tta, styles_net, ev["flip_tta"], gate).eval()
    ev["gate"] = gate_report(model, sets, {"fashion_mnist_scenes_not_fitted": st_train["x"][scenes][:5000]})
    print(json.dumps({"tta": ev["flip_tta"], "validation": ev["validation"], "gate": ev["gate"]}, indent=1))
    ev["personal"] = personal.report(scorer, sets, args.styles, ev["flip_tta"], ev["calibration"]["temperature"])
    alone = {}
    for name, net, tta in (("multi-style expert alone", styles_net, ev["flip_tta"]), ("catalogue expert alone", catalogue, cat_tta)):
        l, _ = predict(net, sets["fm_test"][0], flip_tta=tta)
        alone[name] = {"fm_test_accuracy": float((l[:, :10].argmax(1).numpy() == sets["fm_test"][1]).mean())}
    ev["experts_alone"] = alone
    print(json.dumps(alone))

    P.step("the champion on the same data")
    ev_champ = P.evaluate_champion(models_dir, x_sample, sets, n_classes)

    P.step("export ONNX + parity with onnxruntime-web")
    onnx_path = run_dir / "garment-classifier-experts.onnx"
    x_parity = np.concatenate([sets["fm_test"][0][:32], sets["st_test"]["x"][:32]])
    export.export_module(model, torch.zeros(1, 1, 28, 28), "logits", onnx_path)
    diff, ref = export.parity(model, onnx_path, x_parity)
    print(f"max |torch - onnxruntime-web| over {len(x_parity)} images = {diff:.2e}")
    ref_path = run_dir / "garment-classifier-experts.reference.json"
    export.write_reference(ref_path, ref[: export.N_REFERENCE])

    params = (count_params(catalogue.backbone) + count_params(catalogue.fc) + count_params(styles_net.backbone)
              + count_params(styles_net.fc) + count_params(gate))
    training = {"config": config, "epochs": epochs,
                "note": "the multi-style expert's run; the catalogue expert is unchanged"}
    entry = P.model_entry("garment-classifier", "classification", onnx_path, diff, params, ev, ev_champ, labels,
                          P.dataset_block(summary, styles, args.styles, suffix), training)
    entry["experts"] = {
        "catalogue": {"model": f"{cat_entry['name']} v{cat_entry['version']}", "sha256": cat_entry["sha256"],
                      "tta": cat_tta, "classes": 10},
        "multiStyle": {"run": str(run_dir), "checkpoint": args.checkpoint, "tta": ev["flip_tta"], "classes": n_classes},
        "gate": {**gate_fit, "behaviour": ev["gate"]},
        "aloneOnFashionMnistTest": alone,
    }
    entry, _, _ = P.register_and_publish(models_dir, entry, onnx_path, ref_path, force=args.force)
    (run_dir / "evaluation-experts.json").write_text(json.dumps({"candidate": ev, "champion": ev_champ}, indent=1))
    print(f"done in {(time.time() - t0) / 60:.1f} min; registry {models_dir / 'registry.json'}")
    return entry


if __name__ == "__main__":
    main()
