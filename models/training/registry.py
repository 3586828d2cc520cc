"""The model registry: models/registry.json. A candidate becomes champion only if it
beats the champion on validation (decide() says exactly how), measured on the same data
(same fingerprint); otherwise it is recorded as rejected and its file is not kept."""
import hashlib
import json
import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path


def load(path: Path) -> dict:
    if path.exists():
        return json.loads(path.read_text())
    return {"schemaVersion": 1, "models": []}


def save(reg: dict, path: Path):
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(reg, indent=2) + "\n")
    tmp.replace(path)


def champion(reg: dict, name: str):
    return next((m for m in reg["models"] if m["name"] == name and m["status"] == "champion"), None)


REPO_MODELS = Path(__file__).resolve().parent.parent  # models/ of this checkout


def model_file(models_dir: Path, entry: dict) -> Path:
    """An entry's ONNX file: in models_dir (or this checkout's models/) while it is
    champion, else from git history (the last commit that held it); checked against
    the registered sha256 either way."""
    for d in (models_dir, REPO_MODELS):
        if (d / entry["file"]).exists():
            path, blob = d / entry["file"], None
            break
    else:
        top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=REPO_MODELS, capture_output=True,
                                  text=True, check=True).stdout.strip())
        rel = (REPO_MODELS / entry["file"]).relative_to(top)
        gone = subprocess.run(["git", "rev-list", "-n", "1", "HEAD", "--", str(rel)], cwd=top,
                              capture_output=True, text=True).stdout.strip()
        # That commit added or changed the file (it is still in the checkout's HEAD) or deleted it.
        show = [subprocess.run(["git", "show", f"{c}:{rel}"], cwd=top, capture_output=True) for c in (gone, gone + "^")]
        blob = next((r.stdout for r in show if r.returncode == 0), None)
        if not gone or blob is None:
            raise FileNotFoundError(f"{rel}: not in this checkout nor in its git history (a shallow clone?)")
        path = Path(tempfile.mkdtemp(prefix="curator-retired-")) / entry["file"]
        path.write_bytes(blob)
    if hashlib.sha256(blob if blob is not None else path.read_bytes()).hexdigest() != entry["sha256"]:
        raise ValueError(f"{path} does not match {entry['name']} v{entry['version']}'s registered sha256")
    return path


def next_version(reg: dict, name: str) -> int:
    return 1 + max((m["version"] for m in reg["models"] if m["name"] == name), default=0)


def git_commit(repo: Path):
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


FM_TOLERANCE = 0.002  # "no worse on Fashion-MNIST": at most 10 of its 5,000 validation images


def decide(entry: dict, current: dict | None, force: bool):
    """Returns (promote, reason).

    Entries with a `selection` block (multi-style pipeline) are compared on
    *validation* figures of the candidate and of the champion, both measured in the same
    run on the same data: the candidate must beat the champion on the held-out
    validation styles and be no worse (within FM_TOLERANCE) on Fashion-MNIST validation.
    The test set plays no part in the decision. --force can override a validation
    verdict, never a regression on test (Fashion-MNIST test accuracy / Recall@1 below the
    champion's by more than FM_TOLERANCE), and is recorded in the entry.
    Older entries (no selection block) fall back to the primary metric."""
    sel = entry.get("selection")
    if current is None:
        return True, f"first {entry['name']}: becomes champion"
    if current["dataset"]["fingerprint"]["combined"] != entry["dataset"]["fingerprint"]["combined"]:
        if not force:
            return False, "rejected: evaluated on different data than the champion (fingerprints differ)"
    if sel:
        c, ch, rule = sel["candidate"], sel["champion"], sel["rule"]
        better = c[rule["better"]] > ch[rule["better"]]
        no_worse = c[rule["no_worse"]] >= ch[rule["no_worse"]] - FM_TOLERANCE
        verdict = (f"{rule['better']} {c[rule['better']]:.4f} vs champion v{current['version']} {ch[rule['better']]:.4f}; "
                   f"{rule['no_worse']} {c[rule['no_worse']]:.4f} vs {ch[rule['no_worse']]:.4f}")
        if better and no_worse:
            return True, "promoted on validation: " + verdict
        key = entry["metrics"]["primary"]
        test_regression = entry["metrics"][key] < current["metrics"][key] - FM_TOLERANCE
        if force and not test_regression:
            entry["forced"] = True
            return True, "FORCED promotion (--force) against the validation verdict: " + verdict
        why = "not better on the held-out validation styles" if not better else "worse on Fashion-MNIST validation"
        if force:
            why += f"; --force refused: {key} on test {entry['metrics'][key]:.4f} is below the champion's {current['metrics'][key]:.4f}"
        return False, f"rejected ({why}): " + verdict
    key = entry["metrics"]["primary"]
    new = entry["metrics"][key]
    old = current["metrics"][key]
    if new > old:
        return True, f"promoted: {key} {new:.4f} beats champion v{current['version']} ({old:.4f})"
    if force:
        entry["forced"] = True
        return True, (f"FORCED promotion (--force): {key} {new:.4f} does not beat champion "
                      f"v{current['version']} ({old:.4f})")
    return False, f"rejected: {key} {new:.4f} does not beat champion v{current['version']} ({old:.4f})"


def register(models_dir: Path, entry: dict, onnx_file: Path, reference: Path | None, force=False):
    """Adds `entry` (metrics etc. filled in) to the registry in models_dir. Copies the ONNX
    file and reference outputs in only when the candidate is promoted."""
    reg_path = models_dir / "registry.json"
    reg = load(reg_path)
    name = entry["name"]
    entry["version"] = next_version(reg, name)
    entry["date"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    entry["gitCommit"] = git_commit(Path(__file__).resolve().parent)
    current = champion(reg, name)
    promote, reason = decide(entry, current, force)
    entry["note"] = reason
    if promote:
        fname = f"{name}-v{entry['version']}.onnx"
        shutil.copyfile(onnx_file, models_dir / fname)
        entry["file"], entry["status"] = fname, "champion"
        if reference is not None:
            ref_name = f"testdata/{name}-v{entry['version']}.reference.json"
            (models_dir / "testdata").mkdir(exist_ok=True)
            shutil.copyfile(reference, models_dir / ref_name)
            entry["reference"] = ref_name
        if current is not None:
            current["status"] = "retired"
            # The app loads champions only; retired weights stay in git history.
            for key in ("file", "reference"):
                old = current.get(key)
                if old and (models_dir / old).exists():
                    (models_dir / old).unlink()
    else:
        entry["file"], entry["status"], entry["reference"] = None, "rejected", None
    reg["models"].append(entry)
    save(reg, reg_path)
    return entry, current, reason
