"""Photos for the recognition e2e tests (e2e/recognition.spec.ts), made like the data set:

    /usr/bin/python3 models/training/styles/e2e_fixtures.py   # writes e2e/fixtures/recognition/

- not-clothing-*.jpg: a dog, a cup, a plant, a bicycle (Twemoji, CC-BY 4.0, a held-out
  test family: the models never trained on these drawings or this style);
- kimono-1..4.jpg: four photos of one kimono (Fluent Emoji Flat, MIT): a kind no model
  is trained on; the user teaches it from three and the fourth must be recognised;
- lookalike-1..2.jpg: two photos of one pair of shorts (MingCute, Apache-2.0, a held-out
  test family): a correction of the first must change the prediction of the second.
Deterministic (seeded scenes at 420x420, colour drawings keep their colours), JPEG like a phone's.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import render as R  # noqa: E402

OUT = HERE.parents[2] / "e2e" / "fixtures" / "recognition"
FIXTURES = [
    ("not-clothing-dog.jpg", "twemoji", "dog-face", True, 11, "not-clothing"),
    ("not-clothing-cup.jpg", "twemoji", "hot-beverage", True, 12, "not-clothing"),
    ("not-clothing-plant.jpg", "twemoji", "potted-plant", True, 13, "not-clothing"),
    ("not-clothing-bicycle.jpg", "twemoji", "bicycle", True, 14, "not-clothing"),
    *[(f"kimono-{i}.jpg", "fluent-emoji-flat", "kimono", True, 20 + i, "kimono") for i in range(1, 5)],
    *[(f"lookalike-{i}.jpg", "mingcute", "shorts-fill", False, 30 + i, "shorts") for i in range(1, 3)],
]
LICENCES = {"twemoji": "CC-BY-4.0 (Twemoji, Twitter/X and contributors)", "fluent-emoji-flat": "MIT (Fluent Emoji, Microsoft)",
            "mingcute": "Apache-2.0 (MingCute)"}


def drawing(icon_set, name):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "i.png"
        subprocess.run(["node", str(HERE / "render-icon.mjs"), icon_set, name, "160", str(out)], check=True)
        return np.asarray(Image.open(out).convert("RGBA"))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = []
    for file, icon_set, name, colour, seed, kind in FIXTURES:
        img = R.scene(drawing(icon_set, name), colour, seed, size=(420, 420), keep_art=True)
        Image.fromarray(img).save(OUT / file, quality=90)
        manifest.append({"file": file, "kind": kind, "source": f"{icon_set}:{name}", "licence": LICENCES[icon_set]})
    (OUT / "manifest.json").write_text(json.dumps({"generator": "models/training/styles/e2e_fixtures.py", "photos": manifest}, indent=1) + "\n")
    print(f"{len(manifest)} photos -> {OUT}")


if __name__ == "__main__":
    main()
