"""Reproducible measurements for the client-talk classifier (change / neutral / sustain).

    .venv/bin/python benchmarks/talk.py              # everything (about a minute on 1 core)
    .venv/bin/python benchmarks/talk.py --skip-cv    # quotes and latency only
    .venv/bin/python benchmarks/talk.py --errors --json out.json

1. AnnoMI client utterances (training portion, 3,767 utterances, 106
   transcripts): 5-fold cross-validation grouped by transcript
   (StratifiedGroupKFold: one conversation never spans two folds; the same
   folds for every row). Macro-F1, accuracy, per-class precision/recall/F1
   and the spread of macro-F1 over folds for
   - the majority baseline (always "neutral");
   - plain TF-IDF (word unigrams) + logistic regression, scikit-learn
     defaults, once unweighted and once with balanced class weights;
   - word + char + the coach's shape cues, balanced, C=1 (an ablation: the
     shape block is what the coach model adds);
   - the shipped configuration (word 1-3 + char 2-5, balanced), with C chosen
     by an inner grouped 3-fold CV on each outer training part (nested, so
     the figure is not tuned on its own test folds).
   Each utterance is classified alone, as in the product.
2. Quotes written by us (not AnnoMI) in the voice of a loved one as a
   supporter would note them: 20 per class, labelled by us before the model
   was run on them, scored with the shipped model. A small, single-annotator
   sanity check of the domain shift from counselling transcripts to family
   quotes, not a test set of record.
3. Latency: model load in a fresh process (median of 3) and the median and
   95th-percentile time of ``classify_talk`` per text, over every AnnoMI
   client utterance and over the quotes.

Single-threaded (one BLAS thread); the numbers are reproducible run to run
apart from the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import train_coach_model as tcm  # noqa: E402
import train_talk_model as ttm  # noqa: E402

from porchlight.language import talk  # noqa: E402

LABELS = ttm.LABELS

# --- our own quotes (section 2) --------------------------------------------

CHANGE_QUOTES = [
    "I want to be sober for my daughter's wedding",
    "I'm thinking about skipping the bar after work this week",
    "i know the drinking is hurting us and i need to stop",
    "I could probably manage just two beers on a weeknight",
    "I poured the rest of the bottle down the sink last night",
    "I'm tired of waking up sick every single morning",
    "I made an appointment with the doctor about my drinking",
    "if I quit I'd finally have money for the car",
    "I don't want the kids to see me like that again",
    "I'm going to try a week without weed and see how I sleep",
    "I've done it before, I stopped for three months last year",
    "I really should stop gambling before we lose the house",
    "I'll go to one meeting with you, just one",
    "I hate what the pills are doing to me",
    "I think I'd feel better if I drank less",
    "I've cut back to one pack a day already",
    "I'm ready to get some help",
    "I miss who I was before all this",
    "I want to stop, I'm just scared of the withdrawal",
    "tomorrow I'm calling that rehab place",
]
SUSTAIN_QUOTES = [
    "I don't drink more than anyone else at work",
    "it's my money, I'll spend it how I like",
    "I can stop whenever I want, I just don't want to",
    "weed is natural, it's not like it's a real drug",
    "I need a drink to unwind after the day I've had",
    "stop nagging me, I'm fine",
    "I'm not going to any meetings",
    "everybody I know drinks like this",
    "I've tried quitting, it never works, so why bother",
    "smoking is the only thing that keeps me calm",
    "I like how I feel when I'm high",
    "my drinking isn't the problem, your attitude is",
    "I'm not cutting back, it's the weekend",
    "there's nothing wrong with a few beers",
    "I don't need help from anybody",
    "I'd be bored out of my mind without it",
    "I'm not an addict, I just enjoy it",
    "I'll win it back next week, I always do",
    "I can't sleep without a couple of pills",
    "quitting now would be too stressful with work",
]
NEUTRAL_QUOTES = [
    "what time is dinner",
    "I'm going to my brother's on Saturday",
    "yeah, okay",
    "the car needs new tyres",
    "I don't know",
    "did you feed the dog",
    "work was long today",
    "I watched the game at Mike's",
    "I'll be home around seven",
    "can you pick up milk on the way back",
    "my back has been hurting",
    "I saw your mum at the shop",
    "we should paint the kitchen",
    "sure, whatever you want",
    "I'm watching TV",
    "the kids have a school play on Thursday",
    "I forgot my phone at work",
    "it rained all day",
    "thanks for the lunch",
    "I'm tired, I'm going to bed",
]
FAMILY_QUOTES: list[tuple[str, str]] = (
    [(t, "change") for t in CHANGE_QUOTES]
    + [(t, "sustain") for t in SUSTAIN_QUOTES]
    + [(t, "neutral") for t in NEUTRAL_QUOTES]
)


# --- scoring ----------------------------------------------------------------


def scores(y_true, y_pred) -> dict:
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

    p, r, f, n = precision_recall_fscore_support(
        y_true, y_pred, labels=list(LABELS), zero_division=0
    )
    return {
        "macro_f1": round(
            float(f1_score(y_true, y_pred, labels=list(LABELS), average="macro", zero_division=0)),
            4,
        ),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "per_class": {
            lab: {
                "precision": round(float(p[k]), 4),
                "recall": round(float(r[k]), 4),
                "f1": round(float(f[k]), 4),
                "support": int(n[k]),
            }
            for k, lab in enumerate(LABELS)
        },
    }


def confusion(y_true, y_pred) -> dict:
    """Rows: gold label; columns: predicted label."""
    from sklearn.metrics import confusion_matrix

    m = confusion_matrix(y_true, y_pred, labels=list(LABELS))
    return {
        gold: dict(zip(LABELS, map(int, row), strict=True))
        for gold, row in zip(LABELS, m, strict=True)
    }


def print_confusion(m: dict) -> None:
    print("  gold \\ predicted " + "".join(f"{lab:>9}" for lab in LABELS))
    for gold in LABELS:
        print(f"  {gold:<17} " + "".join(f"{m[gold][lab]:>9}" for lab in LABELS))


# --- 1. grouped cross-validation --------------------------------------------


def talk_cv() -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    utts = ttm.load_client_utterances()
    texts, y, groups = ttm.arrays(utts)
    folds = tcm.grouped_folds(y, groups, 5)
    counts = Counter(y.tolist())
    results: dict = {
        "n_utterances": len(utts),
        "n_transcripts": len(set(groups)),
        "class_counts": {lab: counts[lab] for lab in LABELS},
        "folds": 5,
        "fold_sizes": [len(te) for _, te in folds],
    }
    print(
        f"\n== Talk type: {len(utts)} client utterances, {len(set(groups))} transcripts "
        f"({', '.join(f'{lab} {counts[lab]}' for lab in LABELS)}), 5 folds grouped by transcript =="
    )

    def run(name: str, fit_predict: Callable) -> np.ndarray:
        started = time.perf_counter()
        pred = np.empty(len(y), dtype=object)
        extra: dict = {}
        for tr, te in folds:
            pred[te] = fit_predict(tr, te, extra)
        pred = pred.astype(str)
        per_fold = [f1_score(y[te], pred[te], average="macro") for _, te in folds]
        res = scores(y, pred) | {"fold_std_macro_f1": round(float(np.std(per_fold)), 4)}
        res.update(extra)
        results[name] = res
        per = "  ".join(f"{k}={v['f1']:.3f}" for k, v in res["per_class"].items())
        print(
            f"{name:<40} macro-F1 {res['macro_f1']:.4f} (±{res['fold_std_macro_f1']:.3f})  "
            f"F1 {per}  [{time.perf_counter() - started:.0f}s]",
            flush=True,
        )
        return pred

    def majority(tr, te, _):
        top = Counter(y[tr].tolist()).most_common(1)[0][0]
        return np.full(len(te), top, dtype=object)

    def plain(balanced: bool):
        def fit_predict(tr, te, _):
            vec = TfidfVectorizer()
            clf = LogisticRegression(max_iter=5000, class_weight="balanced" if balanced else None)
            clf.fit(vec.fit_transform([texts[i] for i in tr]), y[tr])
            return clf.predict(vec.transform([texts[i] for i in te]))

        return fit_predict

    def with_shape(tr, te, _):
        vecs = ttm.make_vectorizers(("word", "char", "shape"))
        a = tcm.fit_transform(vecs, [texts[i] for i in tr])
        b = tcm.transform(vecs, [texts[i] for i in te])
        return tcm.make_lr(1.0).fit(a, y[tr]).predict(b)

    def shipped(tr, te, extra):
        inner = ttm.tune_c([texts[i] for i in tr], y[tr], groups[tr], n_splits=3)
        c = ttm.pick_c(inner)
        extra.setdefault("inner_chosen_C", []).append(c)
        model = ttm.train([texts[i] for i in tr], y[tr], c)
        proba = model.predict_proba([texts[i] for i in te])
        return np.array([LABELS[k] for k in proba.argmax(1)], dtype=object)

    run("majority baseline (always neutral)", majority)
    run("plain tfidf+LR (defaults, unweighted)", plain(False))
    run("plain tfidf+LR (balanced)", plain(True))
    run("word+char+shape, balanced, C=1", with_shape)
    pred = run("shipped: word+char, balanced, nested C", shipped)
    results["shipped_confusion"] = confusion(y, pred)
    print("shipped configuration, out-of-fold confusion:")
    print_confusion(results["shipped_confusion"])
    per = results["shipped: word+char, balanced, nested C"]["per_class"]
    print(
        "  precision / recall: "
        + "  ".join(f"{k} {v['precision']:.3f}/{v['recall']:.3f}" for k, v in per.items())
    )
    return results


# --- 2. our own quotes --------------------------------------------------------


def family_quotes(show_errors: bool = False) -> dict:
    texts = [t for t, _ in FAMILY_QUOTES]
    gold = [lab for _, lab in FAMILY_QUOTES]
    pred = [talk.classify_talk(t).kind for t in texts]
    res = scores(gold, pred) | {"n": len(texts), "confusion": confusion(gold, pred)}
    print(f"\n== Our own family-style quotes ({len(texts)}, 20 per class), shipped model ==")
    print(
        f"accuracy {res['accuracy']:.3f}  macro-F1 {res['macro_f1']:.3f}  recall "
        + "  ".join(f"{k}={v['recall']:.2f}" for k, v in res["per_class"].items())
    )
    print_confusion(res["confusion"])
    if show_errors:
        for t, g, p in zip(texts, gold, pred, strict=True):
            if g != p:
                probs = talk.classify_talk(t).probabilities
                shown = " ".join(f"{k[0]}={v:.2f}" for k, v in probs.items())
                print(f"  ERR gold={g:<8} pred={p:<8} [{shown}] {t}")
    return res


# --- 3. latency ---------------------------------------------------------------


def _timings(texts: list[str]) -> list[float]:
    out = []
    for t in texts:
        started = time.perf_counter()
        talk.classify_talk(t)
        out.append(time.perf_counter() - started)
    return out


def latency() -> dict:
    code = (
        "import time; t=time.perf_counter();"
        "from porchlight.language import talk; talk.get_classifier();"
        "print(time.perf_counter()-t)"
    )
    loads = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        loads.append(float(out.stdout.strip()))
    talk.classify_talk("warm up")
    res: dict = {"model_load_s_fresh_process_median": round(statistics.median(loads), 3)}
    corpora = {"family_quotes": [t for t, _ in FAMILY_QUOTES]}
    if (tcm.data_dir() / "annomi_simple_train.csv").exists():
        corpora["annomi_client_utterances"] = [u.text for u in ttm.load_client_utterances()]
    print("\n== Latency ==")
    load_s = res["model_load_s_fresh_process_median"]
    print(f"import + model load, fresh process (median of 3): {load_s:.3f} s")
    for name, texts in corpora.items():
        times = _timings(texts)
        res[name] = {
            "n": len(texts),
            "median_chars": int(statistics.median(len(t) for t in texts)),
            "ms_median": round(statistics.median(times) * 1000, 3),
            "ms_p95": round(float(np.percentile(times, 95)) * 1000, 3),
        }
        r = res[name]
        print(
            f"classify_talk on {name} (n={r['n']}, median {r['median_chars']} chars): "
            f"median {r['ms_median']:.3f} ms, p95 {r['ms_p95']:.3f} ms"
        )
    long_text = ("I might cut down, but honestly I like it. " * 100)[: talk.MAX_CHARS]
    started = time.perf_counter()
    talk.classify_talk(long_text)
    res["ms_2000_chars"] = round((time.perf_counter() - started) * 1000, 2)
    res["artifact_bytes"] = talk.MODEL_PATH.stat().st_size
    print(f"a {talk.MAX_CHARS}-character quote: {res['ms_2000_chars']:.1f} ms")
    print(f"artifact {talk.MODEL_PATH.name}: {res['artifact_bytes'] / 1e6:.2f} MB")
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Client-talk classifier benchmarks")
    parser.add_argument("--skip-cv", action="store_true", help="skip the AnnoMI cross-validation")
    parser.add_argument("--errors", action="store_true", help="list misclassified own quotes")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results: dict = {}
    if not args.skip_cv:
        results["annomi_cv"] = talk_cv()
    results["family_quotes"] = family_quotes(args.errors)
    results["latency"] = latency()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        raise SystemExit(main())
