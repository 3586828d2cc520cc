"""ONNX export (opset 17, dynamic batch) and the parity check against onnxruntime-web."""
import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import torch

from nets import ClassifierExport, EmbedderExport

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PARITY_TOL = 1e-4
N_REFERENCE = 32


def export_onnx(net, kind: str, flip_tta, path: Path):
    wrapper = (ClassifierExport if kind == "classification" else EmbedderExport)(net, flip_tta).eval()
    export_module(wrapper, torch.zeros(1, 1, 28, 28), "logits" if kind == "classification" else "embedding", path)
    return wrapper


def export_module(module, example, out_name: str, path: Path):
    """Any module with one input "image" (dynamic batch) and one output, checked by onnx."""
    torch.onnx.export(
        module.eval(), example, str(path), opset_version=17,
        input_names=["image"], output_names=[out_name],
        dynamic_axes={"image": {0: "batch"}, out_name: {0: "batch"}}, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(str(path)))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ort_outputs(model: Path, x: np.ndarray) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp) / "in.f32", Path(tmp) / "out.f32"
        inp.write_bytes(np.ascontiguousarray(x, dtype=np.float32).tobytes())
        subprocess.run(["node", str(HERE / "ort_run.mjs"), str(model), str(inp), str(len(x)), str(out)],
                       check=True, cwd=REPO, capture_output=True)
        return np.frombuffer(out.read_bytes(), dtype=np.float32).reshape(len(x), -1)


@torch.no_grad()
def parity(wrapper, model: Path, x_u8: np.ndarray):
    """Torch vs onnxruntime-web on the same inputs; raises if they differ by > PARITY_TOL."""
    x = x_u8.astype(np.float32)[:, None] / 255.0
    ref = wrapper(torch.from_numpy(x)).numpy()
    got = ort_outputs(model, x)
    diff = float(np.abs(ref - got).max())
    if diff > PARITY_TOL:
        raise SystemExit(f"parity check failed for {model.name}: max |torch - ORT| = {diff:.2e}")
    return diff, ref


def write_reference(path: Path, outputs: np.ndarray):
    path.write_text(json.dumps({
        "inputIndices": list(range(len(outputs))),
        "tolerance": PARITY_TOL,
        "outputs": [[round(float(v), 7) for v in row] for row in outputs],
    }))
