"""Held-out test scenes for the Node model test (models/detector.test.ts): the first N scenes of
the fixed test set (held-out style families only: twemoji, hugeicons, mingcute + Fashion-MNIST
test), each the model's 256 x 256 letterboxed input as a JPEG (quality 92), with the labelled
garments' boxes in photo pixels. The test runs them through onnxruntime-web and the app's own
decoder (src/domain/detection/decode.ts) at the registry's post-processing numbers.

    /usr/bin/python3 models/training/detect/testdata_detect.py [--scenes-dir DIR] [--n 48]

Writes models/testdata/detector-test-scenes.json (about 1 MB). Test scenes only: nothing here
is ever used to choose anything.
"""
import argparse
import base64
import hashlib
import io
import json
from pathlib import Path

from PIL import Image

import scenes as S

OUT = Path(__file__).resolve().parents[2] / "testdata" / "detector-test-scenes.json"


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenes-dir", default=str(Path.home() / ".cache/curator/detect"))
    ap.add_argument("--n", type=int, default=48)
    a = ap.parse_args(argv)
    sd = Path(a.scenes_dir)
    path = sd / "scenes-test.npz"
    d = S.load_fixed(path)
    man = json.loads((sd / "scenes-manifest.json").read_text())
    out = []
    for i in range(a.n):
        buf = io.BytesIO()
        Image.fromarray(d["images"][i]).save(buf, "JPEG", quality=92)
        valid = d["classes"][i] >= 0
        s = float(d["scale"][i])
        out.append({
            "jpeg": base64.b64encode(buf.getvalue()).decode(),
            "photo": [int(v) for v in d["photo"][i]],
            "scale": s,
            "boxes": [[round(float(v) / s, 2) for v in b] for b in d["boxes"][i][valid]],
            "classes": [int(c) for c in d["classes"][i][valid]],
        })
    doc = {
        "note": "Held-out test scenes (test style families + Fashion-MNIST test; never trained on, never used for a choice). "
                "jpeg: the detector's 256x256 letterboxed input (top-left; the photo covers round(photo * scale) of it); "
                "boxes: labelled garments, x0 y0 x1 y1 in photo pixels. Made by models/training/detect/testdata_detect.py.",
        "scenes_file": {"name": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()},
        "scenes_manifest": {k: man.get(k) for k in ("name", "version", "sha256") if k in man},
        "scenes": out,
    }
    OUT.write_text(json.dumps(doc) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {a.n} scenes, {sum(len(s['boxes']) for s in out)} garments)")


if __name__ == "__main__":
    main()
