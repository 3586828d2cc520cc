"""Weight-only int8 of the champion garment detector (as models/training/quantize.py does for the
classifier and embedder: per-output-channel int8 weights + DequantizeLinear, arithmetic float).

    /usr/bin/python3 models/training/detect/quantize_detect.py [--scenes 500] [--register]

Both files run in onnxruntime-web (WASM, Node: ort_run_det.mjs) on the first --scenes fixed
VALIDATION scenes (never the test set: this is a choice), post-processed at the registry's numbers
(postprocess.py): mAP@0.5, count accuracy and the largest output difference, float vs int8.
--register writes the int8 file next to the registry as garment-detector-v<N>.int8.onnx and records
the champion's `quantized` block (the app then ships it), only when the int8 file loses at most
TOLERANCE of mAP@0.5 and of count accuracy.
"""
import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx

import postprocess as PP
from export_detect import OUTPUTS, ort_outputs
from train_detect import fixed_set

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import registry as RG  # noqa: E402
from quantize import quantize_weights  # noqa: E402

MODELS = Path(__file__).resolve().parents[2]
TOLERANCE = {"map50": 0.005, "count_accuracy": 0.01}


def figures(outs: dict, val: dict, pp: dict) -> dict:
    recs = []
    for i in range(len(val["images"])):
        v = val["classes"][i] >= 0
        recs.append(PP.score_scene(*(outs[n][i] for n in OUTPUTS), val["boxes"][i][v], val["masks"][i][v], pp["nms_iou"], pp["max_detections"]))
    s = PP.summarise(recs, None, pp["score_threshold"])
    return {k: s[k] for k in ("map50", "map50_95", "count_accuracy", "f1", "mask_iou")}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--registry", default=str(MODELS / "registry.json"))
    ap.add_argument("--scenes-dir", default=str(Path.home() / ".cache/curator/detect"))
    ap.add_argument("--scenes", type=int, default=500)
    ap.add_argument("--register", action="store_true")
    a = ap.parse_args(argv)
    reg_path = Path(a.registry)
    reg = RG.load(reg_path)
    champ = RG.champion(reg, "garment-detector")
    if not champ:
        raise SystemExit("no garment-detector champion in the registry")
    folder = reg_path.parent
    float_path = folder / champ["file"]
    int8_name = champ["file"].replace(".onnx", ".int8.onnx")
    qmodel, stats = quantize_weights(onnx.load(str(float_path)))
    val = fixed_set(Path(a.scenes_dir), "val", a.scenes)
    x = val["images"].transpose(0, 3, 1, 2).astype(np.float32) / 255
    pp = champ["postprocess"]
    with tempfile.TemporaryDirectory() as tmp:
        int8_path = Path(tmp) / int8_name
        onnx.save(qmodel, str(int8_path))
        f_out, _ = ort_outputs(float_path.resolve(), x)
        q_out, _ = ort_outputs(int8_path.resolve(), x)
        f, q = figures(f_out, val, pp), figures(q_out, val, pp)
        diff = {n: float(np.abs(f_out[n] - q_out[n]).max()) for n in OUTPUTS}
        data = int8_path.read_bytes()
        ok = all(f[k] - q[k] <= TOLERANCE[k] for k in TOLERANCE)
        report = {"float": {"file": champ["file"], "bytes": float_path.stat().st_size, **f},
                  "int8": {"file": int8_name, "bytes": len(data), **q}, "max_abs_diff": diff, "weights": stats,
                  "measured_on": f"the first {len(x)} fixed validation scenes, onnxruntime-web WASM, post-processing {pp}",
                  "tolerance": TOLERANCE, "accepted": ok}
        print(json.dumps(PP.finite(report), indent=1))
        if a.register:
            if not ok:
                raise SystemExit("int8 loses more than the tolerance: not registered")
            (folder / int8_name).write_bytes(data)
            champ["quantized"] = PP.finite({"file": int8_name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                                  "method": "weight-only int8, per output channel, symmetric (models/training/quantize.py)",
                                  "validation": {"float": f, "int8": q, "scenes": len(x)}, "max_abs_diff": diff})
            RG.save(reg, reg_path)
            print(f"registered {int8_name} ({len(data) / 1e6:.2f} MB, float {float_path.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
