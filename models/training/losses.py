import torch


def supcon_loss(z: torch.Tensor, y: torch.Tensor, temperature: float = 0.1) -> torch.Tensor:
    """Supervised contrastive loss (Khosla et al. 2020) over one view per sample:
    every other sample of the same class in the batch is a positive."""
    n = z.shape[0]
    sim = z @ z.t() / temperature
    self_mask = torch.eye(n, dtype=torch.bool)
    sim = sim.masked_fill(self_mask, -1e9)
    sim = sim - sim.max(1, keepdim=True).values.detach()
    log_prob = sim - torch.logsumexp(sim, 1, keepdim=True)
    pos = (y[:, None] == y[None, :]) & ~self_mask
    npos = pos.sum(1)
    keep = npos > 0
    mean_pos = (log_prob * pos).sum(1)[keep] / npos[keep]
    return -mean_pos.mean()
