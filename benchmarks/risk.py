"""Benchmark the risk detector through the product's own function, per data set.

    .venv/bin/python benchmarks/risk.py                 # train CV and dev
    .venv/bin/python benchmarks/risk.py --set test      # the newest blind test set (score it once)
    .venv/bin/python benchmarks/risk.py --set test --file benchmarks/data/risk/test_w11.jsonl
    .venv/bin/python benchmarks/risk.py --set dev --json

Every figure comes from ``porchlight.language.risk.analyse`` — the function
the app and ``porchlight risk`` call — with the model, the rules and the
fail-safe together.

Sets (``benchmarks/data/risk/``, see its README for who wrote what):

- ``train-cv``: the training corpus, leave one writer out: for each writer a
  model is trained on the other writers (``scripts/train_risk_model.py``) and
  that writer's texts are read through ``analyse`` with it;
- ``dev``: the development set (writer w4), read with the shipped model;
- ``test``: the blind test set, the newest ``test_w<N>.jsonl`` not retired into
  training (``--file`` names another). Nobody tuning the detector reads it; it is
  scored once, at the end, and reported as such. A retired set (``test_w5``,
  ``test_w6``, ``test_w9``: training data now) is refused.

Reports recall of act_now + urgent, act-now recall, false alarms, watch read
as act_now, per category and per voice; latency per entry (median and p95)
for entries of 1-200 words; model load time and resident memory. Texts are
never printed for dev or test, only counts of error kinds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_risk_model as trm  # noqa: E402

from porchlight.language import risk, risk_model  # noqa: E402
from porchlight.language.risk import LEVELS, analyse  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "risk"
SERIOUS = frozenset({"act_now", "urgent"})
Item = trm.Statement
RANK = {level: rank for rank, level in enumerate(LEVELS)}

# The targets, checked on the blind test set.
TARGETS = {
    "recall_serious": (">=", 0.97),
    "recall_act_now": (">=", 0.92),
    "false_alarm_serious": ("<=", 0.05),
    "watch_as_act_now": ("<=", 0.02),
    "latency_median_ms": ("<=", 15.0),
    "latency_p95_ms": ("<=", 50.0),
    "model_load_s": ("<=", 1.0),
}


def newest_test_file(directory: Path = DATA) -> Path:
    """The blind test set: the newest ``test_w<N>.jsonl`` not retired into training."""
    retired = set(trm.RETIRED_TEST_FILES)
    candidates = [
        p
        for p in directory.glob("test_w*.jsonl")
        if p.name not in retired and p.stem[len("test_w") :].isdigit()
    ]
    if not candidates:
        raise SystemExit(
            f"no blind test set in {directory}: every test_w*.jsonl there is retired into "
            f"training ({', '.join(sorted(retired))})"
        )
    return max(candidates, key=lambda p: int(p.stem[len("test_w") :]))


def load_file(path: Path) -> list[Item]:
    """A scoring set, refusing one whose statements are training data (a retired test set)."""
    if path.name in trm.RETIRED_TEST_FILES:
        raise SystemExit(f"{path.name} is retired into training: it cannot be scored as blind")
    items = trm.load_corpus(path.name, path.parent)
    training = {i.id for i in trm.load_training()}
    kept = [i for i in items if i.id not in training]
    if len(kept) < len(items):
        raise SystemExit(
            f"{path.name}: {len(items) - len(kept)} of its statements are training data"
        )
    return kept


def load(name: str, file: Path | None = None) -> list[Item]:
    if file is not None:
        return load_file(file)
    if name == "test":
        return load_file(newest_test_file())
    return load_file(DATA / "dev_w4.jsonl")


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def use_model(path: Path) -> None:
    """Point the product at another model file (the CV folds' models)."""
    risk_model.MODEL_PATH = path
    risk_model.model.cache_clear()
    risk._known_words.cache_clear()


def predict_train_cv() -> tuple[list[Item], dict[str, Any]]:
    statements = trm.load_training()
    items = statements
    predicted: dict[str, Any] = {}
    shipped = risk_model.MODEL_PATH
    meta = risk_model.model().linear.meta
    chosen_c, thresholds = meta["training"]["C"], meta["thresholds"]
    by_units = meta.get("thresholds_by_units", [])
    with tempfile.TemporaryDirectory() as tmp:
        for held in sorted({s.group for s in statements}):
            train = [s for s in statements if s.group != held]
            fitted = trm.fit(train, chosen_c)
            path = Path(tmp) / f"fold_{held}.npz"
            meta = {
                "heads": trm.heads(),
                "thresholds": thresholds,
                "thresholds_by_units": by_units,
                "category_threshold": trm.CATEGORY_THRESHOLD,
                "training": {"C": chosen_c},
            }
            trm.export(fitted, path, meta)
            use_model(path)
            for item in items:
                if item.group == held:
                    predicted[item.id] = analyse(item.text)
            print(f"  fold without {held} done", file=sys.stderr)
    use_model(shipped)
    return items, predicted


def score(items: list[Item], predicted: dict[str, str], results: dict | None = None) -> dict:
    confusion: Counter[tuple[str, str]] = Counter((i.level, predicted[i.id]) for i in items)

    def count(gold: set[str] | frozenset[str], got: set[str] | frozenset[str]) -> int:
        return sum(n for (g, p), n in confusion.items() if g in gold and p in got)

    every = set(LEVELS)
    report: dict[str, Any] = {
        "n": len(items),
        "by_level": {level: count({level}, every) for level in LEVELS},
        "recall_serious": ratio(count(SERIOUS, SERIOUS), count(SERIOUS, every)),
        "recall_act_now": ratio(count({"act_now"}, {"act_now"}), count({"act_now"}, every)),
        "false_alarm_serious": ratio(count({"none"}, SERIOUS), count({"none"}, every)),
        "false_alarm_any": ratio(count({"none"}, every - {"none"}), count({"none"}, every)),
        "watch_as_act_now": ratio(count({"watch"}, {"act_now"}), count({"watch"}, every)),
        "exact_level_accuracy": ratio(sum(confusion[(lv, lv)] for lv in LEVELS), len(items)),
        "confusion": {g: {p: confusion[(g, p)] for p in LEVELS} for g in LEVELS},
    }
    per_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_voice: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_voice_fa: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        caught = predicted[item.id] in SERIOUS
        if item.level in SERIOUS:
            for category in item.categories:
                per_category[category][0] += caught
                per_category[category][1] += 1
            per_voice[item.voice][0] += caught
            per_voice[item.voice][1] += 1
        elif item.level == "none":
            per_voice_fa[item.voice][0] += caught
            per_voice_fa[item.voice][1] += 1
    report["recall_serious_by_category"] = {
        k: f"{v[0]}/{v[1]}" for k, v in sorted(per_category.items())
    }
    report["recall_serious_by_voice"] = {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_voice.items())}
    report["false_alarm_by_voice"] = {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_voice_fa.items())}
    if results is not None:
        who_right = sum(
            results[i.id].who == i.who for i in items if i.level in SERIOUS and i.who != "unknown"
        )
        who_total = sum(1 for i in items if i.level in SERIOUS and i.who != "unknown")
        report["who_accuracy_serious"] = ratio(who_right, who_total)
        tp = fp = fn = 0
        for item in items:
            got, gold = set(results[item.id].categories), set(item.categories)
            tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
        report["category_precision"] = ratio(tp, tp + fp)
        report["category_recall"] = ratio(tp, tp + fn)
    return report


def latency(items: list[Item], repeats: int) -> dict[str, float]:
    """Median and p95 ms per entry of 1-200 words, over `repeats` passes."""
    texts = [i.text for i in items if 1 <= len(i.text.split()) <= 200]
    samples = []
    for _ in range(repeats):
        for text in texts:
            started = time.perf_counter()
            analyse(text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    long_text = " ".join(i.text for i in items)[:20000]
    started = time.perf_counter()
    analyse(long_text)
    return {
        "latency_median_ms": statistics.median(samples),
        "latency_p95_ms": samples[int(0.95 * (len(samples) - 1))],
        "latency_20000_chars_ms": (time.perf_counter() - started) * 1000,
        "latency_entries": len(texts),
    }


def load_cost() -> dict[str, float]:
    """Cold model load time and resident memory, in a fresh interpreter."""
    code = (
        "import resource,time;t=time.perf_counter();"
        "from porchlight.language import risk;risk.analyse('warm up');"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return {"model_load_s": float(out[0]), "resident_memory_mb": int(out[1]) / 1024}


def missed(report: dict[str, Any]) -> list[str]:
    out = []
    for key, (op, target) in TARGETS.items():
        if key not in report:
            continue
        value = report[key]
        ok = value >= target if op == ">=" else value <= target
        if not ok:
            out.append(f"{key} = {value:.4g} (target {op} {target})")
    return out


def false_alarm_layers(items: list[Item], results: dict) -> dict[str, int]:
    """For texts labelled none and read as urgent or act_now, which layer of ``analyse``
    set that level (model, rules or fail-safe). Counts only."""
    layers: Counter[str] = Counter(
        results[i.id].layer or "?"
        for i in items
        if i.level == "none" and results[i.id].level in SERIOUS
    )
    return dict(sorted(layers.items()))


def act_now_miss_layers(items: list[Item], results: dict) -> dict[str, int]:
    """For act_now texts read as urgent, which layer set urgent. Counts only."""
    layers: Counter[str] = Counter(
        results[i.id].layer or "?"
        for i in items
        if i.level == "act_now" and results[i.id].level == "urgent"
    )
    return dict(sorted(layers.items()))


def error_kinds(items: list[Item], predicted: dict[str, str]) -> Counter[str]:
    """Counts of (gold -> predicted, category, voice) for misses and false alarms; no text."""
    kinds: Counter[str] = Counter()
    for item in items:
        got = predicted[item.id]
        serious_miss = item.level in SERIOUS and got not in SERIOUS
        act_miss = item.level == "act_now" and got == "urgent"
        false_alarm = item.level == "none" and got in SERIOUS
        if serious_miss or act_miss or false_alarm:
            cats = ",".join(item.categories) or "-"
            kinds[f"{item.level}->{got} [{cats}] ({item.voice})"] += 1
    return kinds


def print_report(name: str, report: dict[str, Any], kinds: Counter[str] | None) -> None:
    pct = "{:.1%}".format
    print(f"\n== {name}: n = {report['n']} ({report['by_level']})")
    print(f"recall act_now+urgent      {pct(report['recall_serious'])}   (target >= 97%)")
    print(f"act-now recall             {pct(report['recall_act_now'])}   (target >= 92%)")
    print(f"false alarms none->serious {pct(report['false_alarm_serious'])}   (target <= 5%)")
    print(f"false alarms none->any     {pct(report['false_alarm_any'])}")
    print(f"watch -> act_now           {pct(report['watch_as_act_now'])}   (target <= 2%)")
    print(f"exact level accuracy       {pct(report['exact_level_accuracy'])}")
    for key in ("who_accuracy_serious", "category_precision", "category_recall"):
        if key in report:
            print(f"{key:<27}{pct(report[key])}")
    print("confusion (rows gold, columns predicted):")
    print(" " * 9 + "".join(f"{p:>9}" for p in LEVELS))
    for gold in LEVELS:
        print(f"{gold:>9}" + "".join(f"{report['confusion'][gold][p]:>9}" for p in LEVELS))
    print("recall of act_now+urgent by category:", report["recall_serious_by_category"])
    print("recall of act_now+urgent by voice:   ", report["recall_serious_by_voice"])
    print("false alarms by voice:                ", report["false_alarm_by_voice"])
    if "false_alarm_layers" in report:
        print("false alarms by the layer that set them:", report["false_alarm_layers"])
        print("act_now read as urgent, by layer:      ", report["act_now_as_urgent_layers"])
    if kinds:
        print("error kinds (gold->predicted [categories] (voice)):")
        for kind, n in kinds.most_common(25):
            print(f"  {n:>3}  {kind}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("train-cv", "dev", "test", "all"), default=None)
    parser.add_argument(
        "--file", type=Path, default=None, help="with --set test: score this file instead"
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeats", type=int, default=5, help="latency passes over the set")
    args = parser.parse_args(argv)
    chosen = ["train-cv", "dev"] if args.set is None else [args.set]
    if args.set == "all":
        chosen = ["train-cv", "dev", "test"]
    reports: dict[str, Any] = {}
    for name in chosen:
        if name == "train-cv":
            items, results = predict_train_cv()
            predicted = {k: v.level for k, v in results.items()}
            report = score(items, predicted, results)
        else:
            items = load(name, args.file if name == "test" else None)
            results = {i.id: analyse(i.text) for i in items}
            predicted = {k: v.level for k, v in results.items()}
            report = score(items, predicted, results)
            report.update(latency(items, args.repeats))
        report["false_alarm_layers"] = false_alarm_layers(items, results)
        report["act_now_as_urgent_layers"] = act_now_miss_layers(items, results)
        reports[name] = report
        if not args.json:
            print_report(name, report, error_kinds(items, predicted))
    cost = load_cost()
    final = reports.get("test") or reports.get("dev")
    if final is not None:
        final.update(cost)
    if args.json:
        print(json.dumps(reports, indent=2, default=str))
    else:
        print(
            f"\nmodel load {cost['model_load_s']:.2f} s cold, "
            f"resident memory {cost['resident_memory_mb']:.0f} MB"
        )
        for key in ("dev", "test"):
            if key in reports:
                r = reports[key]
                print(
                    f"{key}: latency median {r['latency_median_ms']:.2f} ms, "
                    f"p95 {r['latency_p95_ms']:.2f} ms over {r['latency_entries']} entries; "
                    f"one 20,000-character text {r['latency_20000_chars_ms']:.0f} ms"
                )
        gaps = missed(final) if final is not None else []
        print("targets met" if not gaps else "MISSED: " + "; ".join(gaps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
