"""Train the shared garment backbone with its two heads; resumable from checkpoints.

  /usr/bin/python3 models/training/train.py --run-dir RUN --epochs 24 --finish-epochs 6
Data: Fashion-MNIST (the plain images) plus the multi-style set (models/training/styles,
built into --styles DIR; `--styles none` trains on Fashion-MNIST alone).
Main schedule: --epochs of one-cycle with the full augmentation. Finish: --finish-epochs
more with the lighter FINISH augmentation and a short cosine restart from --finish-lr.
--warm-start CLASSIFIER.onnx,EMBEDDER.onnx starts from a registered champion
(warmstart.py) instead of random weights.
Losses: cross-entropy over all classes; supervised contrastive over garment classes
(not "not-clothing", which is no one kind); and an instance term: --instance-pairs
samples of each batch get a partner, another render of the same drawing (or the scene
made from the same Fashion-MNIST image, or a second augmentation), and the pair must be
nearest (so "similar" ranks look-alikes, not only same-class items).
Re-running the same command resumes from RUN/last.pt (a finished main schedule can be
extended with a finish phase). Each epoch appends one JSON
line to RUN/log.jsonl (loss, accuracy, validation metrics, lr, seconds).
"""
import argparse
import json
import math
import os
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

import data
import styles_data
from augment import FINISH, FULL, augment
from ema import EMA
from losses import supcon_loss
from metrics import accuracy, predict, recall_map
from nets import DEFAULT_ARCH, GarmentNet, build_net, count_params


def parse(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--run-dir", required=True)
    p.add_argument("--epochs", type=int, default=85)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--warmup", type=float, default=0.15, help="share of steps warming up")
    p.add_argument("--wd", type=float, default=5e-4)
    p.add_argument("--label-smoothing", type=float, default=0.1)
    p.add_argument("--supcon-weight", type=float, default=0.5)
    p.add_argument("--supcon-temperature", type=float, default=0.1)
    p.add_argument("--finish-epochs", type=int, default=20)
    p.add_argument("--finish-lr", type=float, default=0.01)
    p.add_argument("--ema-decay", type=float, default=0.9995)
    p.add_argument("--subset", type=int, default=0, help="train on N images only (smoke runs)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--styles", default=str(styles_data.DEFAULT_DIR),
                   help="multi-style data set directory (styles/build.py), or 'none'")
    p.add_argument("--styles-suffix", default="", help="'-smoke' reads the smoke build")
    p.add_argument("--min-per-class", type=int, default=4000,
                   help="multi-style samples of a class are redrawn up to this many per epoch")
    p.add_argument("--warm-start", default="", help="CLASSIFIER.onnx,EMBEDDER.onnx of a champion")
    p.add_argument("--instance-weight", type=float, default=0.5)
    p.add_argument("--instance-pairs", type=int, default=32)
    p.add_argument("--instance-temperature", type=float, default=0.1)
    p.add_argument("--init-from", default="",
                   help="start from a run's final.pt (its EMA weights; same classes), instead of --warm-start")
    p.add_argument("--distill", default="",
                   help="CLASSIFIER.onnx,EMBEDDER.onnx of a teacher (e.g. the Fashion-MNIST champion): on plain "
                        "Fashion-MNIST images the student's first 10 logits also match the teacher's (KD)")
    p.add_argument("--distill-weight", type=float, default=1.0)
    p.add_argument("--distill-temperature", type=float, default=2.0)
    p.add_argument("--teacher-run", default="",
                   help="RUN/final.pt of an earlier run (any architecture in its config.json): on every training "
                        "image the student's logits over all classes also match that teacher's (KD at "
                        "--distill-temperature, weight --teacher-weight)")
    p.add_argument("--teacher-weight", type=float, default=1.0)
    p.add_argument("--widths", default="", help="backbone widths, e.g. 24,48,144,288 (default: the shipped net)")
    p.add_argument("--depths", default="", help="C2f depths, e.g. 1,2,1")
    p.add_argument("--head", type=int, default=0, help="width of the 1x1 conv before pooling (default 512)")
    p.add_argument("--reschedule", action="store_true",
                   help="resume a main schedule with a different --epochs (the one-cycle anneal is "
                        "recomputed for the new length from the step reached; recorded in config.json)")
    return p.parse_args(argv)


def arch_of(args) -> dict:
    """The architecture asked for on the command line (missing parts: the shipped net's)."""
    ints = lambda s: [int(v) for v in s.split(",")]
    return {"widths": ints(args.widths) if args.widths else DEFAULT_ARCH["widths"],
            "depths": ints(args.depths) if args.depths else DEFAULT_ARCH["depths"],
            "head": args.head or DEFAULT_ARCH["head"]}


def run_teacher(path: str) -> GarmentNet:
    """An earlier run's final EMA weights, in the architecture its config.json records."""
    run = Path(path).parent
    cfg = json.loads((run / "config.json").read_text())
    net = build_net(cfg["num_classes"], cfg.get("arch"))
    net.load_state_dict(torch.load(path)["ema"])
    net.eval()
    for p_ in net.parameters():
        p_.requires_grad_(False)
    return net


def lr_at(step, total, peak, warmup):
    """One-cycle: cosine warm-up from peak/25 to peak, cosine anneal to ~0."""
    w = max(1, int(total * warmup))
    if step < w:
        return peak / 25 + (peak - peak / 25) * (1 - math.cos(math.pi * step / w)) / 2
    t = (step - w) / max(1, total - w)
    return peak * 1e-3 + (peak - peak * 1e-3) * (1 + math.cos(math.pi * t)) / 2


def finish_lr_at(step, total, peak):
    """Finish phase: linear warm-up over 5 % of its steps, cosine down to peak/100."""
    w = max(1, int(total * 0.05))
    if step < w:
        return peak * (step + 1) / w
    t = (step - w) / max(1, total - w)
    return peak * 1e-2 + (peak - peak * 1e-2) * (1 + math.cos(math.pi * t)) / 2


def save_atomic(obj, path: Path):
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def main(argv=None):
    args = parse(argv)
    torch.set_num_threads(args.threads)
    run = Path(args.run_dir)
    run.mkdir(parents=True, exist_ok=True)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)

    d = data.load()
    x_all, y_all = d["train"]
    tr_idx, val_idx = data.split_train_val(y_all)
    if args.subset:
        tr_idx = np.random.default_rng(args.seed).choice(tr_idx, args.subset, replace=False)
        val_idx = val_idx[:: max(1, len(val_idx) // max(200, args.subset // 5))]
    x_val, y_val = x_all[val_idx], y_all[val_idx]
    num_classes = len(data.class_table())
    # Plain Fashion-MNIST images are instance 1,000,000 + index: the same id as the scenes
    # styles/build.py made from them, so a scene and its plain image are one garment.
    xs, ys, insts = [x_all[tr_idx]], [y_all[tr_idx].astype(np.int64)], [1_000_000 + tr_idx.astype(np.int64)]
    st_val = None
    if args.styles != "none":
        st = styles_data.load(args.styles, "train", args.styles_suffix)
        xs.append(st["x"]); ys.append(st["y"].astype(np.int64)); insts.append(st["instance"].astype(np.int64))
        st_val = styles_data.load(args.styles, "val", args.styles_suffix)
    x_np = np.concatenate(xs)
    x_tr = torch.from_numpy(x_np).float().div_(255).unsqueeze(1)
    y_tr = torch.from_numpy(np.concatenate(ys)).long()
    inst = np.concatenate(insts)
    n_fm = len(tr_idx)
    pairs = styles_data.InstancePairs(inst)
    not_clothing = num_classes - 1 if data.class_table()[-1]["key"] == "not-clothing" else -1

    arch = arch_of(args)
    net = build_net(num_classes, arch)
    decay, no_decay = [], []
    for n_, p in net.named_parameters():
        (decay if p.ndim > 1 else no_decay).append(p)
    opt = torch.optim.SGD([{"params": decay, "weight_decay": args.wd},
                           {"params": no_decay, "weight_decay": 0.0}],
                          lr=args.lr, momentum=0.9, nesterov=True)
    ema = EMA(net, args.ema_decay)
    epoch_len = len(styles_data.epoch_indices(y_tr.numpy(), n_fm, args.min_per_class, np.random.default_rng(0)))
    steps_per_epoch = epoch_len // args.batch
    total = steps_per_epoch * args.epochs
    start_epoch, step, best = 0, 0, {"val_acc": -1}

    ckpt_path = run / "last.pt"
    if ckpt_path.exists():
        ck = torch.load(ckpt_path)
        reschedule = None
        if ck["args"]["epochs"] != args.epochs:
            if not args.reschedule or ck["epoch"] + 1 >= min(args.epochs, ck["args"]["epochs"]):
                raise SystemExit("checkpoint was made with a different --epochs; use a new --run-dir "
                                 "(or --reschedule while still inside the main schedule of both lengths)")
            reschedule = {"at_epoch": ck["epoch"] + 1, "epochs_from": ck["args"]["epochs"],
                          "epochs_to": args.epochs, "finish_epochs_to": args.finish_epochs}
            print(f"rescheduling: main {ck['args']['epochs']} -> {args.epochs} epochs at epoch {ck['epoch'] + 1}",
                  flush=True)
        done_finish = ck["epoch"] + 1 - args.epochs
        if done_finish > 0 and ck["args"].get("finish_epochs", 0) != args.finish_epochs:
            raise SystemExit("checkpoint is inside a finish phase of a different length; use a new --run-dir")
        net.load_state_dict(ck["model"])
        ema.model.load_state_dict(ck["ema"])
        ema.updates = ck["ema_updates"]
        opt.load_state_dict(ck["opt"])
        start_epoch, step, best = ck["epoch"] + 1, ck["step"], ck["best"]
        print(f"resuming at epoch {start_epoch}/{args.epochs + args.finish_epochs}", flush=True)
        cfg = json.loads((run / "config.json").read_text())
        if reschedule:
            cfg["reschedules"] = cfg.get("reschedules", []) + [reschedule]
        (run / "config.json").write_text(json.dumps({**cfg, **vars(args)}, indent=2))
    else:
        if args.init_from:
            net.load_state_dict(torch.load(args.init_from)["ema"])
            ema = EMA(net, args.ema_decay)
            print(f"initialised from {args.init_from}", flush=True)
        elif args.warm_start:
            from warmstart import warm_start
            cls_onnx, emb_onnx = args.warm_start.split(",")
            warm_start(net, cls_onnx, emb_onnx, x_tr[:2000], 10)
            ema = EMA(net, args.ema_decay)
            print(f"warm start from {cls_onnx} + {emb_onnx}", flush=True)
        (run / "log.jsonl").write_text("")
        (run / "config.json").write_text(json.dumps(
            {**vars(args), "arch": arch, "params": count_params(net), "train_size": len(y_tr),
             "fashion_mnist_train": n_fm, "epoch_size": epoch_len, "num_classes": num_classes,
             "val_size": len(val_idx), "fingerprint": data.fingerprint(),
             "styles": styles_data.describe(args.styles, args.styles_suffix) if args.styles != "none" else None},
            indent=2))
    print(f"params {count_params(net)}, {steps_per_epoch} steps/epoch", flush=True)
    net = net.to(memory_format=torch.channels_last)

    teacher = None
    if args.distill:
        from warmstart import warm_start
        t_cls, t_emb = args.distill.split(",")
        teacher = warm_start(GarmentNet(num_classes=10), t_cls, t_emb, x_tr[:2000], 10).eval()
        for p_ in teacher.parameters():
            p_.requires_grad_(False)
        print(f"distilling Fashion-MNIST from {t_cls} (weight {args.distill_weight}, T {args.distill_temperature})", flush=True)
    kd_t = args.distill_temperature
    full_teacher = None
    if args.teacher_run:
        full_teacher = run_teacher(args.teacher_run)
        print(f"distilling every image from {args.teacher_run} (weight {args.teacher_weight}, T {kd_t})", flush=True)

    finish_total = steps_per_epoch * args.finish_epochs
    for epoch in range(start_epoch, args.epochs + args.finish_epochs):
        finishing = epoch >= args.epochs
        strength = FINISH if finishing else FULL
        t0 = time.time()
        net.train()
        g = torch.Generator().manual_seed(args.seed * 1000 + epoch)
        rng = np.random.default_rng(args.seed * 1000 + epoch)
        order = torch.from_numpy(styles_data.epoch_indices(y_tr.numpy(), n_fm, args.min_per_class, rng))
        sums = {"loss": 0.0, "ce": 0.0, "supcon": 0.0, "instance": 0.0, "kd": 0.0, "kd_run": 0.0, "acc": 0.0}
        for b in range(steps_per_epoch):
            idx = order[b * args.batch:(b + 1) * args.batch]
            if args.instance_pairs:
                partner = torch.from_numpy(pairs.partners(idx[: args.instance_pairs].numpy(), rng))
                idx = torch.cat([idx, partner])
            x = augment(x_tr[idx], g, strength).contiguous(memory_format=torch.channels_last)
            y = y_tr[idx]
            lr = (finish_lr_at(step - total, finish_total, args.finish_lr) if finishing
                  else lr_at(step, total, args.lr, args.warmup))
            for grp in opt.param_groups:
                grp["lr"] = lr
            logits, emb = net(x)
            ce = F.cross_entropy(logits, y, label_smoothing=args.label_smoothing)
            # "Not clothing" is no one kind: no positives for it in the class term.
            y_sc = torch.where(y == not_clothing, -1 - torch.arange(len(y)), y)
            sc = supcon_loss(emb, y_sc, args.supcon_temperature)
            loss = ce + args.supcon_weight * sc
            if args.instance_pairs:
                ins = supcon_loss(emb, torch.from_numpy(inst[idx.numpy()]), args.instance_temperature)
                loss = loss + args.instance_weight * ins
                sums["instance"] += float(ins)
            if teacher is not None:
                fm = idx < n_fm  # plain Fashion-MNIST images only: the teacher knows nothing else
                if bool(fm.any()):
                    with torch.no_grad():
                        t_logits, _ = teacher(x[fm])
                    kd = F.kl_div(F.log_softmax(logits[fm, :10] / kd_t, 1), F.softmax(t_logits / kd_t, 1),
                                  reduction="batchmean") * kd_t * kd_t
                    loss = loss + args.distill_weight * kd
                    sums["kd"] += float(kd)
            if full_teacher is not None:
                with torch.no_grad():
                    t_all, _ = full_teacher(x)
                kd_all = F.kl_div(F.log_softmax(logits / kd_t, 1), F.softmax(t_all / kd_t, 1),
                                  reduction="batchmean") * kd_t * kd_t
                loss = loss + args.teacher_weight * kd_all
                sums["kd_run"] += float(kd_all)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 10.0)
            opt.step()
            ema.update(net)
            step += 1
            sums["loss"] += float(loss)
            sums["ce"] += float(ce)
            sums["supcon"] += float(sc)
            sums["acc"] += float((logits.argmax(1) == y).float().mean())
        train_s = time.time() - t0
        vl, ve = predict(ema.model, x_val)
        rec = {"epoch": epoch + 1, "phase": "finish" if finishing else "main", "lr": lr, "seconds": round(train_s, 1),
               **{f"train_{k}": v / steps_per_epoch for k, v in sums.items()},
               "val_loss": float(F.cross_entropy(vl, torch.from_numpy(y_val).long())),
               "val_acc": accuracy(vl, y_val), "val_acc_fm10": accuracy(vl[:, :10], y_val)}
        if st_val is not None:
            sl, _ = predict(ema.model, st_val["x"])
            rec.update(styles_data.style_metrics(sl, st_val["y"]))
        if (epoch + 1) % 5 == 0 or epoch + 1 >= args.epochs + args.finish_epochs:
            rec.update({f"val_{k}": v for k, v in recall_map(ve, y_val).items()})
        with open(run / "log.jsonl", "a") as f:
            f.write(json.dumps(rec) + "\n")
        print(json.dumps(rec), flush=True)
        if rec["val_acc"] > best["val_acc"]:
            best = {"val_acc": rec["val_acc"], "epoch": epoch + 1}
        save_atomic({"model": net.state_dict(), "ema": ema.model.state_dict(),
                     "ema_updates": ema.updates, "opt": opt.state_dict(), "epoch": epoch,
                     "step": step, "best": best, "args": vars(args)}, ckpt_path)
    # The final EMA weights are the run's result (one-cycle: the cool-down is where
    # the gains are); best-by-validation is logged for the record.
    save_atomic({"ema": ema.model.state_dict(), "args": vars(args), "best": best,
                 "epochs": args.epochs, "finish_epochs": args.finish_epochs}, run / "final.pt")
    print("done", json.dumps(best), flush=True)


if __name__ == "__main__":
    main()
