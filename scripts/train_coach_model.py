"""Train the conversation coach's behaviour classifier (``make model``).

Reads the AnnoMI training portion from ``../shared/data/annomi`` (or
``$ANNOMI_DIR``), keeps therapist utterances only, and fits

- a 4-class linear support-vector machine (one-vs-rest, class-balanced) for
  the main behaviour (question, reflection, therapist_input, other), with the
  word n-gram block weighted more heavily than the character and shape blocks;
  its scores are turned into probabilities by a softmax with a temperature
  fitted on transcript-grouped out-of-fold scores (Guo et al. 2017,
  "On Calibration of Modern Neural Networks");
- a binary head for question type (open vs closed), trained on the utterances
  whose annotators gave a question sub-type;
- a binary head for reflection type (complex vs simple), likewise.

All three heads share one TF-IDF representation built from the analyzers in
``porchlight/language/features.py`` (word 1-3-grams, char 2-5-grams, shape
cues). The regularisation strength and word-block weight of the main head are
picked from a fixed grid by transcript-grouped 5-fold cross-validation on the
training data. Block weights and the temperature are folded into the exported
coefficients, so run-time inference stays one linear layer.

The artifact is ``porchlight/language/models/coach_behaviour.npz``: numeric
arrays plus the n-gram vocabulary as UTF-8 bytes, loadable with
``numpy.load(..., allow_pickle=False)``. No utterance text is stored, only
n-grams seen in at least two utterances. Before writing, the script checks
that the numpy re-implementation in ``porchlight.language.behaviour`` gives
the same predictions as the scikit-learn pipeline.

Deterministic: fixed seeds, single-threaded solvers, sorted inputs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import os
import sys
import time
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from porchlight.language import features  # noqa: E402
from porchlight.language.roadblocks import ROADBLOCK_NAMES  # noqa: E402

LABELS = ("question", "reflection", "therapist_input", "other")
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "annomi"
ARTIFACT = ROOT / "porchlight" / "language" / "models" / "coach_behaviour.npz"
RB_ARTIFACT = ROOT / "porchlight" / "language" / "models" / "coach_roadblocks.npz"
SUPPORTER_DEV = ROOT / "benchmarks" / "data" / "coach_supporter_dev.jsonl"
RB_C = 10.0
# Main head: (SVM C, word-block weight). Chosen by grouped CV on training data.
GRID = tuple((c, w) for c in (0.03, 0.05, 0.1, 0.2) for w in (1.0, 1.5, 2.0))
SUB_C = 1.0
SEED = 0
MIN_DF = 2


@dataclass
class Utterance:
    """One therapist utterance with what came before it in the transcript."""

    transcript_id: str
    utterance_id: int
    text: str
    behaviour: str
    prev_client: str = ""
    prev_behaviour: str = ""
    question_type: str | None = None  # "open" / "closed"
    reflection_type: str | None = None  # "simple" / "complex"
    extra: dict = field(default_factory=dict)


def data_dir() -> Path:
    return Path(os.environ.get("ANNOMI_DIR", DEFAULT_DATA))


def _majority(values: list[str]) -> str | None:
    """The most frequent value; ties broken alphabetically so the result is stable."""
    values = [v for v in values if v and v != "n/a"]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return sorted(v for v, c in counts.items() if c == top)[0]


def load_annomi(directory: Path | None = None) -> list[Utterance]:
    """Therapist utterances with main label, context and majority sub-labels.

    The full file repeats the seven agreement-study transcripts once per
    annotator; sub-labels are aggregated per utterance by majority vote.
    """
    directory = directory or data_dir()
    with open(directory / "annomi_simple_train.csv", newline="", encoding="utf-8") as fh:
        simple = list(csv.DictReader(fh))
    with open(directory / "annomi_full_train.csv", newline="", encoding="utf-8") as fh:
        full = list(csv.DictReader(fh))

    questions: dict[tuple[str, int], list[str]] = defaultdict(list)
    reflections: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in full:
        if row["interlocutor"] != "therapist":
            continue
        key = (row["transcript_id"], int(row["utterance_id"]))
        questions[key].append(row["question_subtype"])
        reflections[key].append(row["reflection_subtype"])

    by_transcript: dict[str, list[dict]] = defaultdict(list)
    for row in simple:
        by_transcript[row["transcript_id"]].append(row)

    out: list[Utterance] = []
    for tid in sorted(by_transcript, key=int):
        rows = sorted(by_transcript[tid], key=lambda r: int(r["utterance_id"]))
        prev_client, prev_behaviour = "", ""
        for row in rows:
            if row["interlocutor"] == "therapist":
                key = (tid, int(row["utterance_id"]))
                out.append(
                    Utterance(
                        transcript_id=tid,
                        utterance_id=int(row["utterance_id"]),
                        text=row["utterance_text"],
                        behaviour=row["main_therapist_behaviour"],
                        prev_client=prev_client,
                        prev_behaviour=prev_behaviour,
                        question_type=_majority(questions.get(key, [])),
                        reflection_type=_majority(reflections.get(key, [])),
                    )
                )
                prev_behaviour = row["main_therapist_behaviour"]
            else:
                prev_client = row["utterance_text"]
    return out


# --- context features (benchmark only: the product analyses single sentences) ---

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "i",
        "you",
        "to",
        "it",
        "that",
        "of",
        "is",
        "in",
        "so",
        "um",
        "uh",
        "like",
        "yeah",
        "okay",
        "it's",
        "i'm",
        "you're",
        "be",
        "was",
        "are",
        "for",
        "on",
        "with",
        "this",
        "but",
        "or",
        "just",
        "do",
        "what",
    ]
)


def context_tokens(u: Utterance, prev_behaviour: str | None = None) -> list[str]:
    """Cues from the turn before: was the last therapist turn a question, and how
    much of this utterance repeats the client's last words (reflections echo)."""
    prev = u.prev_behaviour if prev_behaviour is None else prev_behaviour
    toks = ["prev=" + (prev or "none")]
    client = {w for w in features.words(features.normalise(u.prev_client)) if w not in _STOP}
    own = [w for w in features.words(features.normalise(u.text)) if w not in _STOP and w != "?"]
    if own:
        overlap = sum(w in client for w in own) / len(own)
        toks.append(f"overlap{min(int(overlap * 4), 3)}")
    n_client = len(features.words(features.normalise(u.prev_client)))
    toks.append(f"clientlen{min(int(math.log2(n_client + 1)), 6)}")
    return toks


# --- the scikit-learn pipeline ---


def make_vectorizers(min_df: int = MIN_DF) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return {
        name: TfidfVectorizer(analyzer=fn, min_df=min_df, sublinear_tf=True, dtype=np.float64)
        for name, fn in features.BLOCKS.items()
    }


def fit_transform(vectorizers: dict, texts: list[str]):
    from scipy.sparse import hstack

    return hstack([vec.fit_transform(texts) for vec in vectorizers.values()]).tocsr()


def transform(vectorizers: dict, texts: list[str]):
    from scipy.sparse import hstack

    return hstack([vec.transform(texts) for vec in vectorizers.values()]).tocsr()


def make_lr(c: float, balanced: bool = True):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c,
        max_iter=5000,
        class_weight="balanced" if balanced else None,
        random_state=SEED,
        solver="lbfgs",
    )


def grouped_folds(y, groups, n_splits: int = 5, seed: int = SEED):
    from sklearn.model_selection import StratifiedGroupKFold

    cv = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(cv.split(np.zeros(len(y)), y, groups))


def make_svc(c: float):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, class_weight="balanced", random_state=SEED, max_iter=20000)


def column_weights(vectorizers: dict, word_weight: float) -> np.ndarray:
    """One multiplier per feature column: ``word_weight`` on the word block, 1 elsewhere."""
    return np.concatenate(
        [
            np.full(len(vec.vocabulary_), word_weight if name == "word" else 1.0)
            for name, vec in vectorizers.items()
        ]
    )


def reweight(x, weights: np.ndarray):
    from scipy.sparse import diags

    return (x @ diags(weights)).tocsr()


def fold_matrices(texts: list[str], folds: list) -> list:
    """(vectorizers, train matrix, test matrix) per fold; vectorizers are fitted on train only."""
    out = []
    for tr, te in folds:
        vecs = make_vectorizers()
        a = fit_transform(vecs, [texts[i] for i in tr])
        out.append((vecs, a, transform(vecs, [texts[i] for i in te])))
    return out


def with_embeddings(x, emb: np.ndarray | None, alpha: float):
    """``x`` with the sentence-embedding block (scaled by ``alpha``) appended, if any."""
    from scipy.sparse import csr_matrix, hstack

    if emb is None or not alpha:
        return x
    return hstack([x, csr_matrix(emb * alpha)]).tocsr()


def out_of_fold_scores(
    texts: list[str],
    y: np.ndarray,
    groups: np.ndarray,
    grid: tuple[tuple[float, ...], ...] = GRID,
    n_splits: int = 5,
    emb: np.ndarray | None = None,
) -> dict[tuple[float, ...], np.ndarray]:
    """SVM scores (columns in LABELS order) for each (C, word weight) in ``grid``: every
    utterance scored by a model that never saw its transcript; vectorizers refitted per fold.
    With ``emb`` (one sentence embedding per text), the settings are (C, word weight,
    embedding weight)."""
    folds = grouped_folds(y, groups, n_splits)
    mats = fold_matrices(texts, folds)
    out = {}
    for setting in grid:
        c, ww = setting[:2]
        alpha = setting[2] if len(setting) > 2 else 0.0
        scores = np.zeros((len(y), len(LABELS)))
        for (tr, te), (vecs, a, b) in zip(folds, mats, strict=True):
            w = column_weights(vecs, ww)
            a_w = with_embeddings(reweight(a, w), None if emb is None else emb[tr], alpha)
            b_w = with_embeddings(reweight(b, w), None if emb is None else emb[te], alpha)
            svc = make_svc(c).fit(a_w, y[tr])
            order = [list(svc.classes_).index(lab) for lab in LABELS]
            scores[te] = svc.decision_function(b_w)[:, order]
        out[setting] = scores
    return out


def macro_f1_by_setting(
    oof: dict[tuple[float, float], np.ndarray], y: np.ndarray
) -> dict[tuple[float, float], float]:
    from sklearn.metrics import f1_score

    labels = np.array(LABELS)
    return {k: float(f1_score(y, labels[v.argmax(1)], average="macro")) for k, v in oof.items()}


def tune(
    texts: list[str], y: np.ndarray, groups: np.ndarray, n_splits: int = 5
) -> dict[tuple[float, float], float]:
    """Macro-F1 of each (C, word weight) in GRID by grouped CV."""
    return macro_f1_by_setting(out_of_fold_scores(texts, y, groups, n_splits=n_splits), y)


def best_setting(scores: dict) -> tuple:
    """Highest macro-F1 (4 decimals); ties go to stronger regularisation, then lower weights."""
    return max(scores, key=lambda k: (round(scores[k], 4), -k[0], *(-v for v in k[1:])))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_temperature(decision: np.ndarray, y_index: np.ndarray) -> float:
    """The T minimising the log-loss of softmax(decision / T) (temperature scaling)."""
    from scipy.optimize import minimize_scalar

    def nll(log_t: float) -> float:
        p = softmax(decision / math.exp(log_t))
        return float(-np.mean(np.log(p[np.arange(len(y_index)), y_index] + 1e-12)))

    res = minimize_scalar(nll, bounds=(math.log(0.02), math.log(5.0)), method="bounded")
    return round(math.exp(res.x), 4)


@dataclass
class TrainedModel:
    vectorizers: dict
    main: object  # LinearSVC on word-reweighted features
    question: object  # positive class = "open"
    reflection: object  # positive class = "complex"
    c: float
    word_weight: float
    temperature: float
    embed_weight: float = 0.0  # 0: no sentence-embedding block

    def main_logits(self, x, emb: np.ndarray | None = None) -> np.ndarray:
        """SVM scores / T, in LABELS order: the logits the shipped model reproduces."""
        w = column_weights(self.vectorizers, self.word_weight)
        order = [list(self.main.classes_).index(lab) for lab in LABELS]
        x_w = with_embeddings(reweight(x, w), emb, self.embed_weight)
        return self.main.decision_function(x_w)[:, order] / self.temperature

    def predict(
        self, texts: list[str], emb: np.ndarray | None = None
    ) -> tuple[list[str], np.ndarray]:
        proba = softmax(self.main_logits(transform(self.vectorizers, texts), emb))
        return [LABELS[i] for i in proba.argmax(1)], proba

    def sub_proba(
        self, texts: list[str], emb: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        x = with_embeddings(transform(self.vectorizers, texts), emb, self.embed_weight)
        return self.question.predict_proba(x)[:, 1], self.reflection.predict_proba(x)[:, 1]


def sub_targets(utts: list[Utterance]) -> tuple[list[int], np.ndarray, list[int], np.ndarray]:
    q_idx = [i for i, u in enumerate(utts) if u.question_type is not None]
    q_y = np.array([1 if utts[i].question_type == "open" else 0 for i in q_idx])
    r_idx = [i for i, u in enumerate(utts) if u.reflection_type is not None]
    r_y = np.array([1 if utts[i].reflection_type == "complex" else 0 for i in r_idx])
    return q_idx, q_y, r_idx, r_y


def train(
    utts: list[Utterance],
    c: float,
    word_weight: float,
    temperature: float,
    emb: np.ndarray | None = None,
    embed_weight: float = 0.0,
) -> TrainedModel:
    """Fit the three heads; with ``emb`` (one sentence embedding per utterance) and a
    non-zero ``embed_weight``, every head also sees the scaled embedding block."""
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    vecs = make_vectorizers()
    x = fit_transform(vecs, texts)
    x_main = with_embeddings(reweight(x, column_weights(vecs, word_weight)), emb, embed_weight)
    main = make_svc(c).fit(x_main, y)
    x_sub = with_embeddings(x, emb, embed_weight)
    q_idx, q_y, r_idx, r_y = sub_targets(utts)
    question = make_lr(SUB_C).fit(x_sub[q_idx], q_y)
    reflection = make_lr(SUB_C).fit(x_sub[r_idx], r_y)
    alpha = embed_weight if emb is not None else 0.0
    return TrainedModel(vecs, main, question, reflection, c, word_weight, temperature, alpha)


# --- export ---


def _bytes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def export_linear(
    path: Path,
    vectorizers: dict,
    coef: np.ndarray,
    intercept: np.ndarray,
    meta: dict,
    extra: dict[str, np.ndarray] | None = None,
) -> None:
    """Write vocabularies, IDF, ``coef`` (features x heads) and ``intercept`` as a plain npz.

    ``extra`` arrays (numeric, e.g. the reflection grader's pair-feature weights) are
    written beside them under their own names."""
    arrays: dict[str, np.ndarray] = dict(extra or {})
    offset = 0
    blocks = []
    for name, vec in vectorizers.items():
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        assert all("\n" not in t for t in terms)
        arrays[f"vocab_{name}"] = _bytes("\n".join(terms))
        arrays[f"idf_{name}"] = vec.idf_.astype(np.float32)
        blocks.append({"name": name, "size": len(terms), "offset": offset})
        offset += len(terms)
    assert coef.shape == (offset, len(meta["heads"])), coef.shape
    arrays["coef"] = coef.astype(np.float32)
    arrays["intercept"] = intercept.astype(np.float64)
    meta = {**meta, "blocks": blocks, "tf": "sublinear", "norm": "l2_per_block"}
    arrays["meta"] = _bytes(json.dumps(meta, sort_keys=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written by hand rather than with np.savez_compressed so that the zip
    # entries carry a fixed timestamp: the same data gives the same bytes.
    tmp = path.with_suffix(".tmp.npz")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    tmp.replace(path)


def export(model: TrainedModel, path: Path, meta: dict) -> None:
    order = [list(model.main.classes_).index(lab) for lab in LABELS]
    # Fold the word-block weight and the temperature into the main head, so the
    # shipped model's logits equal main_logits() on plain TF-IDF vectors.
    weights = column_weights(model.vectorizers, model.word_weight)
    n = len(weights)
    main_coef = model.main.coef_[order, :n] * weights / model.temperature
    main_intercept = model.main.intercept_[order] / model.temperature
    coef = np.vstack([main_coef, model.question.coef_[:, :n], model.reflection.coef_[:, :n]]).T
    intercept = np.concatenate(
        [main_intercept, model.question.intercept_, model.reflection.intercept_]
    )
    meta = {
        **meta,
        "labels": list(LABELS),
        "heads": [*LABELS, "question_open", "reflection_complex"],
    }
    extra = None
    if model.embed_weight:
        # The embedding block's weights (dimensions x heads), scale and temperature
        # folded in: logits += embedding @ emb_coef.
        a = model.embed_weight
        extra = {
            "emb_coef": np.vstack(
                [
                    model.main.coef_[order, n:] * a / model.temperature,
                    model.question.coef_[:, n:] * a,
                    model.reflection.coef_[:, n:] * a,
                ]
            ).T.astype(np.float32)
        }
        meta["embeddings"] = "coach_static_embeddings.npz"
    export_linear(path, model.vectorizers, coef, intercept, meta, extra)


# --- the learned roadblock signal (trained on our own supporter sentences) ---


def load_supporter_sentences(path: Path = SUPPORTER_DEV) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def roadblock_targets(items: list[dict]) -> tuple[list[str], np.ndarray]:
    texts = [i["text"] for i in items]
    y = np.array(
        [[bool(i["roadblocks"])] + [r in i["roadblocks"] for r in ROADBLOCK_NAMES] for i in items]
    )
    return texts, y


def train_roadblock_model(texts: list[str], y: np.ndarray, c: float = RB_C):
    """One balanced binary LR per head ("any" + each roadblock), shared features."""
    vecs = make_vectorizers(min_df=1)
    x = fit_transform(vecs, texts)
    heads = [make_lr(c).fit(x, y[:, k]) for k in range(y.shape[1])]
    return vecs, heads


def roadblock_proba(vecs: dict, heads: list, texts: list[str]) -> np.ndarray:
    x = transform(vecs, texts)
    return np.column_stack([h.predict_proba(x)[:, 1] for h in heads])


def export_roadblock_model(vecs: dict, heads: list, path: Path, meta: dict) -> None:
    coef = np.vstack([h.coef_ for h in heads]).T
    intercept = np.concatenate([h.intercept_ for h in heads])
    meta = {**meta, "heads": ["any", *ROADBLOCK_NAMES]}
    export_linear(path, vecs, coef, intercept, meta)


def check_numpy_matches(model: TrainedModel, texts: list[str], path: Path) -> dict:
    """Assert the shipped numpy inference reproduces scikit-learn on ``texts``."""
    from porchlight.language import behaviour

    clf = behaviour.BehaviourClassifier.load(path)
    sk_labels, sk_proba = model.predict(texts)
    sk_q, sk_r = model.sub_proba(texts)
    mismatches = 0
    max_diff = 0.0
    for i, text in enumerate(texts):
        probs, q_open, r_complex = clf.scores(text)
        got = np.array([probs[lab] for lab in LABELS])
        max_diff = max(
            max_diff,
            float(np.abs(got - sk_proba[i]).max()),
            abs(q_open - sk_q[i]),
            abs(r_complex - sk_r[i]),
        )
        if LABELS[int(got.argmax())] != sk_labels[i]:
            mismatches += 1
    assert mismatches == 0, f"numpy and scikit-learn disagree on {mismatches} of {len(texts)}"
    assert max_diff < 1e-4, f"probabilities differ by up to {max_diff:.2e}"
    return {"checked": len(texts), "mismatches": mismatches, "max_abs_diff": max_diff}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="AnnoMI directory")
    parser.add_argument("--out", type=Path, default=ARTIFACT)
    parser.add_argument("--rb-out", type=Path, default=RB_ARTIFACT)
    parser.add_argument(
        "--setting",
        type=float,
        nargs=2,
        metavar=("C", "WORD_WEIGHT"),
        default=None,
        help="skip the grid search",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    np.random.seed(SEED)
    directory = args.data or data_dir()
    if not (directory / "annomi_simple_train.csv").exists():
        print(f"AnnoMI not found in {directory} (set ANNOMI_DIR)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    utts = load_annomi(directory)
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    groups = np.array([u.transcript_id for u in utts])
    print(f"{len(utts)} therapist utterances from {len(set(groups))} transcripts")

    # One grouped 5-fold run serves both choices: the setting (by macro-F1) and
    # the temperature (fitted on that setting's out-of-fold scores).
    grid = GRID if args.setting is None else (tuple(args.setting),)
    oof = out_of_fold_scores(texts, y, groups, grid)
    scores = macro_f1_by_setting(oof, y)
    for (c, ww), f1 in scores.items():
        print(f"  C={c:g} word weight {ww:g}: grouped 5-fold macro-F1 {f1:.4f}", flush=True)
    c, ww = best_setting(scores)
    temperature = fit_temperature(oof[(c, ww)], np.array([LABELS.index(v) for v in y]))
    print(f"training on all data with C={c:g}, word weight {ww:g}, temperature {temperature:g}")
    model = train(utts, c, ww, temperature)

    digest = hashlib.sha256()
    for name in ("annomi_simple_train.csv", "annomi_full_train.csv"):
        digest.update((directory / name).read_bytes())
    import sklearn

    meta = {
        "model": "tfidf(word1-3,char2-5,shape)+linear SVM (softmax with temperature)",
        "C": c,
        "word_weight": ww,
        "temperature": temperature,
        "grid_macro_f1": {f"C={k[0]:g},ww={k[1]:g}": round(v, 4) for k, v in scores.items()},
        "sub_C": SUB_C,
        "min_df": MIN_DF,
        "trained_on": "AnnoMI training portion, therapist utterances",
        "n_utterances": len(utts),
        "n_transcripts": len(set(groups)),
        "data_sha256": digest.hexdigest(),
        "sklearn_version": sklearn.__version__,
    }
    export(model, args.out, meta)
    rng = np.random.default_rng(SEED)
    sample = [texts[i] for i in rng.choice(len(texts), size=400, replace=False)]
    sample += ["", "?", "You have to stop drinking.", "How are you feeling about it?", "😀 ok"]
    check = check_numpy_matches(model, sample, args.out)
    print(
        f"numpy inference matches scikit-learn on {check['checked']} texts "
        f"(max |diff| {check['max_abs_diff']:.1e})"
    )
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - started:.0f}s")

    items = load_supporter_sentences()
    rb_texts, rb_y = roadblock_targets(items)
    vecs, heads = train_roadblock_model(rb_texts, rb_y)
    rb_meta = {
        "model": "tfidf(word1-3,char2-5,shape)+logreg per head",
        "C": RB_C,
        "trained_on": "benchmarks/data/coach_supporter_dev.jsonl (our own sentences)",
        "n_sentences": len(items),
        "n_with_roadblock": int(rb_y[:, 0].sum()),
        "sklearn_version": sklearn.__version__,
    }
    export_roadblock_model(vecs, heads, args.rb_out, rb_meta)
    from porchlight.language.linear import LinearTextModel, sigmoid

    shipped = LinearTextModel.load(args.rb_out)
    expected = roadblock_proba(vecs, heads, sample)
    got = np.array([[sigmoid(v) for v in shipped.logits(t)] for t in sample])
    diff = float(np.abs(got - expected).max())
    assert diff < 1e-4, f"roadblock model: numpy and scikit-learn differ by {diff:.2e}"
    print(
        f"roadblock model: {len(items)} sentences, numpy matches scikit-learn "
        f"(max |diff| {diff:.1e}); wrote {args.rb_out} "
        f"({args.rb_out.stat().st_size / 1e6:.2f} MB)"
    )
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    # One BLAS thread: multi-threaded sums round differently from run to run,
    # and `make model` must write the same bytes every time.
    with threadpool_limits(limits=1):
        raise SystemExit(main())
