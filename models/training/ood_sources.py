"""Garment pictures for the out-of-distribution set, from packages available here.

Every item names its source, its Fashion-MNIST class and its licence. Sources:
- Debian fonts: fonts-noto-color-emoji (colour emoji), fonts-symbola (black-and-
  white emoji drawings);
- npm icon sets in Iconify JSON form (exact versions in NPM_SOURCES): Twemoji,
  OpenMoji, Fluent Emoji Flat (colour clip art), Phosphor, Material Design Icons,
  game-icons (monochrome silhouettes and line drawings), rasterised with
  rsvg-convert (Debian librsvg2-bin).
There is no pullover emoji; pullovers come from the "hoodie" icons only.
Install: apt-get install fonts-noto-color-emoji fonts-symbola librsvg2-bin, and
  npm install --prefix /tmp/curator-ood-src <NPM_SOURCES as name@version>.
"""
import io
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
from PIL import Image, ImageDraw, ImageFont

NOTO = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
SYMBOLA = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"
NPM_DIR = Path(os.environ.get("OOD_NPM_DIR", "/tmp/curator-ood-src/node_modules"))
NPM_SOURCES = {
    "twemoji": "@iconify-json/twemoji@1.2.5",
    "openmoji": "@iconify-json/openmoji@1.2.29",
    "fluent-emoji-flat": "@iconify-json/fluent-emoji-flat@1.2.6",
    "ph": "@iconify-json/ph@1.2.2",
    "mdi": "@iconify-json/mdi@1.2.3",
    "game-icons": "@iconify-json/game-icons@1.2.4",
}
LICENCES = {
    "noto": ("OFL-1.1", "Noto Color Emoji, Google (Debian fonts-noto-color-emoji)"),
    "symbola": ("Symbola licence: free for any use", "Symbola, George Douros (Debian fonts-symbola)"),
    "twemoji": ("CC-BY-4.0", "Twemoji, Twitter/X and contributors (npm @iconify-json/twemoji)"),
    "openmoji": ("CC-BY-SA-4.0", "OpenMoji, HfG Schwäbisch Gmünd (npm @iconify-json/openmoji)"),
    "fluent-emoji-flat": ("MIT", "Fluent Emoji, Microsoft (npm @iconify-json/fluent-emoji-flat)"),
    "ph": ("MIT", "Phosphor Icons (npm @iconify-json/ph)"),
    "mdi": ("Apache-2.0", "Material Design Icons, Pictogrammers (npm @iconify-json/mdi)"),
    "game-icons": ("CC-BY-3.0", "game-icons.net, Lorc, Delapouite and contributors (npm @iconify-json/game-icons)"),
}

# Emoji -> Fashion-MNIST class. 👚 (woman's clothes, a blouse) counts as a top, 👔 as a
# shirt, 🥼 (lab coat) as a coat, 👢 and 🥾 as ankle boots, 👛 🎒 as bags.
EMOJI = {
    "t-shirt": ("\U0001F455", 0), "womans-clothes": ("\U0001F45A", 0), "necktie": ("\U0001F454", 6),
    "jeans": ("\U0001F456", 1), "dress": ("\U0001F457", 3), "coat": ("\U0001F9E5", 4),
    "lab-coat": ("\U0001F97C", 4), "womans-sandal": ("\U0001F461", 5), "thong-sandal": ("\U0001FA74", 5),
    "running-shoe": ("\U0001F45F", 7), "handbag": ("\U0001F45C", 8), "purse": ("\U0001F45B", 8),
    "backpack": ("\U0001F392", 8), "womans-boot": ("\U0001F462", 9), "hiking-boot": ("\U0001F97E", 9),
}
SYMBOLA_HAS = {"t-shirt", "womans-clothes", "jeans", "dress", "womans-sandal",
               "running-shoe", "handbag", "purse", "backpack", "womans-boot"}  # Unicode <= 9; its 👔 is a bare tie
ICONS = {  # monochrome icon sets: name -> class
    "ph": {"t-shirt-fill": 0, "hoodie-fill": 2, "pants-fill": 1, "dress-fill": 3, "sneaker-fill": 7,
           "boot-fill": 9, "handbag-fill": 8, "backpack-fill": 8,
           "t-shirt": 0, "hoodie": 2, "pants": 1, "dress": 3, "sneaker": 7, "boot": 9, "handbag": 8},
    "mdi": {"tshirt-crew": 0, "tshirt-v": 0, "shoe-sneaker": 7, "bag-personal": 8, "purse": 8},
    "game-icons": {"t-shirt": 0, "polo-shirt": 0, "shirt": 6, "hoodie": 2,
                   "trousers": 1, "dress": 3, "ample-dress": 3, "sandal": 5, "running-shoe": 7,
                   "converse-shoe": 7, "leather-boot": 9, "chelsea-boot": 9,
                   "hand-bag": 8, "backpack": 8, "lab-coat": 4, "pirate-coat": 4,
                   "moncler-jacket": 4},
}
COLOUR_SETS = ("twemoji", "openmoji", "fluent-emoji-flat")


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    name: str
    label: int
    colour: bool  # True: keeps its own colours; False: a one-colour glyph we paint

    @property
    def licence(self):
        return LICENCES[self.source]


def catalogue():
    items = [Item(f"noto-{n}", "noto", n, c, True) for n, (_, c) in EMOJI.items()]
    items += [Item(f"symbola-{n}", "symbola", n, EMOJI[n][1], False) for n in EMOJI if n in SYMBOLA_HAS]
    for s in COLOUR_SETS:  # Twemoji's 👔 is a collar and tie only, no shirt
        items += [Item(f"{s}-{n}", s, n, c, True) for n, (_, c) in EMOJI.items() if (s, n) != ("twemoji", "necktie")]
    for s, names in ICONS.items():
        items += [Item(f"{s}-{n}", s, n, c, False) for n, c in names.items()]
    return items


def check_sources():
    """Raise with the install command when a source is missing."""
    missing = [p for p in (NOTO, SYMBOLA) if not Path(p).exists()]
    missing += [spec for s, spec in NPM_SOURCES.items() if not (NPM_DIR / "@iconify-json" / s / "icons.json").exists()]
    if subprocess.run(["which", "rsvg-convert"], capture_output=True).returncode:
        missing.append("rsvg-convert")
    if missing:
        raise SystemExit("OOD sources missing: " + ", ".join(missing) + "\n  apt-get install fonts-noto-color-emoji "
                         "fonts-symbola librsvg2-bin\n  npm install --prefix " + str(NPM_DIR.parent) + " " +
                         " ".join(NPM_SOURCES.values()))


def _crop(im: Image.Image) -> Image.Image:
    box = im.getchannel("A").point(lambda a: 255 if a > 8 else 0).getbbox()
    if box is None:
        raise ValueError("empty glyph")
    return im.crop(box)


def _glyph(font_path: str, size: int, char: str, fill, embedded: bool) -> Image.Image:
    font = ImageFont.truetype(font_path, size)
    im = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((size // 4, size // 4), char, font=font, fill=fill, embedded_color=embedded)
    return _crop(im)


_ICON_CACHE = {}


def _iconify(source: str, name: str, px: int, fill: str) -> Image.Image:
    if source not in _ICON_CACHE:
        _ICON_CACHE[source] = json.loads((NPM_DIR / "@iconify-json" / source / "icons.json").read_text())
    d = _ICON_CACHE[source]
    icon = d["icons"][name]
    w, h = icon.get("width", d.get("width", 16)), icon.get("height", d.get("height", 16))
    left, top = icon.get("left", 0), icon.get("top", 0)
    body = icon["body"].replace("currentColor", fill)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="{px}" height="{px}" viewBox="{left} {top} {w} {h}">{body}</svg>')
    png = subprocess.run(["rsvg-convert", "--format=png"], input=svg.encode(), capture_output=True, check=True).stdout
    return _crop(Image.open(io.BytesIO(png)).convert("RGBA"))


def render(item: Item, colour: Optional[tuple]) -> Image.Image:
    """The item as an RGBA cut-out, tightly cropped, about 256 px on its long side.

    `colour` paints one-colour glyphs (ignored by colour emoji/clip art).
    """
    hexcol = "#%02x%02x%02x" % tuple(colour) if colour is not None else "#000000"
    if item.source == "noto":
        im = _glyph(NOTO, 109, EMOJI[item.name][0], None, True)  # CBDT: bitmap strike 109 only
    elif item.source == "symbola":
        im = _glyph(SYMBOLA, 220, EMOJI[item.name][0], tuple(colour) + (255,), False)
    else:
        im = _iconify(item.source, item.name, 256, hexcol)
    scale = 256 / max(im.size)
    return im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))), Image.LANCZOS)


def as_arrays(im: Image.Image):
    a = np.asarray(im, dtype=np.float64)
    return a[..., :3], a[..., 3] / 255.0
