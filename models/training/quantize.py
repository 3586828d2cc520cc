"""Weight-only int8 quantization of a champion ONNX model, by graph editing.

Every Conv / Gemm / MatMul weight initializer large enough to matter is replaced by
an int8 initializer (symmetric, one scale per output channel, zero point 0) followed
by a DequantizeLinear node (opset 13+, `axis` = the output-channel axis) whose output
keeps the weight's original name, so the consuming node is untouched. Activations,
biases and everything else stay float32: the download is ~4x smaller, the arithmetic
stays float, and onnxruntime-web's WASM backend runs it as it is.

    /usr/bin/python3 models/training/quantize.py                  # both champions -> models/<name>-vN.int8.onnx, figures printed
    /usr/bin/python3 models/training/quantize.py --register       # ... and recorded as the champion's `quantized` block

An experts classifier (a registry entry with an `experts` block) is also gated
(gated.py): its catalogue expert runs only for images whose gate is open; its agreement
with the float file on the committed held-out-style test drawings is recorded too.

The figures are measured in onnxruntime-web (the app's runtime, via ort_run.mjs in
Node) on the committed 2,000-image Fashion-MNIST subset: max |float - int8| on the
reference inputs and over the subset, subset top-1 (classifier) or Recall@1
(embedder) of both files, and how often the two agree on the top-1 class / nearest
neighbour. --register refuses a quantized model whose subset metric drops more than
the tolerance below the float model's (0.3 points top-1, 0.005 Recall@1; the issue's
bar).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import helper, numpy_helper

from gated import EPS, gate_catalogue_expert, gate_probe

HERE = Path(__file__).resolve().parent
MODELS = HERE.parent
SUBSET = 2000
PIXELS = 28 * 28
FM_CLASSES = 10
TOLERANCE = {"classification": 0.003, "embedding": 0.005}
#: Weights smaller than this stay float (biases, tiny heads): int8 would save nothing.
MIN_ELEMENTS = 256


def _channel_axis(op: str, node: onnx.NodeProto, input_index: int) -> int | None:
    """The output-channel axis of a weight input, or None when the input is not a weight."""
    if op == "Conv" and input_index == 1:
        return 0  # [out, in/group, kh, kw]
    if op == "Gemm" and input_index == 1:
        trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
        return 0 if trans_b else 1  # B is [N, K] when transposed, else [K, N]
    if op == "MatMul" and input_index == 1:
        return 1  # [K, N]
    return None


def quantize_weights(model: onnx.ModelProto) -> tuple[onnx.ModelProto, dict]:
    """Returns a copy with int8 weights + DequantizeLinear, and a summary."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    if opset < 13:
        raise SystemExit(f"opset {opset}: per-channel DequantizeLinear needs opset 13 or later")
    inits = {i.name: i for i in graph.initializer}
    graph_inputs = {i.name for i in graph.input}
    # Every use of every initializer: quantize only those used solely as a weight, with one axis.
    uses: dict[str, list[int | None]] = {}
    for node in graph.node:
        for k, name in enumerate(node.input):
            if name in inits:
                uses.setdefault(name, []).append(_channel_axis(node.op_type, node, k))
    dq_nodes = []
    quantized, kept_float, max_rel_err = 0, 0, 0.0
    for name, axes in uses.items():
        w = numpy_helper.to_array(inits[name])
        if name in graph_inputs or w.dtype != np.float32 or w.size < MIN_ELEMENTS or None in axes or len(set(axes)) != 1 or w.ndim < 2:
            kept_float += w.size
            continue
        axis = axes[0]
        other = tuple(d for d in range(w.ndim) if d != axis)
        amax = np.abs(w).max(axis=other)
        scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
        shape = [1] * w.ndim
        shape[axis] = -1
        q = np.clip(np.round(w / scale.reshape(shape)), -127, 127).astype(np.int8)
        back = q.astype(np.float32) * scale.reshape(shape)
        max_rel_err = max(max_rel_err, float(np.abs(back - w).max() / max(float(np.abs(w).max()), 1e-12)))
        graph.initializer.remove(inits[name])
        graph.initializer.extend(
            [
                numpy_helper.from_array(q, f"{name}_int8"),
                numpy_helper.from_array(scale, f"{name}_scale"),
                numpy_helper.from_array(np.zeros(scale.shape, np.int8), f"{name}_zero_point"),
            ]
        )
        dq_nodes.append(
            helper.make_node("DequantizeLinear", [f"{name}_int8", f"{name}_scale", f"{name}_zero_point"], [name], name=f"{name}_dequantize", axis=axis)
        )
        quantized += w.size
    # The dequantize nodes go first: graph nodes must stay topologically sorted.
    nodes = dq_nodes + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    model.doc_string = (model.doc_string + "\n" if model.doc_string else "") + "weight-only int8 (per-output-channel symmetric), models/training/quantize.py"
    onnx.checker.check_model(model)
    return model, {"quantized_params": quantized, "float_params": kept_float, "max_weight_rel_err": max_rel_err}


def _ort(model_path: Path, x: np.ndarray) -> np.ndarray:
    """Runs the model in onnxruntime-web (Node) on x [N, 1, 28, 28]; returns [N, width]."""
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp, "x.f32"), Path(tmp, "y.f32")
        inp.write_bytes(np.ascontiguousarray(x, np.float32).tobytes())
        res = subprocess.run(["node", str(HERE / "ort_run.mjs"), str(model_path), str(inp), str(len(x)), str(out)], check=True, capture_output=True, text=True, cwd=MODELS.parent)
        dims = json.loads(res.stdout.strip().splitlines()[-1])["dims"]
        return np.frombuffer(out.read_bytes(), np.float32).reshape(dims)


def _recall_at_1(emb: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    sim = emb @ emb.T
    np.fill_diagonal(sim, -np.inf)
    nn = sim.argmax(1)
    return float((labels[nn] == labels).mean()), nn


def measure_gated(float_path: Path, int8_path: Path, models_dir: Path) -> dict:
    """For a gated experts classifier: on the committed held-out-style test drawings (a
    parity report: the gate's threshold was set beforehand), how often the gate is shut
    (catalogue expert skipped for the image) and how closely int8 follows float there."""
    raw = (models_dir / "testdata" / "styles-test.images.bin").read_bytes()
    images = (np.frombuffer(raw, np.uint8).astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    yf, yq = _ort(float_path, images), _ort(int8_path, images)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp, "gate.onnx")
        onnx.save(gate_probe(onnx.load(str(float_path))), str(probe))
        shut = _ort(probe, images)[:, 0] <= EPS
    return {"styles_n": len(images), "styles_gate_shut": float(shut.mean()),
            "styles_top1_agreement": float((yf.argmax(1) == yq.argmax(1)).mean()),
            "styles_max_abs_diff": float(np.abs(yf - yq).max())}


def measure(entry: dict, float_path: Path, int8_path: Path, models_dir: Path = MODELS) -> dict:
    images = np.frombuffer((models_dir / "testdata" / "fmnist-test-2000.images.bin").read_bytes(), np.uint8).astype(np.float32) / 255
    images = images.reshape(SUBSET, 1, 28, 28)
    labels = np.frombuffer((models_dir / "testdata" / "fmnist-test-2000.labels.bin").read_bytes(), np.uint8)
    yf, yq = _ort(float_path, images), _ort(int8_path, images)
    ref = json.loads((models_dir / entry["reference"]).read_text())
    idx = np.array(ref["inputIndices"])
    fig: dict = {
        "parity_max_abs_diff_reference": float(np.abs(yf[idx] - yq[idx]).max()),
        "parity_max_abs_diff_subset": float(np.abs(yf - yq).max()),
        "subset_n": SUBSET,
    }
    if entry["task"] == "classification":
        pf, pq = yf[:, :FM_CLASSES].argmax(1), yq[:, :FM_CLASSES].argmax(1)
        fig |= {
            "metric": "subset_accuracy",
            "float": float((pf == labels).mean()),
            "int8": float((pq == labels).mean()),
            "top1_agreement": float((yf.argmax(1) == yq.argmax(1)).mean()),
        }
    else:
        rf, nf = _recall_at_1(yf, labels)
        rq, nq = _recall_at_1(yq, labels)
        fig |= {"metric": "subset_recall@1", "float": rf, "int8": rq, "nn_agreement": float((nf == nq).mean()), "min_cosine": float((yf * yq).sum(1).min())}
    fig["drop"] = fig["float"] - fig["int8"]
    fig["tolerance"] = TOLERANCE[entry["task"]]
    return fig


def quantize_champions(registry_path: Path, register: bool, names: set[str] | None = None) -> list[dict]:
    """Quantizes the champions (only those named, if names is given); returns one result per
    model: its figures and whether it was registered. A model whose subset metric drops more
    than the tolerance is written but never registered (the app then keeps the float file)."""
    registry = json.loads(registry_path.read_text())
    models_dir = registry_path.parent
    results = []
    for entry in (m for m in registry["models"] if m["status"] == "champion" and m["file"]):
        if names is not None and entry["name"] not in names:
            continue
        src = models_dir / entry["file"]
        dst = src.with_name(src.name.removesuffix(".onnx") + ".int8.onnx")
        model, summary = quantize_weights(onnx.load(str(src)))
        experts = "experts" in entry
        if experts:  # the catalogue expert runs only for images whose gate is open (gated.py)
            model, gated_summary = gate_catalogue_expert(model)
            summary |= gated_summary
        onnx.save(model, str(dst))
        raw_f, raw_q = src.read_bytes(), dst.read_bytes()
        gz = lambda b: len(gzip.compress(b, 9, mtime=0))  # noqa: E731
        figures = measure(entry, src, dst, models_dir)
        if experts:
            figures |= measure_gated(src, dst, models_dir)
        block = {
            "file": dst.name,
            "sha256": hashlib.sha256(raw_q).hexdigest(),
            "bytes": len(raw_q),
            "gzipBytes": gz(raw_q),
            "floatGzipBytes": gz(raw_f),
            "scheme": "weight-only int8, symmetric per output channel (DequantizeLinear, axis), Conv/Gemm/MatMul weights"
            + (f"; catalogue expert behind an If, run when the gate > {EPS} (gated.py)" if experts else ""),
            **summary,
            **figures,
        }
        print(json.dumps({"name": entry["name"], "version": entry["version"], "floatBytes": len(raw_f), **block}, indent=1))
        ok = figures["drop"] <= figures["tolerance"]
        if not ok:
            print(f"{dst.name}: {figures['metric']} drops {figures['drop']:.4f} (> {figures['tolerance']}) below the float model: "
                  "not registered", file=sys.stderr)
        if register and ok:
            entry["quantized"] = block
        results.append({"name": entry["name"], "version": entry["version"], "registered": register and ok, **block})
    if register:
        registry_path.write_text(json.dumps(registry, indent=2) + "\n")
        print(f"registry written: {os.path.relpath(registry_path)}")
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--registry", type=Path, default=MODELS / "registry.json")
    ap.add_argument("--register", action="store_true", help="record the quantized file on each champion (refused beyond the tolerance)")
    args = ap.parse_args()
    results = quantize_champions(args.registry, args.register)
    if args.register and not all(r["registered"] for r in results):
        sys.exit("a quantized model dropped beyond the tolerance and was not registered")


if __name__ == "__main__":
    main()
