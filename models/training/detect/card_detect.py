"""The garment detector's model card (Markdown) from its registry entry.

    /usr/bin/python3 models/training/detect/card_detect.py [--registry models/registry.json]

register_detect.py writes it when it promotes; run by hand to rewrite the champion's card
(e.g. after quantize_detect.py --register added the int8 file).
"""
import argparse
import json
from pathlib import Path


def _pct(v):
    return "n/a" if v is None else f"{100 * v:.1f} %"


def _figures(s):
    return (f"mAP@0.5 **{s['map50']:.3f}**, mAP@0.5:0.95 {s['map50_95']:.3f}, count right **{_pct(s['count_accuracy'])}**, "
            f"precision {_pct(s['precision'])}, recall {_pct(s['recall'])} (IoU 0.5), mask IoU {s['mask_iou']:.3f}, "
            f"scenes without a garment given a box {_pct(s['empty_false_positive_rate'])} ({s['scenes']} scenes, {s['garments']} garments)")


def card(e: dict) -> str:
    t, v = e["metrics"]["test"], e["metrics"]["validation"]
    pp, cfg = e["postprocess"], e["training"]["config"]
    args = cfg.get("args", {})
    speed = (e.get("export") or {}).get("ort_web_wasm_batch1") or {}
    lines = [
        f"# Model card: garment-detector v{e['version']}",
        "",
        f"Status: **{e['status']}**. File: `{e['file']}` ({e['bytes'] / 1e6:.2f} MB, sha256 `{e['sha256'][:16]}…`)"
        + (f"; shipped as int8 `{e['quantized']['file']}` ({e['quantized']['bytes'] / 1e6:.2f} MB)" if e.get("quantized") else "")
        + f". Parameters: {e['params']:,}; {e['gflops']:.2f} GFLOP per 256 × 256 input. Date: {e['date']}. Commit: `{e['gitCommit']}`.",
        "",
        "## Intended use",
        "Finds the garments in one photo on the device (several per photo: a flat-lay, a bed of packing, a shelf), "
        "each with a box and a mask for its cut-out, so the app can offer \"Found N pieces\" (models/DETECTION.md). "
        "Class-agnostic: what each piece is, is the classifier's job on its cut-out. A photo where it finds one garment "
        "or none is imported as one item, as before detection.",
        "",
        "## Architecture and training",
        f"Anchor-free one-stage detector (YOLOv8-seg style): Conv-BN-SiLU + C2f backbone to stride 32, SPPF, a light PAN, "
        f"decoupled heads at strides 8/16/32 (score, box sides, 16 mask coefficients), 16 mask prototypes at stride 4. "
        f"Widths {cfg.get('arch', {}).get('widths')}. Trained from {'the weights of ' + args['init_from'] if args.get('init_from') else 'scratch'} "
        f"for {args.get('epochs')} epochs × {args.get('scenes_per_epoch')} synthetic scenes rendered on the fly "
        f"(models/training/detect/scenes.py: 0–6 garments of the training style families, procedural drawings and "
        f"Fashion-MNIST, with non-garment drawings as distractors, on photo-like surfaces with shadows, light and camera noise), "
        f"AdamW lr {args.get('lr')}, cosine, EMA.",
        "",
        "## Post-processing (chosen on validation, never on test)",
        f"Score ≥ {pp['score_threshold']}, class-agnostic NMS at IoU {pp['nms_iou']}, at most {pp['max_detections']} pieces, "
        f"mask ≥ {pp['mask_threshold']}. The threshold maximises the share of validation scenes whose count is right.",
        "",
        "## Metrics on held-out styles",
        f"Scenes built only from style families and Fashion-MNIST images never trained on (scene set sha256 "
        f"`{(e['dataset']['scenes'].get('sha256') or '')[:16]}…`).",
        f"- Test: {_figures(t)}",
        f"- Validation: {_figures(v)}",
        "",
        "Count right by the number of garments in the scene (test):",
        "",
        "| garments | scenes | count right |",
        "|---:|---:|---:|",
    ]
    lines += [f"| {k} | {c['scenes']} | {_pct(c['count_accuracy'])} |" for k, c in (t.get("by_garment_count") or {}).items()]
    lines += ["", "Per kind (test; recall at IoU 0.5 at the shipped threshold; AP@0.5 counts every unmatched box against each kind, so it is low for rare kinds):",
              "", "| kind | garments | recall | AP@0.5 |", "|---|---:|---:|---:|"]
    per = t.get("per_class") or {}
    lines += [f"| {k} | {c['garments']} | {_pct(c['recall'])} | {c['ap50']:.2f} |" for k, c in sorted(per.items(), key=lambda kv: -kv[1]["recall"])]
    q = e.get("quantized") or {}
    if q.get("validation"):
        fv, iv = q["validation"]["float"], q["validation"]["int8"]
        lines += ["", "## int8", f"{q['method']}. On {q['validation']['scenes']} validation scenes in onnxruntime-web: mAP@0.5 "
                  f"{fv['map50']:.3f} → {iv['map50']:.3f}, count right {_pct(fv['count_accuracy'])} → {_pct(iv['count_accuracy'])}."]
    if speed:
        lines += ["", "## Speed", f"onnxruntime-web WASM, batch 1, in Node on this machine: median {speed['medianMs']:.1f} ms, "
                  f"p95 {speed['p95Ms']:.1f} ms per 256 × 256 input ({speed['runs']} runs). In the app: bench/pieces.bench.mjs."]
    weak = ", ".join(f"{k} (recall {_pct(c['recall'])})" for k, c in sorted(per.items(), key=lambda kv: kv[1]["recall"])[:3])
    lines += ["", "## Known limits",
              f"- Getting the count exactly right is the weak figure: one box too many (on a non-garment object, or a second box on part "
              f"of a partly covered garment) or a garment missed. The app therefore always shows what it found and lets the person "
              f"keep, drop, move or add pieces, or import the photo as one item.",
              f"- Weakest kinds: {weak}.",
              "- Trained on drawings and catalogue images composed into synthetic scenes, not on real photographs: expect lower "
              "figures on real photos, and check its boxes.", ""]
    return "\n".join(lines)


def write_card(entry: dict, out: Path):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(card(entry))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--registry", default=str(Path(__file__).resolve().parents[2] / "registry.json"))
    a = ap.parse_args(argv)
    reg = json.loads(Path(a.registry).read_text())
    champ = next((m for m in reg["models"] if m["name"] == "garment-detector" and m["status"] == "champion"), None)
    if champ is None:
        raise SystemExit("no garment-detector champion in " + a.registry)
    out = Path(a.registry).parent / "cards" / "garment-detector.md"
    write_card(champ, out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
