"""Reproducible measurements for the reflection grader (issue 13 part 2).

    .venv/bin/python benchmarks/reflect.py              # about 2 minutes on one core
    .venv/bin/python benchmarks/reflect.py --json out.json

Data: PAIR's training portion (``../shared/data/pair/pair_train.csv`` or
``$PAIR_DIR``), every (prompt, reply) pair one example, graded 2 complex, 1 simple,
0 poor by experts. It is the only PAIR file we have, so all figures are
cross-validated, never in-sample.

1. Nested cross-validation grouped by prompt. Outer: 5 folds (all replies to a
   prompt are in the same fold). Inside each outer training part, the tuning the
   training script does (``train_reflect_model.tune``: a grouped 5-fold search of
   its (C, w) grid, ``best_setting``), then training on the whole outer training
   part, export to a temporary ``.npz``, load it back with
   ``ReflectionGrader.load`` and grade the outer test replies through
   ``reflect.grade_many``: the shipped inference path (cleaning, the rules on top
   of the model, numpy inference), not scikit-learn.
2. Figures: per-class F1 and macro-F1 of ``quality``; the share of prompts where
   every complex reflection scores above every poor reply (``score``), the share of
   complex reflections above every poor reply to their prompt, and the share of
   (complex, poor) pairs in the right order; and the
   same two for a TF-IDF-only baseline (word 1-3-grams and shape cues of the
   reply, no pair features and no rules, C tuned by the same inner grouped CV;
   score = P(simple) + 2 P(complex)).
3. Speed: the median time of one ``grade_many`` call on one pair (warm), and the
   model load time in a fresh process (import, load, and the first grade, which
   also loads the coach models the pair features use), median of three runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import train_coach_model as tcm  # noqa: E402
import train_reflect_model as trm  # noqa: E402

from porchlight.language import reflect  # noqa: E402

BASELINE_GRID = (1.0, 3.0, 10.0)


def f1_figures(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import f1_score

    per_class = f1_score(y, pred, labels=list(reflect.QUALITIES), average=None)
    out = {f"f1_{reflect.HEADS[q]}": float(per_class[q]) for q in reflect.QUALITIES}
    out["macro_f1"] = float(np.mean(per_class))
    return out


def ranking(pairs: list[trm.Pair], scores: np.ndarray) -> dict[str, float]:
    """How the score ranks complex reflections above poor replies to the same prompt, three
    ways, strictest first: the share of prompts where every complex reply is above every
    poor one; the share of complex replies above every poor reply to their prompt (the
    issue's wording); the share of (complex, poor) pairs in the right order."""
    by_prompt: dict[int, list[int]] = {}
    for i, p in enumerate(pairs):
        by_prompt.setdefault(p.prompt_id, []).append(i)
    prompts = prompts_good = replies = replies_good = pairs_total = pairs_good = 0
    for idx in by_prompt.values():
        complex_ = [scores[i] for i in idx if pairs[i].quality == 2]
        poor = [scores[i] for i in idx if pairs[i].quality == 0]
        if not (complex_ and poor):
            continue
        prompts += 1
        prompts_good += int(min(complex_) > max(poor))
        replies += len(complex_)
        replies_good += sum(1 for c in complex_ if c > max(poor))
        pairs_total += len(complex_) * len(poor)
        pairs_good += sum(1 for c in complex_ for q in poor if c > q)
    return {
        "prompts_every_complex_above_every_poor": prompts_good / prompts,
        "complex_above_every_poor": replies_good / replies,
        "complex_poor_pairs_in_order": pairs_good / pairs_total,
    }


def baseline_fit(pairs: list[trm.Pair], c: float):
    vecs = trm.make_vectorizers()
    x = tcm.fit_transform(vecs, [reflect.reply_text(p.reply) for p in pairs])
    clf = tcm.make_lr(c).fit(x, np.array([p.quality for p in pairs]))
    return vecs, clf


def baseline_proba(model, pairs: list[trm.Pair]) -> np.ndarray:
    vecs, clf = model
    return clf.predict_proba(tcm.transform(vecs, [reflect.reply_text(p.reply) for p in pairs]))


def baseline_tune(pairs: list[trm.Pair]) -> float:
    """C for the baseline by the same grouped 5-fold CV on macro-F1 (ties: smaller C)."""
    from sklearn.metrics import f1_score

    y = np.array([p.quality for p in pairs])
    splits = trm.folds(pairs)
    scores = {}
    for c in BASELINE_GRID:
        pred = np.empty(len(pairs), dtype=np.int64)
        for tr, te in splits:
            model = baseline_fit([pairs[i] for i in tr], c)
            pred[te] = baseline_proba(model, [pairs[i] for i in te]).argmax(axis=1)
        scores[c] = round(float(f1_score(y, pred, average="macro")), 4)
    return max(scores, key=lambda c: (scores[c], -c))


def nested(pairs: list[trm.Pair], dense: np.ndarray) -> dict:
    n = len(pairs)
    y = np.array([p.quality for p in pairs])
    pred, score = np.empty(n, dtype=np.int64), np.empty(n)
    base_pred, base_score = np.empty(n, dtype=np.int64), np.empty(n)
    timings: list[float] = []
    chosen, base_chosen = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (tr, te) in enumerate(trm.folds(pairs), 1):
            started = time.perf_counter()
            train_pairs = [pairs[i] for i in tr]
            test_pairs = [pairs[i] for i in te]
            c, w = trm.best_setting(trm.tune(train_pairs, dense[tr]))
            model = trm.train(train_pairs, dense[tr], c, w)
            path = Path(tmp) / f"reflect_fold{k}.npz"
            trm.export(model, path, {"fold": k})
            grader = reflect.ReflectionGrader.load(path)
            for j, p in zip(te, test_pairs, strict=True):
                t0 = time.perf_counter()
                (verdict,) = reflect.grade_many([(p.prompt, p.reply)], grader=grader)
                timings.append(time.perf_counter() - t0)
                pred[j], score[j] = verdict.quality, verdict.score
            bc = baseline_tune(train_pairs)
            proba = baseline_proba(baseline_fit(train_pairs, bc), test_pairs)
            base_pred[te] = proba.argmax(axis=1)
            base_score[te] = proba[:, 1] + 2.0 * proba[:, 2]
            chosen.append((c, w))
            base_chosen.append(bc)
            print(
                f"  outer fold {k}: C={c:g} w={w:g} (baseline C={bc:g}), "
                f"{len(te)} test replies, {time.perf_counter() - started:.0f}s",
                flush=True,
            )
    return {
        "grader": {
            **f1_figures(y, pred),
            **ranking(pairs, score),
            "chosen_c_w": chosen,
        },
        "tfidf_baseline": {
            **f1_figures(y, base_pred),
            **ranking(pairs, base_score),
            "chosen_c": base_chosen,
        },
        "median_ms_per_reply": 1000 * statistics.median(timings),
    }


LOAD_SNIPPET = """
import time
t0 = time.perf_counter()
from porchlight.language import reflect
reflect.get_grader()
t1 = time.perf_counter()
reflect.grade("I am tired of it all.", "You are worn out.")
t2 = time.perf_counter()
print(t1 - t0, t2 - t0)
"""


def load_time(runs: int = 3) -> dict[str, float]:
    loads, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "OMP_NUM_THREADS": "1"},
        ).stdout.split()
        loads.append(float(out[0]))
        firsts.append(float(out[1]))
    return {
        "load_s": statistics.median(loads),
        "load_and_first_grade_s": statistics.median(firsts),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    np.random.seed(trm.SEED)
    started = time.perf_counter()
    pairs = trm.load_pairs()
    print(f"{len(pairs)} replies to {len({p.prompt_id for p in pairs})} prompts (PAIR train)")
    dense = trm.dense_matrix(pairs)
    results = nested(pairs, dense)
    results["load"] = load_time()
    g, b = results["grader"], results["tfidf_baseline"]
    print("\nNested grouped 5-fold CV (outer by prompt; inner: the training script's tuning)")
    print(
        f"{'':28}{'poor':>8}{'simple':>8}{'complex':>9}{'macro':>8}"
        f"{'prompts':>9}{'complex':>9}{'pairs':>7}"
    )
    for name, r in (("grader (grade_many)", g), ("TF-IDF-only baseline", b)):
        print(
            f"{name:28}{r['f1_poor']:8.3f}{r['f1_simple']:8.3f}{r['f1_complex']:9.3f}"
            f"{r['macro_f1']:8.3f}{r['prompts_every_complex_above_every_poor']:9.3f}"
            f"{r['complex_above_every_poor']:9.3f}{r['complex_poor_pairs_in_order']:7.3f}"
        )
    print(
        "  prompts = share of prompts where every complex reflection outscores every poor reply;"
        "\n  complex = share of complex reflections above every poor reply to their prompt;"
        "\n  pairs = share of (complex, poor) pairs of one prompt in the right order"
    )
    print(f"median time per reply (grade_many, warm): {results['median_ms_per_reply']:.1f} ms")
    print(
        f"fresh process: import + load {results['load']['load_s']:.2f} s, "
        f"with the first grade {results['load']['load_and_first_grade_s']:.2f} s"
    )
    print(f"total {time.perf_counter() - started:.0f}s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        raise SystemExit(main())
