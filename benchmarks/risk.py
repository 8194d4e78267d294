"""Benchmark the risk detector against a labelled JSONL set.

    .venv/bin/python benchmarks/risk.py [--data PATH] [--json] [--show-errors]

Each line of the data file is {"id", "text", "level", "categories", "who",
"note"}. Prints recall, false alarms, the confusion matrix and latency, and
exits non-zero if a target is missed. Tune on risk_dev.jsonl only; the
evaluation set (risk_eval.jsonl, the default) is for reporting.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from porchlight.language.risk import LEVELS, analyse  # noqa: E402

DEFAULT_DATA = ROOT / "benchmarks" / "data" / "risk_eval.jsonl"
SERIOUS = frozenset({"act_now", "urgent"})

# Targets: missing any is a failing run.
TARGETS = {
    "recall_serious": (">=", 0.98),
    "recall_act_now": (">=", 0.90),
    "false_alarm_serious": ("<=", 0.05),
    "watch_as_act_now": ("<=", 0),
    "latency_median_ms": ("<", 5.0),
}


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    level: str
    categories: tuple[str, ...]
    who: str


def load(path: Path) -> list[Item]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row["level"] not in LEVELS:
            raise SystemExit(f"{path}:{number}: unknown level {row['level']!r}")
        items.append(
            Item(row["id"], row["text"], row["level"], tuple(row.get("categories", [])), row["who"])
        )
    return items


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def latency(items: list[Item], repeats: int) -> tuple[float, float]:
    """Median and p95 per-text latency in ms over `repeats` passes."""
    samples = []
    for _ in range(repeats):
        for item in items:
            started = time.perf_counter()
            analyse(item.text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def evaluate(items: list[Item], repeats: int) -> dict[str, Any]:
    predictions = {item.id: analyse(item.text) for item in items}
    confusion: Counter[tuple[str, str]] = Counter()
    for item in items:
        confusion[(item.level, predictions[item.id].level)] += 1

    def count(gold: set[str] | frozenset[str], predicted: set[str] | frozenset[str]) -> int:
        return sum(n for (g, p), n in confusion.items() if g in gold and p in predicted)

    serious = count(SERIOUS, set(LEVELS))
    act_now = count({"act_now"}, set(LEVELS))
    none = count({"none"}, set(LEVELS))
    non_none = [item for item in items if item.level != "none"]
    who_right = sum(
        predictions[i.id].who == i.who for i in non_none if predictions[i.id].level != "none"
    )
    who_total = sum(predictions[i.id].level != "none" for i in non_none)
    gold_cats = Counter()
    tp = fp = fn = 0
    for item in items:
        predicted = set(predictions[item.id].categories)
        gold = set(item.categories)
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        gold_cats.update(gold)
    median_ms, p95_ms = latency(items, repeats)
    long_text = " ".join(item.text for item in items)[:20000]
    started = time.perf_counter()
    analyse(long_text)
    long_ms = (time.perf_counter() - started) * 1000
    return {
        "n": len(items),
        "by_level": {level: count({level}, set(LEVELS)) for level in LEVELS},
        "recall_serious": ratio(count(SERIOUS, SERIOUS), serious),
        "recall_act_now": ratio(count({"act_now"}, {"act_now"}), act_now),
        "false_alarm_serious": ratio(count({"none"}, SERIOUS), none),
        "false_alarm_any": ratio(count({"none"}, {"watch", *SERIOUS}), none),
        "watch_as_act_now": count({"watch"}, {"act_now"}),
        "exact_level_accuracy": ratio(sum(confusion[(lv, lv)] for lv in LEVELS), len(items)),
        "who_accuracy_when_flagged": ratio(who_right, who_total),
        "category_precision": ratio(tp, tp + fp),
        "category_recall": ratio(tp, tp + fn),
        "confusion": {g: {p: confusion[(g, p)] for p in LEVELS} for g in LEVELS},
        "latency_median_ms": median_ms,
        "latency_p95_ms": p95_ms,
        "latency_20000_chars_ms": long_ms,
        "repeats": repeats,
        "errors": [
            {
                "id": item.id,
                "gold": item.level,
                "predicted": predictions[item.id].level,
                "text": item.text,
            }
            for item in items
            if item.level != predictions[item.id].level
        ],
    }


def missed_targets(report: dict[str, Any]) -> list[str]:
    missed = []
    for key, (op, target) in TARGETS.items():
        value = report[key]
        ok = value >= target if op == ">=" else value <= target if op == "<=" else value < target
        if not ok:
            missed.append(f"{key} = {value:.4g} (target {op} {target})")
    return missed


def print_table(report: dict[str, Any], path: Path, show_errors: bool) -> None:
    pct = "{:.1%}".format
    print(f"Risk detector benchmark: {path.name}")
    print(f"n = {report['n']}  ({', '.join(f'{k} {v}' for k, v in report['by_level'].items())})")
    print()
    rows = [
        (
            "recall act_now+urgent (caught as act_now/urgent)",
            pct(report["recall_serious"]),
            ">= 98%",
        ),
        ("act-now recall (act_now as act_now)", pct(report["recall_act_now"]), ">= 90%"),
        ("false alarms: none -> act_now/urgent", pct(report["false_alarm_serious"]), "<= 5%"),
        ("false alarms: none -> any non-none", pct(report["false_alarm_any"]), "(info)"),
        ("watch -> act_now", str(report["watch_as_act_now"]), "0"),
        ("exact level accuracy", pct(report["exact_level_accuracy"]), "(info)"),
        (
            "who accuracy (flagged, labelled at risk)",
            pct(report["who_accuracy_when_flagged"]),
            "(info)",
        ),
        (
            "category precision / recall",
            f"{pct(report['category_precision'])} / {pct(report['category_recall'])}",
            "(info)",
        ),
        ("latency median (ms)", f"{report['latency_median_ms']:.3f}", "< 5"),
        ("latency p95 (ms)", f"{report['latency_p95_ms']:.3f}", "(info)"),
        ("one 20,000-char text (ms)", f"{report['latency_20000_chars_ms']:.1f}", "(info)"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  {'value':>15}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>15}  {target}")
    print()
    print("confusion (rows = gold, columns = predicted)")
    print(f"{'':>9}" + "".join(f"{p:>9}" for p in LEVELS))
    for gold in LEVELS:
        print(f"{gold:>9}" + "".join(f"{report['confusion'][gold][p]:>9}" for p in LEVELS))
    print(f"\nlatency over {report['repeats']} passes of every text (time.perf_counter)")
    if show_errors:
        print("\nerrors (gold -> predicted):")
        for error in report["errors"]:
            print(f"  {error['id']}: {error['gold']} -> {error['predicted']}: {error['text']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--repeats", type=int, default=20, help="latency passes over the set")
    parser.add_argument("--show-errors", action="store_true", help="list every level mismatch")
    args = parser.parse_args(argv)
    report = evaluate(load(args.data), args.repeats)
    missed = missed_targets(report)
    if args.json:
        report["missed_targets"] = missed
        if not args.show_errors:
            report.pop("errors")
        print(json.dumps(report, indent=2))
    else:
        print_table(report, args.data, args.show_errors)
        print()
        print("all targets met" if not missed else "MISSED: " + "; ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
