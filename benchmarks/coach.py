"""Reproducible measurements for the conversation coach.

    .venv/bin/python benchmarks/coach.py            # everything (about 1.5 minutes on 1 core)
    .venv/bin/python benchmarks/coach.py --skip-cv  # roadblocks, labels and latency only
    .venv/bin/python benchmarks/coach.py --command-only  # 1a and 1c (about 5 minutes)
    .venv/bin/python benchmarks/coach.py --json out.json
    .venv/bin/python benchmarks/coach.py --command-only --no-mix --seeds 0 1 2 \
        --embeddings TABLE  # 1a with static embeddings (docs/adr/0005), and their speed

1a. The behaviour ``porchlight coach`` prints (the figure in the README):
   nested CV grouped by transcript through ``coach.analyse_message`` and
   ``coach.to_json``, each outer fold's model trained, exported and loaded
   like the shipped one (``command_cv``). Beside it, from the same runs: the
   classifier alone on the whole utterance, the previous rule (first
   substantive sentence), a learned mix of whole message and sentences, and
   simple vs complex reflection on the whole utterance.
1c. The message rules on our supporter sets (``supporter_behaviour``): the
   sets have no therapist_input/other labels, but their labels say which
   sentences are reflections and which are questions; reflection and question
   F1 with and without the rules, and for the previous rule. Choose on the dev
   set only; the held-out set is for reporting.
1. Behaviour classifier (AnnoMI therapist utterances, training portion):
   5-fold cross-validation grouped by transcript (StratifiedGroupKFold, one
   conversation never spans two folds). Macro-F1 and per-class F1 for
   - the plain baseline, TF-IDF word unigrams + logistic regression, defaults;
   - word 1-3 + char 2-5 TF-IDF, balanced LR, C=2 (an ablation step);
   - word + char + shape cues with logistic regression, C chosen in-fold (the
     model shipped before the SVM; an ablation step);
   - the shipped configuration: the same features, a class-balanced linear
     SVM with the word block weighted, (C, word weight) chosen by an inner
     grouped 3-fold CV on each outer training part (nested);
   - the same plus context (previous therapist label and how much of the
     utterance echoes the client's previous words), once with the gold
     previous label from the transcript and once with the label the
     no-context model predicted for it. The product analyses sentences
     without context and ships the no-context model.
   Sub-labels: open/closed question and simple/complex reflection, on the
   utterances whose annotators gave one, same grouped folds.
2. Roadblocks and labels on our own supporter sentences: precision/recall/F1
   of "has a roadblock" and per roadblock / per label, on the held-out
   evaluation set (benchmarks/data/coach_supporter_sentences.jsonl) and on
   the dev set the patterns were tuned on and the learned roadblock model
   was trained on (coach_supporter_dev.jsonl; so dev figures are optimistic
   by construction). Ablations on the eval set: patterns alone, and the
   learned model's own 5-fold cross-validated figure on dev.
3. Latency: model load time in a fresh process and the median time of
   ``analyse_message`` over 200 messages.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
import train_coach_model as tcm  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
EVAL_FILE = DATA / "coach_supporter_sentences.jsonl"
DEV_FILE = DATA / "coach_supporter_dev.jsonl"
LABELS = tcm.LABELS


# --- 1. behaviour classifier -------------------------------------------------


def _scores(y_true, y_pred) -> dict:
    from sklearn.metrics import accuracy_score, f1_score

    per = f1_score(y_true, y_pred, labels=list(LABELS), average=None, zero_division=0)
    return {
        "macro_f1": round(float(f1_score(y_true, y_pred, average="macro")), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "per_class_f1": {lab: round(float(v), 4) for lab, v in zip(LABELS, per, strict=True)},
    }


def _fold_spread(y, pred, folds) -> float:
    from sklearn.metrics import f1_score

    return round(float(np.std([f1_score(y[te], pred[te], average="macro") for _, te in folds])), 4)


def behaviour_cv() -> dict:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    utts = tcm.load_annomi()
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    groups = np.array([u.transcript_id for u in utts])
    folds = tcm.grouped_folds(y, groups, 5)
    results: dict = {"n_utterances": len(utts), "n_transcripts": len(set(groups)), "folds": 5}
    print(
        f"\n== Behaviour: {len(utts)} therapist utterances, {len(set(groups))} transcripts, "
        "5 folds grouped by transcript =="
    )

    def run(name, fit_predict):
        started = time.perf_counter()
        pred = np.empty(len(y), dtype=object)
        extra: dict = defaultdict(list)
        for tr, te in folds:
            pred[te] = fit_predict(tr, te, extra)
        pred = pred.astype(str)
        res = _scores(y, pred) | {"fold_std_macro_f1": _fold_spread(y, pred, folds)}
        res.update(extra)
        results[name] = res
        per = "  ".join(f"{k}={v:.3f}" for k, v in res["per_class_f1"].items())
        print(
            f"{name:<34} macro-F1 {res['macro_f1']:.4f} (±{res['fold_std_macro_f1']:.3f})  "
            f"{per}  [{time.perf_counter() - started:.0f}s]",
            flush=True,
        )
        return pred

    def baseline(tr, te, _):
        vec = TfidfVectorizer()
        clf = LogisticRegression(max_iter=5000)
        clf.fit(vec.fit_transform([texts[i] for i in tr]), y[tr])
        return clf.predict(vec.transform([texts[i] for i in te]))

    def word_char(tr, te, _):
        vecs = [
            TfidfVectorizer(ngram_range=(1, 3), min_df=2, sublinear_tf=True),
            TfidfVectorizer(analyzer="char", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        ]
        a = hstack([v.fit_transform([texts[i] for i in tr]) for v in vecs]).tocsr()
        b = hstack([v.transform([texts[i] for i in te]) for v in vecs]).tocsr()
        return tcm.make_lr(2.0).fit(a, y[tr]).predict(b)

    def logistic(tr, te, extra):
        vecs = tcm.make_vectorizers()
        a = tcm.fit_transform(vecs, [texts[i] for i in tr])
        b = tcm.transform(vecs, [texts[i] for i in te])
        return tcm.make_lr(2.0).fit(a, y[tr]).predict(b)

    oof_shipped = np.empty(len(y), dtype=object)

    def shipped(tr, te, extra):
        inner = tcm.tune([texts[i] for i in tr], y[tr], groups[tr], n_splits=3)
        c, ww = tcm.best_setting(inner)
        extra["inner_chosen"].append(f"C={c:g}, word weight {ww:g}")
        vecs = tcm.make_vectorizers()
        a = tcm.fit_transform(vecs, [texts[i] for i in tr])
        b = tcm.transform(vecs, [texts[i] for i in te])
        w = tcm.column_weights(vecs, ww)
        p = tcm.make_svc(c).fit(tcm.reweight(a, w), y[tr]).predict(tcm.reweight(b, w))
        oof_shipped[te] = p
        return p

    def with_context(predicted_prev: bool):
        def fit_predict(tr, te, _):
            vecs = tcm.make_vectorizers()
            ctx = TfidfVectorizer(analyzer=lambda toks: toks, sublinear_tf=True)
            tr_ctx = [tcm.context_tokens(utts[i]) for i in tr]
            te_ctx = []
            for i in te:
                prev = None
                if predicted_prev:
                    same = i > 0 and utts[i - 1].transcript_id == utts[i].transcript_id
                    prev = str(oof_shipped[i - 1]) if same else ""
                te_ctx.append(tcm.context_tokens(utts[i], prev))
            a = hstack([tcm.fit_transform(vecs, [texts[i] for i in tr]), ctx.fit_transform(tr_ctx)])
            b = hstack([tcm.transform(vecs, [texts[i] for i in te]), ctx.transform(te_ctx)])
            return tcm.make_lr(2.0).fit(a.tocsr(), y[tr]).predict(b.tocsr())

        return fit_predict

    run("baseline tfidf+LR (plain)", baseline)
    run("word1-3+char2-5 LR (C=2)", word_char)
    run("+shape cues, LR C=2 (previous model)", logistic)
    run("shipped: SVM, nested C & word weight", shipped)
    run("+context (LR), gold previous label", with_context(False))
    run("+context (LR), predicted previous", with_context(True))

    # Sub-labels, same folds restricted to utterances with a sub-type.
    q_idx, q_y, r_idx, r_y = tcm.sub_targets(utts)
    for name, idx, target, pos, neg in (
        ("question_type", q_idx, q_y, "open", "closed"),
        ("reflection_type", r_idx, r_y, "complex", "simple"),
    ):
        from sklearn.metrics import accuracy_score, f1_score

        idx_arr = np.array(idx)
        pred = np.full(len(idx), -1)
        pos_of = {i: k for k, i in enumerate(idx)}
        for tr, te in folds:
            tr_s = [i for i in tr if i in pos_of]
            te_s = [i for i in te if i in pos_of]
            vecs = tcm.make_vectorizers()
            a = tcm.fit_transform(vecs, [texts[i] for i in tr_s])
            b = tcm.transform(vecs, [texts[i] for i in te_s])
            clf = tcm.make_lr(tcm.SUB_C).fit(a, target[[pos_of[i] for i in tr_s]])
            pred[[pos_of[i] for i in te_s]] = clf.predict(b)
        assert (pred >= 0).all()
        assert len(idx_arr) == len(target)
        majority = max(np.mean(target), 1 - np.mean(target))
        res = {
            "n": len(idx),
            "accuracy": round(float(accuracy_score(target, pred)), 4),
            "macro_f1": round(float(f1_score(target, pred, average="macro")), 4),
            f"f1_{pos}": round(float(f1_score(target, pred, pos_label=1)), 4),
            f"f1_{neg}": round(float(f1_score(target, pred, pos_label=0)), 4),
            "majority_baseline_accuracy": round(float(majority), 4),
        }
        results[name] = res
        print(
            f"{name:<34} n={res['n']}  accuracy {res['accuracy']:.3f} "
            f"(majority {res['majority_baseline_accuracy']:.3f})  macro-F1 {res['macro_f1']:.3f}  "
            f"F1 {pos} {res[f'f1_{pos}']:.3f} / {neg} {res[f'f1_{neg}']:.3f}"
        )
    return results


# --- 1b. the behaviour the command reports, on AnnoMI -----------------------


def _first_substantive(result) -> str:
    """The behaviour the command reported before (the first substantive sentence's)."""
    for s in result.sentences:
        if s.substantive:
            return s.behaviour
    return result.sentences[0].behaviour if result.sentences else "other"


def _use_model(path: Path | None, table=None) -> None:
    """Make ``porchlight.language.behaviour`` use the model at ``path`` (None: the shipped one),
    with the static embeddings ``table`` if the model has an embedding block."""
    from porchlight.language import behaviour

    behaviour._model = behaviour.BehaviourClassifier.load(path, table) if path else None


# Settings (C, word weight, embedding weight) tried with static embeddings; the same
# shape of grid as benchmarks/coach_embeddings.py used for MiniLM.
EMBED_GRID = tuple((c, 2.0, a) for c in (0.03, 0.05, 0.1) for a in (0.5, 1.0, 1.5, 2.0))


def load_table(path: Path):
    from porchlight.language import behaviour, embeddings

    return embeddings.StaticEmbeddings.load(path), behaviour.MAX_CHARS


def _mix_features(result, whole: dict[str, float]) -> list[float]:
    """What a learned mix of whole message and sentences sees: log-probabilities of the
    whole message, the first substantive sentence, the last sentence and the maximum
    over sentences, whether the last sentence ends with "?", and the sentence count."""

    def logp(p: dict[str, float]) -> list[float]:
        return [math.log(p.get(lab, 0.0) + 1e-6) for lab in LABELS]

    sents = result.sentences
    if not sents:
        return logp(whole) * 4 + [0.0, 0.0]
    first = next((s for s in sents if s.substantive), sents[0])
    top = np.max([logp(s.probabilities) for s in sents], axis=0).tolist()
    ends_q = float(sents[-1].text.rstrip().endswith("?"))
    return [
        *logp(whole),
        *logp(first.probabilities),
        *logp(sents[-1].probabilities),
        *top,
        ends_q,
        math.log(len(sents)),
    ]


def command_cv(
    n_splits: int = 5,
    inner_splits: int = 3,
    seed: int = tcm.SEED,
    table_path: Path | None = None,
    mix: bool = True,
    table=None,
    grid: tuple | None = None,
) -> dict:
    """Nested grouped CV of what ``porchlight coach`` prints, on AnnoMI therapist utterances.

    Outer: ``n_splits`` folds grouped by transcript. In each outer training part an
    inner grouped ``inner_splits``-fold CV chooses (C, word weight) and fits the
    softmax temperature, exactly as ``make model`` does on all the data; the model is
    trained on the outer training part, exported to an npz like the shipped one and
    loaded by the product. Each held-out utterance then goes through
    ``coach.analyse_message`` and ``coach.to_json``, the command's own path. Also
    reported from the same runs: the raw classifier on the whole utterance, the
    previous aggregation (the first substantive sentence), a learned mix of whole
    message and sentences (logistic regression over ``_mix_features``, trained on
    the inner folds' out-of-fold analyses, so also nested) and simple vs complex
    (the reflection head on the whole utterance, for the reflections with a sub-type).

    With ``table_path`` (a static-embedding table from
    ``scripts/distil_static_embeddings.py``), every head also sees the sentence
    embedding of what it reads, and the inner CV chooses among ``EMBED_GRID``;
    ``mix=False`` skips the learned mix (it doubles the time). ``table`` may instead be
    any encoder with ``encode(text)``, ``dim`` and ``meta`` (``benchmarks/coach_onnx.py``),
    and ``grid`` replaces ``EMBED_GRID``.
    """
    import tempfile

    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score

    from porchlight.language import behaviour, coach

    utts = tcm.load_annomi()
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    groups = np.array([u.transcript_id for u in utts])
    folds = tcm.grouped_folds(y, groups, n_splits, seed=seed)
    emb = None
    if table_path is not None:
        table = load_table(table_path)[0]
    if table is not None:
        emb = np.array([table.encode(t[: behaviour.MAX_CHARS]) for t in texts])
    grid = grid or (tcm.GRID if table is None else EMBED_GRID)
    names = ("command", "whole", "first_sentence", "learned_mix")
    preds = {k: np.empty(len(y), dtype=object) for k in names}
    complex_pred = np.full(len(y), -1)
    chosen = []
    print(
        f"\n== The command's behaviour: {len(utts)} AnnoMI therapist utterances, "
        f"{n_splits} outer folds grouped by transcript, inner {inner_splits}-fold (nested) ==",
        flush=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fold.npz"
        for k, (tr, te) in enumerate(folds):
            tr_texts = [texts[i] for i in tr]
            oof = tcm.out_of_fold_scores(
                tr_texts,
                y[tr],
                groups[tr],
                grid,
                n_splits=inner_splits,
                emb=None if emb is None else emb[tr],
            )
            best = tcm.best_setting(tcm.macro_f1_by_setting(oof, y[tr]))
            c, ww = best[:2]
            alpha = best[2] if len(best) > 2 else 0.0
            t = tcm.fit_temperature(oof[best], np.array([LABELS.index(v) for v in y[tr]]))
            chosen.append(f"C={c:g}, word weight {ww:g}, embedding weight {alpha:g}, T={t:g}")

            def fit(idx, c=c, ww=ww, t=t, alpha=alpha):
                sub = None if emb is None else emb[idx]
                return tcm.train([utts[j] for j in idx], c, ww, t, sub, alpha)

            # The learned mix is trained on analyses of the outer training part by
            # models that did not see them (the inner folds).
            mix_x, mix_y = [], []
            inner = tcm.grouped_folds(y[tr], groups[tr], inner_splits, seed=seed)
            for itr, ite in inner if mix else []:
                tcm.export(fit(tr[itr]), path, {})
                _use_model(path, table)
                for j in ite:
                    result = coach.analyse_message(texts[tr[j]])
                    whole = behaviour.get_classifier().scores(result.text)[0]
                    mix_x.append(_mix_features(result, whole))
                    mix_y.append(y[tr[j]])
            mixer = None
            if mix:
                mixer = LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced")
                mixer.fit(np.array(mix_x), np.array(mix_y))
            tcm.export(fit(tr), path, {})
            _use_model(path, table)
            clf = behaviour.get_classifier()
            for i in te:
                result = coach.analyse_message(texts[i])
                preds["command"][i] = coach.to_json(result, i)["behaviour"]
                preds["first_sentence"][i] = _first_substantive(result)
                probs, _, r_complex = clf.scores(texts[i])
                preds["whole"][i] = max(LABELS, key=lambda lab: probs[lab])
                complex_pred[i] = int(r_complex >= 0.5)
                if mixer is None:
                    preds["learned_mix"][i] = preds["command"][i]
                    continue
                feats = np.array([_mix_features(result, clf.scores(result.text)[0])])
                preds["learned_mix"][i] = str(mixer.predict(feats)[0])
            elapsed = time.perf_counter() - started
            print(f"  fold {k + 1}: {chosen[-1]}  [{elapsed:.0f}s]", flush=True)
    _use_model(None)
    results: dict = {
        "n_utterances": len(utts),
        "n_transcripts": len(set(groups)),
        "outer_folds": n_splits,
        "inner_folds": inner_splits,
        "fold_seed": seed,
        "embeddings": None if table is None else table.meta,
        "inner_chosen": chosen,
    }
    for name, label in (
        ("command", "porchlight coach (analyse_message + to_json)"),
        ("whole", "classifier on the whole utterance (no rules)"),
        ("first_sentence", "first substantive sentence (previous command)"),
        ("learned_mix", "learned mix of whole message and sentences"),
    ):
        if name == "learned_mix" and not mix:
            continue
        pred = preds[name].astype(str)
        res = _scores(y, pred) | {"fold_std_macro_f1": _fold_spread(y, pred, folds)}
        results[name] = res
        per = "  ".join(f"{k}={v:.3f}" for k, v in res["per_class_f1"].items())
        spread = res["fold_std_macro_f1"]
        print(f"{label:<46} macro-F1 {res['macro_f1']:.4f} (\u00b1{spread:.3f})  {per}")
    r_idx = [i for i, u in enumerate(utts) if u.reflection_type is not None]
    gold = np.array([int(utts[i].reflection_type == "complex") for i in r_idx])
    got = complex_pred[r_idx]
    majority = max(gold.mean(), 1 - gold.mean())
    results["reflection_type"] = {
        "n": len(r_idx),
        "accuracy": round(float(accuracy_score(gold, got)), 4),
        "macro_f1": round(float(f1_score(gold, got, average="macro")), 4),
        "majority_baseline_accuracy": round(float(majority), 4),
    }
    rt = results["reflection_type"]
    print(
        f"simple vs complex (reflections with a sub-type, n={rt['n']}): accuracy "
        f"{rt['accuracy']:.3f} (majority {rt['majority_baseline_accuracy']:.3f}), "
        f"macro-F1 {rt['macro_f1']:.3f}"
    )
    return results


def _supporter_gold(item: dict) -> str:
    """What our supporter sets say about behaviour: their labels mark reflections and
    questions (they have no therapist_input / other distinction)."""
    if "reflection" in item["labels"]:
        return "reflection"
    if {"open_question", "closed_question"} & set(item["labels"]):
        return "question"
    return "neither"


def supporter_behaviour(path: Path) -> dict:
    """Reflection and question F1 of the command's behaviour on a supporter set, with the
    message rules (now), without them (classifier on the whole message) and the previous
    command (first substantive sentence, all sentence rules)."""
    from sklearn.metrics import f1_score

    from porchlight.language import coach

    items = load_jsonl(path)
    gold = [_supporter_gold(i) for i in items]
    got: dict[str, list[str]] = {"command": [], "no_rules": [], "first_sentence": []}
    for item in items:
        result = coach.analyse_message(item["text"])
        got["command"].append(coach.to_json(result)["behaviour"])
        got["no_rules"].append(result.message_model_behaviour)
        got["first_sentence"].append(_first_substantive(result))
    res: dict = {"n": len(items), "n_reflection": gold.count("reflection")}
    res["n_question"] = gold.count("question")
    print(
        f"\n== Behaviour on {path.name}: {len(items)} supporter sentences "
        f"({res['n_reflection']} reflections, {res['n_question']} questions) =="
    )
    for name, pred in got.items():
        pred = [p if p in ("reflection", "question") else "neither" for p in pred]
        f = f1_score(gold, pred, labels=["reflection", "question"], average=None)
        res[name] = {"reflection_f1": round(float(f[0]), 4), "question_f1": round(float(f[1]), 4)}
        print(f"{name:<16} reflection F1 {f[0]:.3f}  question F1 {f[1]:.3f}")
    return res


# --- 2. roadblocks and labels on supporter sentences ------------------------


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def evaluate_sentences(path: Path, show_errors: bool = False, learned: bool = True) -> dict:
    from porchlight.language import coach, roadblocks
    from porchlight.language.labels import LABEL_NAMES
    from porchlight.language.roadblocks import ROADBLOCK_NAMES

    items = load_jsonl(path)
    roadblocks.USE_LEARNED = learned
    counts = {"has": [0, 0, 0]}
    per_rb = {k: [0, 0, 0] for k in ROADBLOCK_NAMES}
    per_lab = {k: [0, 0, 0] for k in LABEL_NAMES}
    errors = []
    for item in items:
        out = coach.to_json(coach.analyse_message(item["text"]), item["id"])
        gold_rb, pred_rb = set(item["roadblocks"]), set(out["roadblocks"])
        gold_lab, pred_lab = set(item["labels"]), set(out["labels"])
        h = counts["has"]
        if gold_rb and pred_rb:
            h[0] += 1
        elif pred_rb:
            h[1] += 1
        elif gold_rb:
            h[2] += 1
        for table, gold, pred in ((per_rb, gold_rb, pred_rb), (per_lab, gold_lab, pred_lab)):
            for k in table:
                table[k][0] += k in gold and k in pred
                table[k][1] += k not in gold and k in pred
                table[k][2] += k in gold and k not in pred
        if gold_rb != pred_rb or gold_lab != pred_lab:
            errors.append(
                (item["id"], item["text"], sorted(gold_rb ^ pred_rb), sorted(gold_lab ^ pred_lab))
            )
    res = {
        "n": len(items),
        "n_with_roadblock": sum(bool(i["roadblocks"]) for i in items),
        "has_roadblock": _prf(*counts["has"]),
        "roadblocks": {k: _prf(*v) for k, v in per_rb.items()},
        "labels": {k: _prf(*v) for k, v in per_lab.items()},
        "exact_roadblock_set": round(1 - sum(1 for e in errors if e[2]) / len(items), 4),
    }
    rb_f1 = [v["f1"] for v in res["roadblocks"].values() if v["support"]]
    lab_f1 = [v["f1"] for v in res["labels"].values() if v["support"]]
    res["roadblock_macro_f1"] = round(float(np.mean(rb_f1)), 4)
    res["label_macro_f1"] = round(float(np.mean(lab_f1)), 4)
    roadblocks.USE_LEARNED = True
    hr = res["has_roadblock"]
    mode = "" if learned else " (patterns only)"
    print(
        f"\n== {path.name}{mode}: {res['n']} sentences, "
        f"{res['n_with_roadblock']} with a roadblock =="
    )
    print(
        f"has a roadblock: precision {hr['precision']:.3f}  recall {hr['recall']:.3f}  "
        f"F1 {hr['f1']:.3f};  exact roadblock set {res['exact_roadblock_set']:.3f}"
    )
    print(f"{'roadblock':<18}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
    for k, v in res["roadblocks"].items():
        print(f"{k:<18}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{v['support']:>5}")
    print(f"{'macro (with support)':<32}{res['roadblock_macro_f1']:>7.3f}")
    print(f"{'label':<18}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
    for k, v in res["labels"].items():
        print(f"{k:<18}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{v['support']:>5}")
    print(f"{'macro (with support)':<32}{res['label_macro_f1']:>7.3f}")
    if show_errors:
        for e in errors:
            print("  ERR", e)
    return res


def learned_roadblock_cv() -> dict:
    """5-fold CV of the learned roadblock model alone, on the dev sentences."""
    from sklearn.metrics import f1_score, precision_score, recall_score
    from sklearn.model_selection import StratifiedKFold

    from porchlight.language.roadblocks import ANY_THRESHOLD, ROADBLOCK_NAMES

    texts, y = tcm.roadblock_targets(tcm.load_supporter_sentences())
    proba = np.zeros(y.shape)
    folds = StratifiedKFold(5, shuffle=True, random_state=tcm.SEED).split(texts, y[:, 0])
    for tr, te in folds:
        vecs, heads = tcm.train_roadblock_model([texts[i] for i in tr], y[tr])
        proba[te] = tcm.roadblock_proba(vecs, heads, [texts[i] for i in te])
    has = proba[:, 0] >= ANY_THRESHOLD
    per = [f1_score(y[:, k + 1], proba[:, k + 1] >= 0.5) for k in range(len(ROADBLOCK_NAMES))]
    res = {
        "n": len(texts),
        "has_roadblock": {
            "precision": round(float(precision_score(y[:, 0], has)), 4),
            "recall": round(float(recall_score(y[:, 0], has)), 4),
            "f1": round(float(f1_score(y[:, 0], has)), 4),
        },
        "per_roadblock_macro_f1": round(float(np.mean(per)), 4),
    }
    h = res["has_roadblock"]
    print(f"\n== Learned roadblock model alone, 5-fold CV on dev ({len(texts)} sentences) ==")
    print(
        f"has a roadblock: precision {h['precision']:.3f}  recall {h['recall']:.3f}  "
        f"F1 {h['f1']:.3f};  per-roadblock macro-F1 {res['per_roadblock_macro_f1']:.3f}"
    )
    return res


# --- 3. latency -------------------------------------------------------------


def latency() -> dict:
    from porchlight.language import coach

    code = (
        "import time; t=time.perf_counter();"
        "from porchlight.language import behaviour, roadblocks;"
        "behaviour.get_classifier(); roadblocks.get_model();"
        "print(time.perf_counter()-t)"
    )
    loads = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        )
        loads.append(float(out.stdout.strip()))
    sentences = [i["text"] for i in load_jsonl(EVAL_FILE)]
    rng = np.random.default_rng(0)
    messages = []
    for _ in range(200):
        k = int(rng.integers(1, 5))
        messages.append(
            " ".join(sentences[j] for j in rng.choice(len(sentences), k, replace=False))
        )
    coach.analyse_message("warm up")
    times = []
    for m in messages:
        t = time.perf_counter()
        coach.analyse_message(m)
        times.append(time.perf_counter() - t)
    long_text = " ".join(messages) * 3
    t = time.perf_counter()
    coach.analyse_message(long_text[:20000])
    long_ms = (time.perf_counter() - t) * 1000
    models = ROOT / "porchlight" / "language" / "models"
    artifacts = {p.name: p.stat().st_size for p in sorted(models.glob("*.npz"))}
    res = {
        "model_load_s_fresh_process_median": round(statistics.median(loads), 3),
        "analyse_message_ms_median": round(statistics.median(times) * 1000, 2),
        "analyse_message_ms_p95": round(float(np.percentile(times, 95)) * 1000, 2),
        "messages": len(messages),
        "mean_sentences_per_message": round(
            statistics.mean(len(coach.analyse_message(m).sentences) for m in messages), 2
        ),
        "analyse_20000_chars_ms": round(long_ms, 1),
        "artifact_bytes": artifacts,
    }
    print("\n== Latency ==")
    print(
        f"models load (import + both models, fresh process, median of 3): "
        f"{res['model_load_s_fresh_process_median']:.3f} s"
    )
    print(
        f"analyse_message: median {res['analyse_message_ms_median']:.2f} ms, "
        f"p95 {res['analyse_message_ms_p95']:.2f} ms over {len(messages)} messages "
        f"({res['mean_sentences_per_message']} sentences each on average)"
    )
    print(f"20,000-character message (capped): {long_ms:.0f} ms")
    for name, size in artifacts.items():
        print(f"artifact {name}: {size / 1e6:.2f} MB")
    return res


def _messages(n: int = 200) -> list[str]:
    sentences = [i["text"] for i in load_jsonl(EVAL_FILE)]
    rng = np.random.default_rng(0)
    messages = []
    for _ in range(n):
        k = int(rng.integers(1, 5))
        messages.append(
            " ".join(sentences[j] for j in rng.choice(len(sentences), k, replace=False))
        )
    return messages


STATIC_LOADER = "embeddings.StaticEmbeddings.load(sys.argv[2])"


def embedding_latency(
    table_path: Path,
    table=None,
    embed_grid: tuple = EMBED_GRID,
    loader: str = STATIC_LOADER,
    fresh_table=None,
) -> dict:
    """Whole-message analysis with a model that has the static-embedding block, against
    the same model without it: both trained on all of AnnoMI (setting from one grouped
    5-fold CV each, as ``make model``), exported, loaded in a fresh process and timed on
    the same 200 messages as ``latency``. For another encoder (``benchmarks/coach_onnx.py``):
    ``table`` embeds the training text, ``fresh_table`` (no cache) is timed, ``loader``
    makes it in the fresh process from ``sys.argv[2]`` (``table_path``)."""
    import tempfile

    from porchlight.language import behaviour, coach

    utts = tcm.load_annomi()
    texts = [u.text for u in utts]
    y = np.array([u.behaviour for u in utts])
    groups = np.array([u.transcript_id for u in utts])
    if table is None:
        table = load_table(table_path)[0]
    timed = fresh_table or table
    emb = np.array([table.encode(t[: behaviour.MAX_CHARS]) for t in texts])
    messages = _messages()
    res: dict = {"table_bytes": table_path.stat().st_size}
    load_code = (
        "import sys, time; t=time.perf_counter(); c=time.process_time();"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r});"
        "from porchlight.language import behaviour, embeddings, roadblocks;"
        f"tab = {loader} if sys.argv[2] else None;"
        "behaviour.BehaviourClassifier.load(sys.argv[1], tab); roadblocks.get_model();"
        "print(time.perf_counter()-t, time.process_time()-c)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, grid, e in (("without", tcm.GRID, None), ("with", embed_grid, emb)):
            oof = tcm.out_of_fold_scores(texts, y, groups, grid, emb=e)
            best = tcm.best_setting(tcm.macro_f1_by_setting(oof, y))
            t = tcm.fit_temperature(oof[best], np.array([LABELS.index(v) for v in y]))
            alpha = best[2] if len(best) > 2 else 0.0
            path = Path(tmp) / f"{name}.npz"
            tcm.export(tcm.train(utts, best[0], best[1], t, e, alpha), path, {})
            loads = []
            for _ in range(3):
                out = subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        load_code,
                        str(path),
                        str(table_path) if e is not None else "",
                    ],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                loads.append([float(v) for v in out.stdout.split()])
            _use_model(path, timed)
            coach.analyse_message("warm up")
            times, cpu = [], []
            for m in messages:
                started, c0 = time.perf_counter(), time.process_time()
                coach.analyse_message(m)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - c0)
            res[name] = {
                "setting": list(best),
                "load_s_fresh_process_median": round(statistics.median(w for w, _ in loads), 3),
                "load_cpu_s_fresh_process_median": round(statistics.median(c for _, c in loads), 3),
                "analyse_message_ms_median": round(statistics.median(times) * 1000, 2),
                "analyse_message_ms_p95": round(float(np.percentile(times, 95)) * 1000, 2),
                # CPU time of the one thread: what an idle core would take, near enough,
                # when other jobs share the machine.
                "analyse_message_cpu_ms_median": round(statistics.median(cpu) * 1000, 2),
                "analyse_message_cpu_ms_p95": round(float(np.percentile(cpu, 95)) * 1000, 2),
                "model_bytes": path.stat().st_size,
            }
            r = res[name]
            print(
                f"{name} embeddings: load {r['load_s_fresh_process_median']:.3f} s "
                f"(CPU {r['load_cpu_s_fresh_process_median']:.3f} s; fresh process, median of 3), "
                f"analyse_message median {r['analyse_message_ms_median']:.2f} ms, "
                f"p95 {r['analyse_message_ms_p95']:.2f} ms (CPU median "
                f"{r['analyse_message_cpu_ms_median']:.2f}, "
                f"p95 {r['analyse_message_cpu_ms_p95']:.2f})",
                flush=True,
            )
    _use_model(None)
    t0 = time.perf_counter()
    for m in messages:
        timed.encode(m)
    res["encode_ms_per_message"] = round((time.perf_counter() - t0) / len(messages) * 1000, 3)
    print(
        f"table {res['table_bytes'] / 1e6:.2f} MB; encode {res['encode_ms_per_message']} ms/message"
    )
    return res


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Conversation-coach benchmarks")
    parser.add_argument("--skip-cv", action="store_true", help="skip the AnnoMI cross-validation")
    parser.add_argument(
        "--command-only",
        action="store_true",
        help="only the nested CV through the command and the supporter behaviour check",
    )
    parser.add_argument(
        "--embeddings",
        type=Path,
        metavar="TABLE",
        help="with --command-only: add this static-embedding table (from "
        "scripts/distil_static_embeddings.py) to every head, and time it",
    )
    parser.add_argument(
        "--seeds", type=int, nargs="+", default=[tcm.SEED], help="fold seeds of the command CV"
    )
    parser.add_argument("--no-mix", action="store_true", help="skip the learned mix (faster)")
    parser.add_argument("--errors", action="store_true", help="list misanalysed sentences")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results: dict = {}
    if not args.skip_cv:
        for seed in args.seeds:
            key = "command" if seed == args.seeds[0] else f"command_seed{seed}"
            results[key] = command_cv(seed=seed, table_path=args.embeddings, mix=not args.no_mix)
        if len(args.seeds) > 1:
            keys = ["command"] + [f"command_seed{s}" for s in args.seeds[1:]]
            mean = float(np.mean([results[k]["command"]["macro_f1"] for k in keys]))
            rt = float(np.mean([results[k]["reflection_type"]["accuracy"] for k in keys]))
            results["command_mean_over_seeds"] = {"macro_f1": round(mean, 4), "rt_acc": rt}
            print(
                f"\nmean over fold seeds {args.seeds}: command macro-F1 {mean:.4f}, "
                f"simple vs complex accuracy {rt:.3f}"
            )
    if args.embeddings:
        results["latency_with_embeddings"] = embedding_latency(args.embeddings)
    results["supporter_behaviour_dev"] = supporter_behaviour(DEV_FILE)
    results["supporter_behaviour_eval"] = supporter_behaviour(EVAL_FILE)
    if args.command_only:
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        return 0
    if not args.skip_cv:
        results["behaviour"] = behaviour_cv()
    results["eval"] = evaluate_sentences(EVAL_FILE, args.errors)
    results["eval_patterns_only"] = evaluate_sentences(EVAL_FILE, False, learned=False)
    results["dev"] = evaluate_sentences(DEV_FILE, args.errors)
    results["learned_roadblocks_cv_dev"] = learned_roadblock_cv()
    results["latency"] = latency()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
