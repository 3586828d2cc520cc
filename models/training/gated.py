"""The experts classifier, compiled for the device: the catalogue expert runs only when
the gate is open.

Classifier v6 (experts.py) mixes its two experts as g · catalogue + (1 − g) · multi-style
on the ten Fashion-MNIST kinds. The catalogue expert is v3 with its ten test-time views:
~80 % of the graph's arithmetic, yet for a drawing or a photographed garment the gate is
nearly always shut (validation styles: g ≤ 0.01 for 84 % of drawings, median g 9e-5), so
its vote is multiplied by ~0 after being paid for in full.

This edit moves every node that only the catalogue expert needs into the then-branch of
an ONNX `If`, taken when any image of the batch has g > EPS, and makes the vote hard:

    g' = g if g > EPS else 0;   logits = g' · catalogue + (1 − g') · multi-style   (10 kinds)

so each image's answer does not depend on the batch it is in (an image with g ≤ EPS gets
the multi-style expert's logits exactly, whether or not the branch ran for another
image). For g ≤ EPS the change is g · (catalogue − multi-style), at most EPS times the
experts' disagreement; quantize.py measures it on the held-out-style images per image.
"""
from __future__ import annotations

import onnx
from onnx import TensorProto, helper, numpy_helper
import numpy as np

#: The gate value above which the catalogue expert's vote is computed.
EPS = 0.01


def _ancestors(tensor: str, nodes: list, producer: dict) -> set[int]:
    """Indices of the nodes `tensor` depends on."""
    out, stack = set(), [tensor]
    while stack:
        node = producer.get(stack.pop())
        if node is None or node in out:
            continue
        out.add(node)
        stack.extend(nodes[node].input)
    return out


def _mixing(graph: onnx.GraphProto):
    """(nodes, producer, the final Concat, the two Mul node indices, gate, zc, zs[:10]) of
    ExpertsClassifier.forward: Concat([Add(Mul(g, zc), Mul(Sub(1, g), zs[:10])), zs[10:]])."""
    nodes = list(graph.node)
    producer = {o: i for i, n in enumerate(nodes) for o in n.output}
    final = nodes[producer[graph.output[0].name]]
    add = nodes[producer[final.input[0]]] if final.input[0] in producer else None
    if final.op_type != "Concat" or add is None or add.op_type != "Add":
        raise SystemExit("not an experts classifier: its output is not Concat(Add(...), ...)")
    mul_c_i, mul_s_i = producer[add.input[0]], producer[add.input[1]]
    gate, zc = nodes[mul_c_i].input
    return nodes, producer, final, mul_c_i, gate, zc, nodes[mul_s_i].input[1]


def gate_probe(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy whose one output is the gate, [N, 1] (to report how often it is shut)."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    gate = _mixing(model.graph)[4]
    del model.graph.output[:]
    model.graph.output.append(helper.make_tensor_value_info(gate, TensorProto.FLOAT, None))
    return model


def gate_catalogue_expert(model: onnx.ModelProto, eps: float = EPS) -> tuple[onnx.ModelProto, dict]:
    """A copy of an experts classifier (float or int8) with the catalogue expert behind an If."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    graph = model.graph
    nodes, producer, final, mul_c_i, gate, zc, zs10 = _mixing(graph)
    up = lambda t: _ancestors(t, nodes, producer)  # noqa: E731
    catalogue = up(zc) - up(gate) - up(zs10) - up(final.input[1])
    if not catalogue:
        raise SystemExit("the catalogue expert shares every node with the rest: nothing to gate")

    then_graph = helper.make_graph([nodes[i] for i in sorted(catalogue)], "catalogue_expert", [],
                                   [helper.make_tensor_value_info(zc, TensorProto.FLOAT, None)])
    else_graph = helper.make_graph([helper.make_node("Identity", [zs10], ["gated_zc_closed"])], "gate_shut", [],
                                   [helper.make_tensor_value_info("gated_zc_closed", TensorProto.FLOAT, None)])
    graph.initializer.append(numpy_helper.from_array(np.array(eps, np.float32), "gated_eps"))
    gating = [
        helper.make_node("ReduceMax", [gate], ["gated_max"], keepdims=0),
        helper.make_node("Greater", ["gated_max", "gated_eps"], ["gated_any_open"]),
        helper.make_node("If", ["gated_any_open"], ["gated_zc_branch"], then_branch=then_graph, else_branch=else_graph),
        # Per image: the catalogue expert's logits where its gate is open, else the multi-style expert's
        # (so g · zs + (1 − g) · zs = zs exactly).
        helper.make_node("Greater", [gate, "gated_eps"], ["gated_open"]),
        helper.make_node("Where", ["gated_open", "gated_zc_branch", zs10], ["gated_zc"]),
    ]
    nodes[mul_c_i].input[1] = "gated_zc"
    out = []
    for i, n in enumerate(nodes):
        if i in catalogue or i == mul_c_i:
            continue
        if i == producer[final.input[0]]:  # the Add: its inputs must all exist by now
            out.extend(gating + [nodes[mul_c_i]])
        out.append(n)
    del graph.node[:]
    graph.node.extend(out)
    model.doc_string = (model.doc_string + "\n" if model.doc_string else "") + f"catalogue expert gated at g > {eps} (models/training/gated.py)"
    onnx.checker.check_model(model)
    return model, {"gated_eps": eps, "gated_nodes": len(catalogue), "nodes": len(nodes)}
