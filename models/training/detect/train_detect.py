"""Train the garment detector on scenes generated on the fly; resumable.

    /usr/bin/python3 models/training/detect/train_detect.py --run-dir RUN [--epochs 60 --scenes-per-epoch 8000]
    /usr/bin/python3 models/training/detect/train_detect.py --run-dir RUN --smoke      # a few hundred scenes, 2 epochs

Each epoch draws new training scenes (scenes.py, train families only, seeds from the epoch
and index) in a DataLoader worker; validation is the fixed validation set (scenes-val.npz in
--scenes-dir, rendered there first if missing). AdamW, linear warm-up then cosine, EMA
weights (evaluated and exported). Re-running the same command resumes from RUN/last.pt;
each epoch appends one JSON line to RUN/log.jsonl (losses, val mAP@0.5, count accuracy,
mask IoU at the threshold that maximises count accuracy, CPU and wall seconds).
"""
import argparse
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import detloss
import postprocess as PP
import scenes as S
from detnet import Detector, count_params, flops  # (detnet puts models/training on sys.path)
from ema import EMA


def parse(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--run-dir", required=True)
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--scenes-per-epoch", type=int, default=8000)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--wd", type=float, default=0.01)
    p.add_argument("--warmup", type=float, default=0.03, help="share of steps warming up")
    p.add_argument("--ema-decay", type=float, default=0.9995)
    p.add_argument("--scenes-dir", default=str(Path.home() / ".cache/curator/detect"))
    p.add_argument("--val-scenes", type=int, default=1000)
    p.add_argument("--workers", type=int, default=1, help="DataLoader workers rendering scenes")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--init-from", help="start from this run's final.pt (its EMA weights; a new schedule), unless RUN/last.pt resumes")
    p.add_argument("--max-steps", type=int, default=0, help="stop after N steps (timing)")
    p.add_argument("--smoke", action="store_true", help="tiny: 192 scenes x 2 epochs, 64 validation scenes")
    a = p.parse_args(argv)
    if a.smoke:
        a.epochs, a.scenes_per_epoch, a.val_scenes = min(a.epochs, 2), min(a.scenes_per_epoch, 192), min(a.val_scenes, 64)
        a.warmup = 0.1
    return a


class TrainScenes(torch.utils.data.Dataset):
    def __init__(self, n, epoch, seed):
        self.n, self.epoch, self.seed, self.src = n, epoch, seed, None

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if self.src is None:
            self.src = S.Sources("train")
        return S.make_scene(self.src, S.scene_seed("train", f"{self.seed}/{self.epoch}", i))


def collate(batch):
    """Scenes -> images [B,3,256,256], boxes [B,M,4], valid [B,M], masks [B,M,64,64] (float)."""
    m = max([len(s["classes"]) for s in batch] + [1])
    x = torch.from_numpy(np.stack([s["image"] for s in batch])).permute(0, 3, 1, 2).float() / 255
    boxes, valid = torch.zeros(len(batch), m, 4), torch.zeros(len(batch), m, dtype=torch.bool)
    masks = torch.zeros(len(batch), m, S.MASK, S.MASK)
    for i, s in enumerate(batch):
        k = len(s["classes"])
        boxes[i, :k], valid[i, :k] = torch.from_numpy(s["boxes"]), True
        masks[i, :k] = torch.from_numpy(s["masks"].astype(np.float32))
    return x, boxes, valid, F.avg_pool2d(masks.view(-1, 1, S.MASK, S.MASK), 2).view(len(batch), m, 64, 64)


def fixed_set(scenes_dir: Path, split: str, n: int) -> dict:
    """The first n scenes of the cached split (rendered and cached when missing or too short)."""
    path = scenes_dir / f"scenes-{split}.npz"
    if path.exists():
        d = S.load_fixed(path)
        if len(d["images"]) >= n:
            return {k: v[:n] for k, v in d.items()}
    print(f"rendering {n} {split} scenes into {scenes_dir} ...", flush=True)
    S.build_fixed(scenes_dir, {split: n})
    return S.load_fixed(path)


@torch.no_grad()
def predict(net, images, batch=32):
    """Yields (boxes, scores, coeffs, protos) numpy per scene (the exported graph's outputs)."""
    net.eval()
    for lo in range(0, len(images), batch):
        x = torch.from_numpy(images[lo:lo + batch]).permute(0, 3, 1, 2).float() / 255
        ltrb, logit, coef, protos = net(x)
        boxes, scores = net.decode(ltrb).numpy(), torch.sigmoid(logit).numpy()
        for i in range(len(x)):
            yield boxes[i], scores[i], coef[i].numpy(), protos[i].numpy()


def score_set(net, fixed: dict, nms_ious=(0.6,), max_detections=20):
    """{nms_iou: [score_scene records]} and the GT classes per scene."""
    recs = {t: [] for t in nms_ious}
    gt_cls = []
    for i, out in enumerate(predict(net, fixed["images"])):
        v = fixed["classes"][i] >= 0
        gt_cls.append(fixed["classes"][i][v])
        for t in nms_ious:
            recs[t].append(PP.score_scene(*out, fixed["boxes"][i][v], fixed["masks"][i][v], t, max_detections))
    return recs, gt_cls


def validate(net, fixed):
    recs, _ = score_set(net, fixed)
    thr, s = PP.choose_threshold(recs[0.6])
    return {k: s[k] for k in ("map50", "map50_95", "count_accuracy", "f1", "mask_iou", "empty_false_positive_rate", "threshold")}


def main(argv=None):
    a = parse(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    run = Path(a.run_dir)
    run.mkdir(parents=True, exist_ok=True)
    net = Detector()
    cfg = {"arch": net.arch, "args": vars(a), "parameters": count_params(net), "macs": flops(net)}
    if not (run / "config.json").exists():
        (run / "config.json").write_text(json.dumps(cfg, indent=1))
    decay, no_decay = [], []
    for p in net.parameters():
        (no_decay if p.ndim <= 1 else decay).append(p)
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)
    steps_per_epoch = math.ceil(a.scenes_per_epoch / a.batch)
    total = steps_per_epoch * a.epochs
    warm = max(1, int(total * a.warmup))
    lr_at = lambda s: a.lr * (s / warm if s < warm else 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, total - warm))))  # noqa: E731
    ema = EMA(net, a.ema_decay, ramp=500)
    start, step = 0, 0
    if (run / "last.pt").exists():
        ck = torch.load(run / "last.pt")
        net.load_state_dict(ck["net"])
        ema.model.load_state_dict(ck["ema"])
        ema.updates, start, step = ck["ema_updates"], ck["epoch"], ck["step"]
        opt.load_state_dict(ck["opt"])
        print(f"resuming at epoch {start + 1} (step {step})", flush=True)
    elif a.init_from:
        ck = torch.load(a.init_from)
        if ck["arch"] != net.arch:
            raise SystemExit(f"--init-from {a.init_from}: its architecture {ck['arch']} is not this run's {net.arch}")
        net.load_state_dict(ck["ema"])
        ema.model.load_state_dict(ck["ema"])
        print(f"starting from {a.init_from} (EMA weights)", flush=True)
    fixed = fixed_set(Path(a.scenes_dir), "val", a.val_scenes)
    print(f"detector: {cfg['parameters'] / 1e6:.2f} M parameters, {2 * cfg['macs'] / 1e9:.2f} GFLOP; {len(fixed['images'])} validation scenes", flush=True)
    for epoch in range(start, a.epochs):
        net.train()
        loader = torch.utils.data.DataLoader(TrainScenes(a.scenes_per_epoch, epoch, a.seed), batch_size=a.batch, shuffle=False,
                                             num_workers=a.workers, collate_fn=collate, drop_last=True)
        t0, c0 = time.time(), time.process_time()
        sums, n = {}, 0
        for x, boxes, valid, masks in loader:
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            loss, parts = detloss.losses(net(x), net.anchors, net.strides, boxes, valid, masks)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
            opt.step()
            ema.update(net)
            step += 1
            n += 1
            for k, v in {"loss": float(loss), **parts}.items():
                sums[k] = sums.get(k, 0.0) + v
            if n % 5 == 0:
                print(f"epoch {epoch + 1} step {n}/{steps_per_epoch} loss {sums['loss'] / n:.3f} ({time.time() - t0:.0f} s)", flush=True)
            if a.max_steps and n >= a.max_steps:
                break
        train_wall, train_cpu = time.time() - t0, time.process_time() - c0
        val = validate(ema.model, fixed)
        row = {"epoch": epoch + 1, "step": step, "lr": lr_at(step), **{k: v / max(1, n) for k, v in sums.items()},
               "val": val, "scenes": n * a.batch, "train_wall_s": round(train_wall, 1), "train_cpu_s": round(train_cpu, 1),
               "cpu_s_per_1000_scenes": round(1000 * train_cpu / max(1, n * a.batch), 1), "wall_s_per_1000_scenes": round(1000 * train_wall / max(1, n * a.batch), 1),
               "val_wall_s": round(time.time() - t0 - train_wall, 1)}
        with open(run / "log.jsonl", "a") as f:
            f.write(json.dumps(PP.finite(row)) + "\n")
        print(json.dumps(row), flush=True)
        ck = {"net": net.state_dict(), "ema": ema.model.state_dict(), "ema_updates": ema.updates, "epoch": epoch + 1, "step": step,
              "opt": opt.state_dict(), "arch": net.arch}
        torch.save(ck, run / "last.tmp")
        (run / "last.tmp").replace(run / "last.pt")
        if a.max_steps:
            break
    torch.save({"ema": ema.model.state_dict(), "arch": net.arch}, run / "final.pt")
    print(f"done: {run / 'final.pt'}", flush=True)


if __name__ == "__main__":
    main()
