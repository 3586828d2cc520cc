"""Metrics shared by training (validation) and the final evaluation (test)."""
import numpy as np
import torch
import torch.nn.functional as F


@torch.no_grad()
def predict(net, x_u8: np.ndarray, batch=1000, flip_tta=False):
    """Returns (logits, embeddings) for uint8 images [N,28,28]; `flip_tta` is a TTA mode
    of nets.tta_views (or a bool: flip or not), averaged exactly as the export does."""
    from nets import tta_views
    net.eval()
    logits, embs = [], []
    # `batch` counts images after the test-time views: 10 views of 1,000 images made ~500 MB
    # activations per layer and ran 1.75x slower than 100 images at a time.
    batch = max(1, batch // tta_views(torch.zeros(1, 1, 28, 28), flip_tta)[1])
    for i in range(0, len(x_u8), batch):
        x = torch.from_numpy(x_u8[i:i + batch]).float().div_(255).unsqueeze(1)
        v, k = tta_views(x, flip_tta)
        l, e = net(v)
        l = l.view(k, -1, l.shape[-1]).mean(0)
        e = F.normalize(e.view(k, -1, e.shape[-1]).sum(0), dim=1)
        logits.append(l)
        embs.append(e)
    return torch.cat(logits), torch.cat(embs)


def accuracy(logits, y):
    return float((logits.argmax(1) == torch.as_tensor(y)).float().mean())


def confusion(logits, y, k=10):
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (np.asarray(y), logits.argmax(1).numpy()), 1)
    return m


def recall_map(emb, y, ks=(1, 5), chunk=2000):
    """Cosine nearest neighbours among the embeddings themselves (self excluded):
    Recall@K = share of queries with a same-class item in their K nearest;
    mAP = mean average precision of the full ranking."""
    y = torch.as_tensor(np.asarray(y))
    n = len(y)
    hits = {k: 0 for k in ks}
    ap_sum = 0.0
    for i in range(0, n, chunk):
        q = emb[i:i + chunk]
        sim = q @ emb.t()
        idx = torch.arange(i, min(i + chunk, n))
        sim[torch.arange(len(idx)), idx] = -2.0
        order = sim.argsort(1, descending=True)[:, : n - 1]
        rel = (y[order] == y[idx][:, None]).float()
        for k in ks:
            hits[k] += int(rel[:, :k].max(1).values.sum())
        cum = rel.cumsum(1)
        ranks = torch.arange(1, n, dtype=torch.float32)
        prec = cum / ranks
        ap_sum += float(((prec * rel).sum(1) / rel.sum(1).clamp(min=1)).sum())
    out = {f"recall@{k}": hits[k] / n for k in ks}
    out["mAP"] = ap_sum / n
    return out


def ece(probs, y, bins=15):
    conf, pred = probs.max(1)
    correct = (pred == torch.as_tensor(y)).float()
    edges = torch.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += float(m.float().mean() * (conf[m].mean() - correct[m].mean()).abs())
    return total


def fit_temperature(logits, y):
    """Temperature scaling (Guo et al. 2017): one scalar T minimising validation NLL."""
    y = torch.as_tensor(np.asarray(y)).long()
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(logits / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp())


def gate_stats(probs, y, threshold):
    conf, pred = probs.max(1)
    above = conf >= threshold
    correct = pred == torch.as_tensor(y)
    return {
        "threshold": threshold,
        "share_above": float(above.float().mean()),
        "accuracy_above": float(correct[above].float().mean()) if above.any() else None,
        "accuracy_below": float(correct[~above].float().mean()) if (~above).any() else None,
    }
