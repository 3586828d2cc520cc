"""The detector pipeline's unit checks (pytest is not installed; models/training uses plain scripts):

    /usr/bin/python3 models/training/detect/selftest.py

scenes (splits by family, determinism, letterbox, boxes/masks agree), the assignment and
losses, the post-processing and metrics, the network's outputs in the contract's order, and
the registry decision.
"""
import torch

import detloss
import postprocess
import register_detect as RD
import scenes
from detnet import Detector, anchor_points


def net_checks():
    torch.manual_seed(0)
    pts, st = anchor_points()
    assert len(pts) == 1344 and st[:1024].eq(8).all() and st[1024:1280].eq(16).all() and st[1280:].eq(32).all()
    assert pts[1].tolist() == [12.0, 4.0] and pts[32].tolist() == [4.0, 12.0], "row-major cells"
    net = Detector().eval()
    with torch.no_grad():
        ltrb, score, coef, protos = net(torch.rand(2, 3, 256, 256))
    assert ltrb.shape == (2, 1344, 4) and score.shape == (2, 1344) and coef.shape == (2, 1344, 16) and protos.shape == (2, 16, 64, 64)
    boxes = net.decode(ltrb)
    assert (boxes[..., 2] >= boxes[..., 0]).all() and (boxes[..., 3] >= boxes[..., 1]).all()
    # one training step lowers the loss on a fixed batch (the losses are wired to the outputs)
    net.train()
    x = torch.rand(2, 3, 256, 256)
    gt = torch.tensor([[[20.0, 30, 120, 160]], [[100.0, 100, 200, 180]]])
    masks = torch.zeros(2, 1, 64, 64)
    masks[0, 0, 8:40, 5:30] = 1
    masks[1, 0, 25:45, 25:50] = 1
    opt = torch.optim.AdamW(net.parameters(), 2e-3)
    first = None
    for _ in range(4):
        loss, _ = detloss.losses(net(x), net.anchors, net.strides, gt, torch.ones(2, 1, dtype=torch.bool), masks)
        first = float(loss) if first is None else first
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert float(loss) < first, (first, float(loss))
    print("detnet selftest ok")


def decide_checks():
    entry = lambda m, c, sha="a": {"selection": {"candidate": {"map50": m, "count_accuracy": c}}, "export": {"parity_ok": True},  # noqa: E731
                                   "dataset": {"scenes": {"sha256": sha}}, "version": 1}
    assert RD.decide(entry(0.1, 0.2), None)[0] and not RD.decide(entry(0.0, 0.2), None)[0]
    champ = entry(0.5, 0.6)
    assert RD.decide(entry(0.6, 0.6), champ)[0]
    assert not RD.decide(entry(0.6, 0.59), champ)[0], "count accuracy may not drop"
    assert not RD.decide(entry(0.5, 0.7), champ)[0], "mAP must beat the champion"
    assert not RD.decide(entry(0.9, 0.9, "b"), champ)[0], "different scenes"
    bad = entry(0.9, 0.9)
    bad["export"]["parity_ok"] = False
    assert not RD.decide(bad, None)[0]
    print("register selftest ok")


if __name__ == "__main__":
    postprocess.selftest()
    detloss.selftest()
    decide_checks()
    net_checks()
    scenes.selftest()
    print("all detector selftests ok")
