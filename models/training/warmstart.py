"""Start a GarmentNet from a registered champion's ONNX files (the torch checkpoints of a
run are not kept in the repo; the ONNX files are, with their sha256 in the registry).

torch.onnx.export folds each BatchNorm into its convolution (W' = W·g/σ, b' = β − μ·g/σ).
To train again we need BatchNorm back, and in a form that behaves the same in training
mode, where BN normalises with batch statistics. So each conv gets the folded weights
W' (no bias) and its BN is re-estimated on real inputs: with u = W'x per channel, mean m
and variance v over a sample of training images, we set running_mean = m,
running_var = v, γ = sqrt(v + eps), β = m + b'. Then BN(u) = u + b' exactly in eval mode
(the champion's function), and approximately in training mode (batch stats ≈ m, v).
The classifier head keeps the champion's rows for the classes it had; new classes start
from small random rows. The projection head is copied from the embedder file.
"""
import numpy as np
import onnx
import torch
from onnx import numpy_helper

from nets import Conv, GarmentNet


def _conv_order(net: GarmentNet):
    """Conv modules in execution order (C2f runs cv1, the bottlenecks, then cv2)."""
    order = []
    hooks = [m.register_forward_hook(lambda mod, i, o: order.append(mod)) for m in net.modules() if isinstance(m, Conv)]
    with torch.no_grad():
        net.eval()
        net(torch.zeros(1, 1, 28, 28))
    for h in hooks:
        h.remove()
    return order


def _onnx_convs(path):
    m = onnx.load(path)
    init = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    convs = []
    for n in m.graph.node:
        if n.op_type == "Conv":
            w = init[n.input[1]]
            b = init[n.input[2]] if len(n.input) > 2 else np.zeros(w.shape[0], np.float32)
            convs.append((w, b))
    return convs, init


def warm_start(net: GarmentNet, classifier_onnx: str, embedder_onnx: str, x_sample: torch.Tensor, old_classes: int):
    convs, cinit = _onnx_convs(classifier_onnx)
    order = _conv_order(net)
    if len(convs) != len(order):
        raise ValueError(f"{len(convs)} convolutions in {classifier_onnx}, the net has {len(order)}")
    biases = []
    for mod, (w, b) in zip(order, convs):
        if tuple(mod.conv.weight.shape) != w.shape:
            raise ValueError(f"shape mismatch {tuple(mod.conv.weight.shape)} vs {w.shape}")
        mod.conv.weight.data.copy_(torch.from_numpy(w))
        bn = mod.bn
        bn.running_mean.zero_()
        bn.running_var.fill_(1 - bn.eps)
        bn.weight.data.fill_(1.0)
        bn.bias.data.copy_(torch.from_numpy(b))
        biases.append(torch.from_numpy(b))
    # Re-estimate each BN on real inputs, layer by layer in execution order: with every BN
    # set to "identity + folded bias", the input of each conv is the champion's own.
    stats = {}

    def grab(mod, inp, out):
        u = mod.conv(inp[0])
        stats[mod] = (u.mean((0, 2, 3)), u.var((0, 2, 3), unbiased=False))

    hooks = [m.register_forward_hook(grab) for m in order]
    net.eval()
    with torch.no_grad():
        net(x_sample)
    for h in hooks:
        h.remove()
    for mod, b in zip(order, biases):
        m, v = stats[mod]
        bn = mod.bn
        bn.running_mean.copy_(m)
        bn.running_var.copy_(v)
        bn.weight.data.copy_(torch.sqrt(v + bn.eps))
        bn.bias.data.copy_(m + b)
    fc_w, fc_b = cinit["net.fc.weight"], cinit["net.fc.bias"]
    k = min(old_classes, fc_w.shape[0], net.fc.out_features)
    with torch.no_grad():
        net.fc.weight[:k].copy_(torch.from_numpy(fc_w[:k]))
        net.fc.bias[:k].copy_(torch.from_numpy(fc_b[:k]))
        if net.fc.out_features > k:  # new classes: small rows, biased below the known ones
            net.fc.weight[k:].normal_(0, 0.01)
            net.fc.bias[k:].fill_(float(fc_b[:k].mean()) - 1.0)
    _, einit = _onnx_convs(embedder_onnx)
    with torch.no_grad():
        net.proj[0].weight.copy_(torch.from_numpy(einit["net.proj.0.weight"]))
        net.proj[0].bias.copy_(torch.from_numpy(einit["net.proj.0.bias"]))
        net.proj[2].weight.copy_(torch.from_numpy(einit["net.proj.2.weight"]))
        net.proj[2].bias.copy_(torch.from_numpy(einit["net.proj.2.bias"]))
    return net
