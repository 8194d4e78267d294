"""Train the journal's client-talk classifier: change, neutral or sustain talk.

    .venv/bin/python scripts/train_talk_model.py            # about 30 seconds on one core
    .venv/bin/python scripts/train_talk_model.py --c 1      # skip the C search

Reads the AnnoMI training portion from ``../shared/data/annomi`` (or
``$ANNOMI_DIR``), keeps client utterances with their ``client_talk_type``,
and fits a class-balanced 3-class multinomial logistic regression on TF-IDF
features from :mod:`porchlight.language.features`: word 1-3-grams and
character 2-5-grams, each block L2-normalised (the coach's "shape" block of
question cues lowered cross-validated macro-F1 here, so it is left out). The
regularisation strength is chosen from a fixed grid by 5-fold
cross-validation grouped by transcript.

The vectorizers, solver, grouped folds and the ``.npz`` writer are those of
``scripts/train_coach_model.py``. The artifact,
``porchlight/language/models/talk_type.npz``, holds numeric arrays and the
n-gram vocabulary (n-grams seen in at least two utterances; no utterance
text) and loads with ``numpy.load(..., allow_pickle=False)``. Before
finishing, the script checks that the numpy inference in
:mod:`porchlight.language.talk` reproduces scikit-learn.

Deterministic: sorted inputs, fixed seeds, one BLAS thread, fixed zip
timestamps; two runs write the same bytes.
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

from porchlight.language import talk  # noqa: E402

LABELS = talk.LABELS
ARTIFACT = ROOT / "porchlight" / "language" / "models" / "talk_type.npz"
BLOCKS = ("word", "char")
C_GRID = (0.5, 1.0, 2.0, 4.0)
SEED = tcm.SEED


@dataclass(frozen=True)
class ClientUtterance:
    transcript_id: str
    utterance_id: int
    text: str
    talk_type: str


def load_client_utterances(directory: Path | None = None) -> list[ClientUtterance]:
    """Client utterances of the simple training file, in transcript order."""
    directory = directory or tcm.data_dir()
    with open(directory / "annomi_simple_train.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["interlocutor"] == "client"]
    out = [
        ClientUtterance(
            r["transcript_id"], int(r["utterance_id"]), r["utterance_text"], r["client_talk_type"]
        )
        for r in rows
    ]
    unknown = {u.talk_type for u in out} - set(LABELS)
    if unknown:
        raise ValueError(f"unexpected client_talk_type values: {sorted(unknown)}")
    return sorted(out, key=lambda u: (int(u.transcript_id), u.utterance_id))


def arrays(utts: list[ClientUtterance]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Model inputs (``talk.prepare``d texts), labels and transcript groups."""
    texts = [talk.prepare(u.text) for u in utts]
    y = np.array([u.talk_type for u in utts])
    groups = np.array([u.transcript_id for u in utts])
    return texts, y, groups


def make_vectorizers(blocks: tuple[str, ...] = BLOCKS) -> dict:
    return {k: v for k, v in tcm.make_vectorizers().items() if k in blocks}


def tune_c(
    texts: list[str],
    y: np.ndarray,
    groups: np.ndarray,
    n_splits: int = 5,
    grid: tuple[float, ...] = C_GRID,
) -> dict[float, float]:
    """Macro-F1 per C by transcript-grouped CV; vectorizers refitted on each training part."""
    from sklearn.metrics import f1_score

    folds = tcm.grouped_folds(y, groups, n_splits)
    mats = []
    for tr, te in folds:
        vecs = make_vectorizers()
        mats.append(
            (
                tcm.fit_transform(vecs, [texts[i] for i in tr]),
                tcm.transform(vecs, [texts[i] for i in te]),
            )
        )
    scores: dict[float, float] = {}
    for c in grid:
        pred = np.empty(len(y), dtype=object)
        for (tr, te), (a, b) in zip(folds, mats, strict=True):
            pred[te] = tcm.make_lr(c).fit(a, y[tr]).predict(b)
        scores[c] = float(f1_score(y, pred.astype(str), average="macro"))
    return scores


def pick_c(scores: dict[float, float]) -> float:
    """Best macro-F1 (to 4 decimals); on a tie the smaller C, the stronger regularisation."""
    return max(scores, key=lambda k: (round(scores[k], 4), -k))


@dataclass
class TalkModel:
    vectorizers: dict
    clf: Any  # a fitted sklearn LogisticRegression

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Probabilities in ``LABELS`` order, from the scikit-learn pipeline."""
        proba = self.clf.predict_proba(tcm.transform(self.vectorizers, texts))
        order = [list(self.clf.classes_).index(lab) for lab in LABELS]
        return proba[:, order]


def train(texts: list[str], y: np.ndarray, c: float) -> TalkModel:
    vecs = make_vectorizers()
    x = tcm.fit_transform(vecs, texts)
    return TalkModel(vecs, tcm.make_lr(c).fit(x, y))


def export(model: TalkModel, path: Path, meta: dict) -> None:
    clf = model.clf
    order = [list(clf.classes_).index(lab) for lab in LABELS]
    coef = clf.coef_[order].T
    intercept = clf.intercept_[order]
    meta = {**meta, "labels": list(LABELS), "heads": list(LABELS)}
    tcm.export_linear(path, model.vectorizers, coef, intercept, meta)


def check_numpy_matches(model: TalkModel, texts: list[str], path: Path) -> dict:
    """Assert the shipped numpy inference reproduces scikit-learn on ``texts``."""
    clf = talk.TalkClassifier.load(path)
    expected = model.predict_proba([talk.prepare(t) for t in texts])
    mismatches = 0
    max_diff = 0.0
    for i, text in enumerate(texts):
        probs = clf.probabilities(text)
        if probs is None:  # no known n-gram: scikit-learn sees an all-zero row
            got = np.exp(clf.model.intercept - clf.model.intercept.max())
            got /= got.sum()
        else:
            got = np.array([probs[lab] for lab in LABELS])
        max_diff = max(max_diff, float(np.abs(got - expected[i]).max()))
        mismatches += int(got.argmax() != expected[i].argmax())
    assert mismatches == 0, f"numpy and scikit-learn disagree on {mismatches} of {len(texts)}"
    assert max_diff < 1e-4, f"probabilities differ by up to {max_diff:.2e}"
    return {"checked": len(texts), "mismatches": mismatches, "max_abs_diff": max_diff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="AnnoMI directory")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    parser.add_argument("--c", type=float, default=None, help="skip the C search")
    args = parser.parse_args(argv)

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    np.random.seed(SEED)
    directory = args.data or tcm.data_dir()
    source = directory / "annomi_simple_train.csv"
    if not source.exists():
        print(f"AnnoMI not found in {directory} (set ANNOMI_DIR)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    utts = load_client_utterances(directory)
    texts, y, groups = arrays(utts)
    counts = Counter(y.tolist())
    print(
        f"{len(utts)} client utterances from {len(set(groups))} transcripts: "
        + ", ".join(f"{lab} {counts[lab]}" for lab in LABELS)
    )

    if args.c is None:
        scores = tune_c(texts, y, groups)
        for c, s in scores.items():
            print(f"  C={c:g}: grouped 5-fold macro-F1 {s:.4f}")
        c = pick_c(scores)
    else:
        scores, c = {}, args.c
    print(f"training on all client utterances with C={c:g}")
    model = train(texts, y, c)

    import sklearn

    meta = {
        "model": "tfidf(word1-3,char2-5)+logreg(balanced)",
        "task": "AnnoMI client_talk_type of a single utterance, without context",
        "C": c,
        "C_grid_macro_f1": {str(k): round(v, 4) for k, v in scores.items()},
        "min_df": tcm.MIN_DF,
        "trained_on": "AnnoMI training portion, client utterances",
        "n_utterances": len(utts),
        "n_transcripts": len(set(groups)),
        "class_counts": {lab: counts[lab] for lab in LABELS},
        "data_sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
        "sklearn_version": sklearn.__version__,
    }
    export(model, args.out, meta)

    rng = np.random.default_rng(SEED)
    sample = [utts[i].text for i in rng.choice(len(utts), size=400, replace=False)]
    sample += ["", "?", '"I could stop on weekdays."', "Leave me alone.", "😀 ok", "ζζζ"]
    check = check_numpy_matches(model, sample, args.out)
    print(
        f"numpy inference matches scikit-learn on {check['checked']} texts "
        f"(max |diff| {check['max_abs_diff']:.1e})"
    )
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    # One BLAS thread: multi-threaded sums round differently from run to run,
    # and `make model` must write the same bytes every time.
    with threadpool_limits(limits=1):
        raise SystemExit(main())
