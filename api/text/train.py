#!/usr/bin/env python3
"""Trains the endpoint's text encoder: words -> a 128-d unit vector in the catalog's
embedding space (the champion garment embedder's), so "black ankle boots" can be searched
like a photo of boots.

What it is, honestly: a LiT-style ("locked image") dual encoder. The image tower is the
champion garment embedder, frozen: its outputs are the catalog's vectors
(api/catalog/catalog.json). Only the text tower is trained here, contrastively (InfoNCE
over a batch of caption/image pairs, with every image of the caption's kind counted as a
positive), on captions generated from each product's attributes: kind with the synonyms
shoppers use (jeans/pants/trousers, trainers/sneakers, heels/pumps...), colour, pattern,
fit, material, gender. The pictures are greyscale Fashion-MNIST, and the demo catalog's
colours, patterns, fits and materials are invented per product, so the image vectors can
only tell kinds apart: the encoder learns kinds (and to shrug off the other words), and
the endpoint turns colour, pattern and gender words into filters (api/text/query.ts).

The text tower is fastText-like, not a transformer: its own tokenizer (lower-case words
plus hashed character trigrams, so "snekers" and "t-shirts" still land), a mean of token
embeddings, then a two-layer MLP. Small enough (~0.2 M parameters) to run in plain
TypeScript on the endpoint in microseconds (api/text/encoder.ts).

  /usr/bin/python3 api/text/train.py [--epochs 6] [--test-catalog DIR]

Writes api/text/text-encoder.bin (float32 weights), text-encoder.json (tokenizer, shapes,
sha256, metrics, parity vectors) and prints the evaluation.
"""
import argparse, hashlib, json, os, random, re, struct, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DIM = 128
BUCKETS = 2048
EMB = 96
HIDDEN = 256
SEED = 14

# Fashion-MNIST class -> the words shoppers use for it (first: the catalog's subtype noun).
KINDS = [
    ["t-shirt", "tshirt", "tee", "t shirt", "top", "tank top", "crop top"],
    ["trousers", "pants", "jeans", "chinos", "slacks", "joggers", "leggings"],
    ["sweater", "pullover", "jumper", "knit", "sweatshirt", "cardigan", "hoodie"],
    ["dress", "gown", "sundress", "frock", "maxi dress", "midi dress"],
    ["coat", "overcoat", "trench coat", "jacket", "parka", "raincoat"],
    ["sandals", "sandal", "heels", "pumps", "high heels", "slides", "flip flops", "stilettos"],
    ["shirt", "blouse", "button-down", "button down shirt", "flannel shirt", "oxford shirt"],
    ["sneakers", "trainers", "sneaker", "trainer", "running shoes", "tennis shoes", "kicks"],
    ["bag", "handbag", "tote", "purse", "shoulder bag", "clutch", "backpack", "crossbody bag"],
    ["ankle boots", "boots", "boot", "booties", "chelsea boots", "combat boots", "ankle boot"],
]
COLOURS = ["black", "white", "grey", "gray", "navy", "blue", "red", "pink", "green", "beige", "brown", "yellow", "purple",
           "cream", "tan", "camel", "burgundy", "olive", "khaki", "charcoal", "light blue", "dark green"]
PATTERNS = ["striped", "stripy", "checked", "plaid", "tartan", "floral", "flowery", "dotted", "polka dot", "plain", "solid"]
FITS = ["relaxed", "slim", "oversized", "cropped", "classic", "fitted", "loose", "wide-leg", "skinny", "chunky", "high-top", "low-top",
        "mini", "midi", "long", "short", "casual", "smart", "vintage", "summer", "winter", "warm", "light"]
MATERIALS = ["cotton", "linen", "wool", "leather", "suede", "denim", "silk", "canvas", "knit", "cashmere", "corduroy", "nylon", "jersey"]
GENDERS = ["women's", "men's", "for women", "for men", "ladies", "mens", "womens", "unisex", ""]
PREFIXES = ["", "", "", "a photo of a", "a picture of", "i want", "looking for", "show me", "a pair of", "some", "the", "a"]


def caption(label, rng):
    """One caption for a product of class `label`: its kind in one of its names, and some of the other attributes."""
    parts = []
    if rng.random() < 0.5: parts.append(rng.choice(COLOURS))
    if rng.random() < 0.25: parts.append(rng.choice(PATTERNS))
    if rng.random() < 0.35: parts.append(rng.choice(FITS))
    if rng.random() < 0.3: parts.append(rng.choice(MATERIALS))
    rng.shuffle(parts)
    noun = rng.choice(KINDS[label])
    g = rng.choice(GENDERS) if rng.random() < 0.3 else ""
    words = [rng.choice(PREFIXES)] + ([g] if g and not g.startswith("for") else []) + parts + [noun] + ([g] if g.startswith("for") else [])
    return " ".join(w for w in words if w)


def fnv1a(s):
    h = 0x811C9DC5
    for ch in s.encode("utf-8"):
        h = ((h ^ ch) * 0x01000193) & 0xFFFFFFFF
    return h


def words_of(text):
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]


def tokens(text, vocab):
    """Word ids (vocab) and hashed character trigrams of each word (offset by len(vocab))."""
    out = []
    for w in words_of(text):
        if w in vocab: out.append(vocab[w])
        padded = f"<{w}>"
        for i in range(len(padded) - 2):
            out.append(len(vocab) + fnv1a(padded[i:i + 3]) % BUCKETS)
    return out


def build_vocab():
    seen = set()
    for group in [sum(KINDS, []), COLOURS, PATTERNS, FITS, MATERIALS, GENDERS, PREFIXES]:
        for phrase in group: seen.update(words_of(phrase))
    return {w: i for i, w in enumerate(sorted(seen))}


class TextEncoder(nn.Module):
    def __init__(self, n_tokens):
        super().__init__()
        self.emb = nn.EmbeddingBag(n_tokens, EMB, mode="mean")
        self.fc1 = nn.Linear(EMB, HIDDEN)
        self.fc2 = nn.Linear(HIDDEN, DIM)

    def forward(self, flat, offsets):
        x = self.emb(flat, offsets)
        return F.normalize(self.fc2(F.gelu(self.fc1(x))), dim=-1)


def load_catalog(d):
    m = json.load(open(os.path.join(d, "catalog.json")))
    n, dim = m["count"], m["dim"]
    raw = open(os.path.join(d, m["file"]), "rb").read()
    if m["format"] == 2:
        res = np.frombuffer(raw, np.int8, n * dim, 0).reshape(n, dim).astype(np.float32)
        scales = np.frombuffer(raw, np.float32, n, n * dim)
        cent = np.frombuffer(raw, np.float32, m["classes"] * dim, n * dim + n * 4).reshape(-1, dim)
        labels = np.frombuffer(raw, np.uint8, n, n * dim + n * 4 + m["classes"] * dim * 4)
        v = cent[labels] + scales[:, None] * res
    else:
        v = np.frombuffer(raw, np.int8, n * dim, 0).reshape(n, dim).astype(np.float32) / 127
        labels = np.frombuffer(raw, np.uint8, n, n * dim)
    v = v / np.linalg.norm(v, axis=1, keepdims=True)
    return m, v.astype(np.float32), labels.astype(np.int64)


def batch_tokens(texts, vocab):
    ids, offsets = [], []
    for t in texts:
        offsets.append(len(ids))
        tok = tokens(t, vocab)
        ids.extend(tok if tok else [0])
    return torch.tensor(ids, dtype=torch.long), torch.tensor(offsets, dtype=torch.long)


def encode(model, texts, vocab):
    with torch.no_grad():
        return model(*batch_tokens(texts, vocab)).numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--catalog", default=os.path.join(ROOT, "api", "catalog"))
    ap.add_argument("--test-catalog", default=None, help="a catalog built from the test split (build.mjs --split test), for zero-shot")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    torch.manual_seed(SEED); random.seed(SEED); np.random.seed(SEED)
    torch.set_num_threads(1)
    manifest, vecs, labels = load_catalog(a.catalog)
    n = len(labels)
    # Held out: every tenth product (its captions and its picture) for the evaluation.
    held = np.arange(n) % 10 == 0
    train_idx = np.where(~held)[0]
    vocab = build_vocab()
    model = TextEncoder(len(vocab) + BUCKETS)
    logit_scale = nn.Parameter(torch.tensor(np.log(1 / 0.07), dtype=torch.float32))
    opt = torch.optim.AdamW(list(model.parameters()) + [logit_scale], lr=3e-3, weight_decay=1e-4)
    rng = random.Random(SEED)
    img = torch.from_numpy(vecs)
    lab = torch.from_numpy(labels)
    B = 512
    steps = a.epochs * (len(train_idx) // B)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.1)
    t0 = time.time()
    step = 0
    for epoch in range(a.epochs):
        perm = np.random.permutation(train_idx)
        total = 0.0
        for s in range(0, len(perm) - B + 1, B):
            idx = perm[s:s + B]
            texts = [caption(int(labels[i]), rng) for i in idx]
            t = model(*batch_tokens(texts, vocab))
            im = img[idx]
            logits = logit_scale.exp().clamp(max=100) * t @ im.T
            same = (lab[idx][:, None] == lab[idx][None, :]).float()
            # Every image of the caption's kind is a right answer (the words cannot say which one).
            target_t = same / same.sum(1, keepdim=True)
            loss = -(target_t * F.log_softmax(logits, 1)).sum(1).mean() * 0.5 + -(target_t.T * F.log_softmax(logits.T, 1)).sum(1).mean() * 0.5
            opt.zero_grad(); loss.backward(); opt.step(); sched.step(); step += 1
            total += loss.item()
        print(f"epoch {epoch + 1}/{a.epochs} loss {total / (len(perm) // B):.4f} ({time.time() - t0:.0f} s)", flush=True)

    model.eval()
    metrics = evaluate(model, vocab, vecs, labels, held, a.test_catalog)
    save(model, vocab, manifest, metrics, a.out)


def evaluate(model, vocab, vecs, labels, held, test_catalog):
    """Text -> image on held-out products and captions; zero-shot Fashion-MNIST test classification."""
    rng = random.Random(SEED + 1)
    hidx = np.where(held)[0]
    q = rng.sample(list(hidx), 1000)
    texts = [caption(int(labels[i]), rng) for i in q]
    t = encode(model, texts, vocab)
    hv = vecs[hidx]
    sims = t @ hv.T
    top = np.argsort(-sims, axis=1)[:, :10]
    exact = np.mean([q[j] in set(hidx[top[j]]) for j in range(len(q))])
    kind_p10 = np.mean([(labels[hidx[top[j]]] == labels[q[j]]).mean() for j in range(len(q))])
    out = {"heldOutProducts": int(len(hidx)), "heldOutCaptions": len(q),
           "textToImageRecallAt10Exact": round(float(exact), 4),
           "textToImageKindPrecisionAt10": round(float(kind_p10), 4),
           "chanceRecallAt10Exact": round(10 / len(hidx), 5)}
    # Fashion-MNIST's own class names, as the zero-shot prompts of CLIP's paper would use them.
    prompts = [f"a photo of {n}" for n in ["a t-shirt", "a trouser", "a pullover", "a dress", "a coat", "a sandal", "a shirt", "a sneaker", "a bag", "an ankle boot"]]
    pv = encode(model, prompts, vocab)
    out["zeroShotPrompts"] = prompts
    if test_catalog:
        # It may still be building alongside (build.mjs --split test): wait for it a while.
        for _ in range(120):
            if os.path.exists(os.path.join(test_catalog, "catalog.json")): break
            time.sleep(10)
        _, tv, tl = load_catalog(test_catalog)
        pred = np.argmax(tv @ pv.T, axis=1)
        out["zeroShotFashionMnistTestTop1"] = round(float((pred == tl).mean()), 4)
        out["zeroShotTestImages"] = int(len(tl))
    pred_h = np.argmax(hv @ pv.T, axis=1)
    out["zeroShotHeldOutCatalogTop1"] = round(float((pred_h == labels[hidx]).mean()), 4)
    print(json.dumps(out, indent=2))
    return out


def save(model, vocab, manifest, metrics, out):
    sd = model.state_dict()
    tensors = [("emb", sd["emb.weight"]), ("fc1.weight", sd["fc1.weight"]), ("fc1.bias", sd["fc1.bias"]),
               ("fc2.weight", sd["fc2.weight"]), ("fc2.bias", sd["fc2.bias"])]
    blob = b"".join(t.numpy().astype("<f4").tobytes() for _, t in tensors)
    parity_texts = ["black ankle boots", "navy striped shirt", "a photo of a sneaker", "red dress", "snekers", "women's wide-leg jeans", "xyzzy"]
    parity = encode(model, parity_texts, vocab)
    meta = {
        "name": "text-encoder", "version": 1, "dim": DIM, "buckets": BUCKETS, "embedding": EMB, "hidden": HIDDEN,
        "tokenizer": "lower-case words split on [^a-z0-9]+; word id from vocab when known, plus for every word the FNV-1a 32-bit hash of each character trigram of <word> modulo buckets, offset by the vocab size; mean of their embeddings",
        "tensors": [{"name": k, "shape": list(t.shape)} for k, t in tensors],
        "file": "text-encoder.bin", "sha256": hashlib.sha256(blob).hexdigest(),
        "imageSpace": {"embedder": manifest["embedder"], "catalogSha256": manifest["sha256"]},
        "vocab": sorted(vocab, key=vocab.get),
        "metrics": metrics,
        "parity": [{"text": t, "vector": [round(float(x), 7) for x in v]} for t, v in zip(parity_texts, parity)],
    }
    open(os.path.join(out, "text-encoder.bin"), "wb").write(blob)
    open(os.path.join(out, "text-encoder.json"), "w").write(json.dumps(meta, indent=1) + "\n")
    print(f"wrote {out}/text-encoder.bin ({len(blob) / 1e6:.2f} MB) and text-encoder.json")


if __name__ == "__main__":
    main()
