"""The model registry: models/registry.json. A candidate becomes champion only if it
beats the champion on the primary metric, measured on the same test set (same data
fingerprint); otherwise it is recorded as rejected and its file is not kept."""
import json
import shutil
import subprocess
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


def next_version(reg: dict, name: str) -> int:
    return 1 + max((m["version"] for m in reg["models"] if m["name"] == name), default=0)


def git_commit(repo: Path):
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def decide(entry: dict, current: dict | None, force: bool):
    """Returns (promote, reason)."""
    key = entry["metrics"]["primary"]
    new = entry["metrics"][key]
    if current is None:
        return True, f"first {entry['name']}: becomes champion ({key} {new:.4f})"
    if current["dataset"]["fingerprint"]["combined"] != entry["dataset"]["fingerprint"]["combined"]:
        if not force:
            return False, "rejected: evaluated on different data than the champion (fingerprints differ)"
    old = current["metrics"][key]
    if new > old:
        return True, f"promoted: {key} {new:.4f} beats champion v{current['version']} ({old:.4f})"
    if force:
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
