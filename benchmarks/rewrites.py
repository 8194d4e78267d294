"""Do the coach's rewrites keep what the message was about? (issue 13 part 3)

    .venv/bin/python benchmarks/rewrites.py            # the blind set, figures only
    .venv/bin/python benchmarks/rewrites.py --dev      # our own sentences, every rewrite shown

Every message goes through ``coach.analyse_message``, the function the app and
``porchlight coach`` call, and its ``suggestions`` (the three rewrites the
person sees) are measured:

- **keeps the topic**: the rewrite contains one of the message's ``topic_words``
  or the content words of its ``requested_action`` (case and simple endings
  ignored: "drinks" keeps "drinking");
- **free of roadblocks**: the rewrite, run back through ``analyse_message``, has
  none;
- **grammatical**: the Link Grammar parser (CMU; Debian's ``link-grammar``,
  installed by ``make system-packages``) finds a complete linkage, no word left
  out, for every sentence the coach wrote (the speaker's own sentences, kept
  as they were, are not judged);
- **different from each other**: no two of a message's rewrites share more
  than 60 % of their words (Jaccard over word sets), leaving out the sentences
  that every rewrite keeps from the message as it was written.

The blind set (``benchmarks/data/rewrites/``, 189 messages by a writer who never
saw the phrase banks) is reported as counts only: this script never prints its
text, so whoever tunes the rewrites does not read it. ``--dev`` runs the same
measures on our own supporter sentences (``coach_supporter_dev.jsonl``, no topic
labels, so no topic figure) and prints them, for tuning.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from porchlight.language.coach import analyse_message  # noqa: E402
from porchlight.language.sentences import split_sentences  # noqa: E402

BLIND = ROOT / "benchmarks" / "data" / "rewrites" / "test_w10.jsonl"
DEV = ROOT / "benchmarks" / "data" / "coach_supporter_dev.jsonl"
_WORD = re.compile(r"[a-z0-9']+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "for",
        "in",
        "on",
        "at",
        "with",
        "your",
        "my",
        "our",
        "his",
        "her",
        "their",
        "you",
        "me",
        "i",
        "it",
        "is",
        "be",
    ]
)


def _stem(word: str) -> str:
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stems(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


def keeps_topic(rewrite: str, topic_words: list[str], action: str | None) -> bool:
    have = _stems(rewrite)
    carriers = [*topic_words, *([action] if action else [])]
    return any(_stems(c) and _stems(c) <= have for c in carriers) or any(
        _stems(c) & have for c in topic_words
    )


def distinct(rewrites: list[str]) -> bool:
    """The parts that were rewritten differ: the sentences every rewrite keeps from the
    message (a shared start and end) are left out of the comparison."""
    if len(rewrites) < 2:
        return True
    head = len(os.path.commonprefix(rewrites))  # noqa: RUF071  by character, on purpose
    tail = len(os.path.commonprefix([r[::-1] for r in rewrites]))  # noqa: RUF071
    parts = [r[head : max(head, len(r) - tail)] for r in rewrites]
    sets = [set(_WORD.findall(p.lower())) for p in parts]
    return all(
        len(a & b) / max(len(a | b), 1) <= 0.6 for i, a in enumerate(sets) for b in sets[i + 1 :]
    )


def grammatical(sentences: list[str]) -> list[bool]:
    """Link Grammar's verdict for each sentence: a complete linkage, nothing left out."""
    if not sentences:
        return []
    commands = "!verbosity=1\n!graphics\n!timeout=5\n"
    parser = shutil.which("link-parser")
    if parser is None:
        raise RuntimeError("link-parser is missing: make system-packages installs it")
    result = subprocess.run(
        [parser],
        input=commands + "\n".join(s.replace("\n", " ") for s in sentences) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    # One "Found N linkages" line a sentence; when there is no complete linkage it is
    # preceded by "No complete linkages found." and says "at null count K".
    out: list[bool] = []
    failed = False
    for line in result.stdout.splitlines():
        if line.startswith("No complete linkages found"):
            out.append(False)
            failed = True
        elif line.startswith("Found ") and "linkage" in line:
            if not failed:
                out.append(True)
            failed = False
    if len(out) != len(sentences):
        raise RuntimeError(f"link-parser gave {len(out)} verdicts for {len(sentences)} sentences")
    return out


def _written(row: dict, rewrite: str) -> list[str]:
    """The sentences of a rewrite that the coach wrote (the speaker's own are not judged)."""
    own = row.get("message") or row["text"]
    return [s.text for s in split_sentences(rewrite) if s.text not in own]


def measure(rows: list[dict], *, show: bool) -> dict:
    counts: Counter[str] = Counter()
    by_writer: dict[str, Counter[str]] = {}
    pending: list[tuple[dict, list[str]]] = []
    for row in rows:
        text = row.get("message") or row["text"]
        result = analyse_message(text)
        rewrites = result.suggestions
        counts["messages"] += 1
        if result.roadblocks:
            counts["with a roadblock"] += 1
        if not rewrites:
            continue
        counts["with rewrites"] += 1
        counts["fewer than three"] += len(rewrites) < 3
        pending.append((row, rewrites))
    sentences = [s for row, rewrites in pending for r in rewrites for s in _written(row, r)]
    verdicts = iter(grammatical(sentences)) if shutil.which("link-parser") else None
    for row, rewrites in pending:
        writer = by_writer.setdefault(row.get("writer", "dev"), Counter())
        counts["distinct"] += distinct(rewrites)
        for rewrite in rewrites:
            counts["rewrites"] += 1
            writer["rewrites"] += 1
            clean = not analyse_message(rewrite).roadblocks
            counts["free of roadblocks"] += clean
            # a list, not a generator: every verdict of this rewrite must be taken from the iterator
            ok = all([next(verdicts) for _ in _written(row, rewrite)]) if verdicts else None  # noqa: C419
            counts["grammatical"] += bool(ok)
            kept = None
            if "topic_words" in row:
                kept = keeps_topic(rewrite, row["topic_words"], row.get("requested_action"))
                counts["keeps the topic"] += kept
                writer["keeps the topic"] += kept
            if show:
                flags = ("" if clean else " [ROADBLOCK]") + (
                    "" if ok or ok is None else " [GRAMMAR]"
                )
                topic = "" if row.get("topic_words") is None or kept else " [TOPIC]"
                print(f"{row.get('message') or row['text']}\n  -> {rewrite}{flags}{topic}")
    n = counts["rewrites"] or 1
    report = {
        "messages": counts["messages"],
        "with a roadblock": counts["with a roadblock"],
        "with rewrites": counts["with rewrites"],
        "with fewer than three rewrites": counts["fewer than three"],
        "rewrites": counts["rewrites"],
        "free of roadblocks": round(counts["free of roadblocks"] / n, 3),
        "grammatical (Link Grammar)": round(counts["grammatical"] / n, 3) if verdicts else None,
        "messages whose rewrites differ": round(counts["distinct"] / max(len(pending), 1), 3),
    }
    if rows and "topic_words" in rows[0]:
        report["keeps the topic"] = round(counts["keeps the topic"] / n, 3)
        report["keeps the topic, by writer"] = {
            w: round(c["keeps the topic"] / c["rewrites"], 3) for w, c in sorted(by_writer.items())
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", action="store_true", help="our own sentences, shown in full")
    parser.add_argument("--file", type=Path, help="another labelled set (default: the blind set)")
    parser.add_argument(
        "--show", action="store_true", help="print every rewrite (never on a test set)"
    )
    args = parser.parse_args()
    path = DEV if args.dev else args.file or BLIND
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if args.dev:
        rows = [r for r in rows if r["roadblocks"]]
    print(json.dumps(measure(rows, show=args.dev or args.show), indent=2))


if __name__ == "__main__":
    main()
