"""Export the detector to ONNX (the contract's graph), check parity in onnxruntime-web, write
reference outputs and the post-processing numbers.

    /usr/bin/python3 models/training/detect/export_detect.py --run-dir RUN [--out DIR] [--eval RUN/eval.json] [--timing-runs 30]

Writes to --out (default RUN): garment-detector.onnx (opset 17, dynamic batch; input `images`
[N,3,256,256]; outputs boxes [N,1344,4], scores [N,1344], coeffs [N,1344,16], protos
[N,16,64,64], all decoded in the graph), postprocess.json (from eval_detect.py's choice on
validation when --eval is given, else the defaults below, marked as such), reference.json
(8 validation scenes: input, the four outputs, and the pieces the contract's post-processing
makes of them) and export.json (parity, sizes, forward time in onnxruntime-web WASM at batch 1).
reference.json: inputs are uint8 RGB [256,256,3] row-major (x = value / 255, channels first
for the model), outputs float32 little-endian, both base64; piece masks uint8 0/255 [h,w]
over the box, base64, with `maskOrigin` the photo pixel of the mask's top-left.
"""
import argparse
import base64
import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import torch

import postprocess as PP
import scenes as S
from detnet import Detector, DetectorExport, count_params, flops

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
PARITY_TOL = 1e-4
N_REFERENCE = 8
DECODER_CHECK_TOP = 12
OUTPUTS = ("boxes", "scores", "coeffs", "protos")
DEFAULT_PP = {"score_threshold": 0.5, "nms_iou": 0.6, "max_detections": 20, "mask_threshold": 0.5}


def load_run(run: Path) -> Detector:
    """The run's EMA weights: final.pt, or last.pt when it is newer (a run stopped or extended since)."""
    final, last = run / "final.pt", run / "last.pt"
    path = final if final.exists() and (not last.exists() or final.stat().st_mtime >= last.stat().st_mtime) else last
    ck = torch.load(path, map_location="cpu")
    net = Detector(ck.get("arch"))
    net.load_state_dict(ck["ema"])
    return net.eval()


def export_onnx(net: Detector, path: Path) -> DetectorExport:
    wrapper = DetectorExport(net).eval()
    torch.onnx.export(wrapper, torch.zeros(1, 3, S.SIZE, S.SIZE), str(path), opset_version=17, input_names=["images"],
                      output_names=list(OUTPUTS), dynamic_axes={n: {0: "batch"} for n in ("images", *OUTPUTS)}, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(str(path)))
    return wrapper


def ort_outputs(model: Path, x: np.ndarray, timing_runs: int = 0):
    """The four outputs from onnxruntime-web (WASM, Node), and the timing it printed."""
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.f32"
        inp.write_bytes(np.ascontiguousarray(x, dtype=np.float32).tobytes())
        cmd = ["node", str(HERE / "ort_run_det.mjs"), str(model), str(inp), str(len(x)), tmp] + ([str(timing_runs)] if timing_runs else [])
        r = subprocess.run(cmd, check=True, cwd=REPO, capture_output=True, text=True)
        info = json.loads(r.stdout.strip().splitlines()[-1])
        outs = {n: np.frombuffer((Path(tmp) / f"{n}.f32").read_bytes(), dtype=np.float32).reshape(info["dims"][n]) for n in OUTPUTS}
        return outs, info


def b64(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def reference_scenes(n=N_REFERENCE):
    src = S.Sources("val")
    return [S.make_scene(src, S.scene_seed("reference", 0, i)) for i in range(n)]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--run-dir", required=True)
    ap.add_argument("--out")
    ap.add_argument("--eval", help="eval_detect.py's eval.json: its validation-chosen post-processing")
    ap.add_argument("--timing-runs", type=int, default=30)
    a = ap.parse_args(argv)
    run = Path(a.run_dir).resolve()
    out = Path(a.out or run).resolve()  # node runs from the repository: absolute paths
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(2)
    net = load_run(run)
    onnx_path = out / "garment-detector.onnx"
    wrapper = export_onnx(net, onnx_path)
    if a.eval:
        ev = json.loads(Path(a.eval).read_text())
        pp = {**ev["postprocess"], "chosenOn": "validation scenes (eval_detect.py)", "eval": str(a.eval)}
    else:
        pp = {**DEFAULT_PP, "chosenOn": "defaults: not chosen on validation (run eval_detect.py, then export with --eval)"}
    (out / "postprocess.json").write_text(json.dumps(pp, indent=1) + "\n")
    scenes = reference_scenes()
    x = np.stack([s["image"] for s in scenes]).transpose(0, 3, 1, 2).astype(np.float32) / 255
    with torch.no_grad():
        ref = dict(zip(OUTPUTS, (t.numpy() for t in wrapper(torch.from_numpy(x)))))
    got, info = ort_outputs(onnx_path, x, a.timing_runs)
    diffs = {n: float(np.abs(ref[n] - got[n]).max()) for n in OUTPUTS}
    worst = max(diffs.values())
    items = []
    as_json = lambda ps: [{**{k: v for k, v in p.items() if k != "mask"}, "mask": {"width": int(p["mask"].shape[1]), "height": int(p["mask"].shape[0]), "alpha": b64(p["mask"])}} for p in ps]  # noqa: E731
    for i, s in enumerate(scenes):
        W, H = (int(v) for v in s["photo"])
        outs = [got[n][i] for n in OUTPUTS]
        # A decoder check that always has pieces, whatever the model's scores: the threshold at the image's
        # DECODER_CHECK_TOP-th best score (a weak model may keep nothing at the registry's threshold).
        pp_check = {**{k: pp[k] for k in DEFAULT_PP}, "score_threshold": float(np.sort(outs[1])[-DECODER_CHECK_TOP])}
        items.append({"input": b64(s["image"]), "photo": {"width": W, "height": H},
                      "outputs": {n: b64(got[n][i].astype("<f4")) for n in OUTPUTS},
                      "pieces": as_json(PP.photo_pieces(*outs, pp, W, H)),
                      "decoderCheck": {"postprocess": pp_check, "pieces": as_json(PP.photo_pieces(*outs, pp_check, W, H))},
                      "labelled": {"boxes": s["boxes"].round(2).tolist(), "classes": s["classes"].tolist()}})
    model_sha = hashlib.sha256(onnx_path.read_bytes()).hexdigest()
    (out / "reference.json").write_text(json.dumps({
        "model": onnx_path.name, "sha256": model_sha, "tolerance": PARITY_TOL, "postprocess": pp,
        "format": {"input": "uint8 RGB [256,256,3] row-major, base64; the model input is value / 255, channels first",
                   "outputs": {"boxes": [1344, 4], "scores": [1344], "coeffs": [1344, 16], "protos": [16, 64, 64], "dtype": "float32 little-endian, base64"},
                   "decoderCheck": "the same post-processing at the image's 12th-best score as threshold: pieces to compare a decoder against even when the model keeps none",
                   "pieces": "the contract's post-processing (postprocess.py photo_pieces) of the onnxruntime-web outputs for a photo of `photo` size letterboxed into the input; box = x, y, width, height in photo px; mask alpha uint8 0/255 [height, width] from maskOrigin"},
        "items": items}) + "\n")
    report = {"onnx": str(onnx_path), "sha256": model_sha, "bytes": onnx_path.stat().st_size, "parameters": count_params(net),
              "gflops": round(2 * flops(net) / 1e9, 3), "parity_max_abs_diff": diffs, "parity_ok": worst <= PARITY_TOL,
              "ort_web_wasm_batch1": info.get("timing"), "postprocess": pp,
              "reference_pieces": [len(it["pieces"]) for it in items], "decoder_check_pieces": [len(it["decoderCheck"]["pieces"]) for it in items]}
    (out / "export.json").write_text(json.dumps(report, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    if worst > PARITY_TOL:
        raise SystemExit(f"parity check failed: max |torch - onnxruntime-web| = {worst:.2e} > {PARITY_TOL}")


if __name__ == "__main__":
    main()
