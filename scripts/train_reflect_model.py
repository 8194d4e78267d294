"""Train the reflection grader: is a reply a complex (2), simple (1) or no/poor (0) reflection?

    .venv/bin/python scripts/train_reflect_model.py               # about a minute on one core
    .venv/bin/python scripts/train_reflect_model.py --c 1 --w 1   # skip the search

Reads PAIR's training portion (``../shared/data/pair/pair_train.csv`` or
``$PAIR_DIR``; 254 client prompts, each with 2 complex, 1 simple and 5 poor
replies written by experts; Apache-2.0). Every (prompt, reply) pair is one
example. The model is a class-balanced 3-class logistic regression over

- TF-IDF word 1-3-grams and the coach's shape cues of the reply (blocks of
  :mod:`porchlight.language.features`, n-grams seen in at least two replies), and
- the pair features of :func:`porchlight.language.reflect.pair_features`,
  standardised and multiplied by a block weight ``w``.

``C`` and ``w`` are chosen from a fixed grid by 5-fold cross-validation grouped
by prompt (all eight replies to a prompt are in the same fold), on macro-F1.

The artefact ``porchlight/language/models/reflect.npz`` holds numeric arrays
and the n-gram vocabulary only (no reply or prompt text), loads with
``numpy.load(..., allow_pickle=False)``, and is checked against scikit-learn
before the script finishes. Deterministic: fixed seeds, one BLAS thread, fixed
zip timestamps; two runs write the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_coach_model as tcm  # noqa: E402

from porchlight.language import features, reflect  # noqa: E402

ARTIFACT = ROOT / "porchlight" / "language" / "models" / "reflect.npz"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pair"
BLOCKS = ("word", "shape")
GRID = tuple((c, w) for c in (1.0, 3.0, 10.0) for w in (0.25, 0.5))
SEED = tcm.SEED
COLUMNS = {
    "complex_reflection_1": 2,
    "complex_reflection_2": 2,
    "simple_reflection": 1,
    "poor_advice": 0,
    "poor_question": 0,
    "poor_3": 0,
    "poor_4": 0,
    "poor_5": 0,
}


@dataclass(frozen=True)
class Pair:
    prompt_id: int
    prompt: str  # cleaned with reflect.clean, as the grader sees it
    reply: str
    quality: int
    column: str


def data_dir() -> Path:
    return Path(os.environ.get("PAIR_DIR", DEFAULT_DATA))


def load_pairs(directory: Path | None = None) -> list[Pair]:
    """Every (prompt, reply) pair of the training file, prompt by prompt, in file order."""
    directory = directory or data_dir()
    with open(directory / "pair_train.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for i, row in enumerate(rows):
        prompt = reflect.clean(row["prompt"])
        for column, quality in COLUMNS.items():
            reply = reflect.clean(row[column])
            if reply:
                out.append(Pair(i, prompt, reply, quality, column))
    return out


def dense_matrix(pairs: list[Pair]) -> np.ndarray:
    return np.vstack([reflect.pair_features(p.prompt, p.reply) for p in pairs])


def make_vectorizers(min_df: int = tcm.MIN_DF) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return {
        name: TfidfVectorizer(
            analyzer=features.BLOCKS[name], min_df=min_df, sublinear_tf=True, dtype=np.float64
        )
        for name in BLOCKS
    }


@dataclass
class Trained:
    vectorizers: dict
    clf: Any  # a fitted sklearn LogisticRegression
    mean: np.ndarray
    scale: np.ndarray
    w: float

    def design(self, texts: list[str], dense: np.ndarray):
        from scipy.sparse import csr_matrix, hstack

        scaled = (dense - self.mean) / self.scale * self.w
        return hstack([tcm.transform(self.vectorizers, texts), csr_matrix(scaled)]).tocsr()

    def predict_proba(self, texts: list[str], dense: np.ndarray) -> np.ndarray:
        return self.clf.predict_proba(self.design(texts, dense))


def train(pairs: list[Pair], dense: np.ndarray, c: float, w: float) -> Trained:
    from scipy.sparse import csr_matrix, hstack

    vecs = make_vectorizers()
    texts = [reflect.reply_text(p.reply) for p in pairs]
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = hstack([tcm.fit_transform(vecs, texts), csr_matrix((dense - mean) / scale * w)]).tocsr()
    y = np.array([p.quality for p in pairs])
    return Trained(vecs, tcm.make_lr(c).fit(x, y), mean, scale, w)


def folds(pairs: list[Pair], n_splits: int = 5, seed: int = SEED) -> list:
    y = np.array([p.quality for p in pairs])
    groups = np.array([p.prompt_id for p in pairs])
    return tcm.grouped_folds(y, groups, n_splits, seed)


def ranking(pairs: list[Pair], scores: np.ndarray) -> dict[str, float]:
    """How often each complex reply outscores every poor reply to its prompt (and pairwise)."""
    by_prompt: dict[int, list[int]] = {}
    for i, p in enumerate(pairs):
        by_prompt.setdefault(p.prompt_id, []).append(i)
    above_all = total = wins = comparisons = 0
    simple_wins = simple_comparisons = 0
    for idx in by_prompt.values():
        poor = [scores[i] for i in idx if pairs[i].quality == 0]
        simple = [scores[i] for i in idx if pairs[i].quality == 1]
        for i in idx:
            if pairs[i].quality == 2 and poor:
                total += 1
                above_all += int(all(scores[i] > s for s in poor))
                wins += sum(int(scores[i] > s) for s in poor)
                comparisons += len(poor)
            if pairs[i].quality == 2:
                simple_wins += sum(int(scores[i] > s) for s in simple)
                simple_comparisons += len(simple)
    return {
        "complex_above_every_poor": above_all / total,
        "complex_above_poor_pairwise": wins / comparisons,
        "complex_above_simple_pairwise": simple_wins / max(simple_comparisons, 1),
    }


def tune(
    pairs: list[Pair], dense: np.ndarray, grid=GRID, n_splits: int = 5, seed: int = SEED
) -> dict[tuple[float, float], float]:
    """Macro-F1 per (C, w) by prompt-grouped CV (vectorizers and scaling refitted per fold)."""
    from sklearn.metrics import f1_score

    y = np.array([p.quality for p in pairs])
    texts = [reflect.reply_text(p.reply) for p in pairs]
    splits = folds(pairs, n_splits, seed)
    scores = {}
    for c, w in grid:
        pred = np.empty(len(pairs), dtype=np.int64)
        for tr, te in splits:
            model = train([pairs[i] for i in tr], dense[tr], c, w)
            pred[te] = model.predict_proba([texts[i] for i in te], dense[te]).argmax(axis=1)
        scores[(c, w)] = float(f1_score(y, pred, average="macro"))
    return scores


def best_setting(scores: dict[tuple[float, float], float]) -> tuple[float, float]:
    """Best macro-F1 (to 4 decimals); on a tie the smaller C, then the smaller w."""
    return max(scores, key=lambda k: (round(scores[k], 4), -k[0], -k[1]))


def export(model: Trained, path: Path, meta: dict) -> None:
    classes = [int(k) for k in model.clf.classes_]
    assert classes == list(reflect.QUALITIES), classes
    n_text = sum(len(v.vocabulary_) for v in model.vectorizers.values())
    coef = model.clf.coef_
    meta = {
        **meta,
        "kind": "reflect",
        "heads": list(reflect.HEADS),
        "dense_names": list(reflect.DENSE_NAMES),
    }
    extra = {
        "dense_coef": (coef[:, n_text:].T * model.w).astype(np.float64),
        "dense_mean": model.mean.astype(np.float64),
        "dense_scale": model.scale.astype(np.float64),
    }
    tcm.export_linear(
        path, model.vectorizers, coef[:, :n_text].T, model.clf.intercept_, meta, extra=extra
    )


def check_numpy_matches(model: Trained, pairs: list[Pair], path: Path) -> dict:
    """Assert the shipped numpy inference reproduces scikit-learn on ``pairs``."""
    grader = reflect.ReflectionGrader.load(path)
    dense = dense_matrix(pairs)
    expected = model.predict_proba([reflect.reply_text(p.reply) for p in pairs], dense)
    mismatches = 0
    max_diff = 0.0
    for i, p in enumerate(pairs):
        got, _ = grader.probabilities(p.prompt, p.reply)
        max_diff = max(max_diff, float(np.abs(got - expected[i]).max()))
        mismatches += int(got.argmax() != expected[i].argmax())
    assert mismatches == 0, f"numpy and scikit-learn disagree on {mismatches} of {len(pairs)}"
    assert max_diff < 1e-4, f"probabilities differ by up to {max_diff:.2e}"
    return {"checked": len(pairs), "mismatches": mismatches, "max_abs_diff": max_diff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="PAIR directory")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    parser.add_argument("--c", type=float, default=None, help="skip the search (with --w)")
    parser.add_argument("--w", type=float, default=None, help="pair-feature block weight")
    args = parser.parse_args(argv)

    np.random.seed(SEED)
    directory = args.data or data_dir()
    source = directory / "pair_train.csv"
    if not source.exists():
        print(f"PAIR not found in {directory} (set PAIR_DIR)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    pairs = load_pairs(directory)
    counts = Counter(p.quality for p in pairs)
    n_prompts = len({p.prompt_id for p in pairs})
    print(
        f"{len(pairs)} replies to {n_prompts} prompts: "
        + ", ".join(f"{reflect.HEADS[q]} {counts[q]}" for q in reflect.QUALITIES)
    )
    dense = dense_matrix(pairs)
    if args.c is None or args.w is None:
        scores = tune(pairs, dense)
        for (c, w), s in scores.items():
            print(f"  C={c:g} w={w:g}: grouped 5-fold macro-F1 {s:.4f}")
        c, w = best_setting(scores)
    else:
        scores, c, w = {}, args.c, args.w
    print(f"training on all replies with C={c:g}, w={w:g}")
    model = train(pairs, dense, c, w)

    import sklearn

    meta = {
        "model": "tfidf(word1-3,shape)+pair features -> 3-class logreg(balanced)",
        "task": "PAIR reflection quality of a reply given the client's prompt",
        "C": c,
        "w": w,
        "grid_macro_f1": {f"{k[0]:g},{k[1]:g}": round(v, 4) for k, v in scores.items()},
        "min_df": tcm.MIN_DF,
        "trained_on": "PAIR training portion (Min et al., EMNLP 2022; Apache-2.0)",
        "n_replies": len(pairs),
        "n_prompts": n_prompts,
        "class_counts": {reflect.HEADS[q]: counts[q] for q in reflect.QUALITIES},
        "data_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "sklearn_version": sklearn.__version__,
    }
    export(model, args.out, meta)
    rng = np.random.default_rng(SEED)
    sample = [pairs[i] for i in rng.choice(len(pairs), size=300, replace=False)]
    check = check_numpy_matches(model, sample, args.out)
    print(
        f"numpy inference matches scikit-learn on {check['checked']} pairs "
        f"(max |diff| {check['max_abs_diff']:.1e})"
    )
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    # One BLAS thread: multi-threaded sums round differently from run to run,
    # and `make model` must write the same bytes every time.
    with threadpool_limits(limits=1):
        raise SystemExit(main())
