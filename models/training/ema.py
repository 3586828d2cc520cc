"""Exponential moving average of a model's state, ramped in (YOLOv5/v8): the weights a run
evaluates and exports. Shared by the recognition (train.py) and detection trainers."""
import copy
import math

import torch


class EMA:
    """Float state (weights and BN statistics) averaged with a decay that ramps in over
    `ramp` updates; integer state (BN's batch counters) copied."""

    def __init__(self, model, decay, ramp=2000):
        self.model = copy.deepcopy(model).eval()
        self.decay, self.ramp, self.updates = decay, ramp, 0
        for p in self.model.parameters():
            p.requires_grad_(False)

    @torch.no_grad()
    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - math.exp(-self.updates / self.ramp))
        msd = model.state_dict()
        for k, v in self.model.state_dict().items():
            if v.dtype.is_floating_point:
                v.mul_(d).add_(msd[k].detach(), alpha=1 - d)
            else:
                v.copy_(msd[k])
