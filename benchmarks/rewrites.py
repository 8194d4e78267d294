"""Do the coach's rewrites keep what the message was about? (issue 13 part 3)

    .venv/bin/python benchmarks/rewrites.py                 # the newest blind set, counts only
    .venv/bin/python benchmarks/rewrites.py --file F.jsonl  # another set; counts only
    .venv/bin/python benchmarks/rewrites.py --dev-set all   # every dev_w<N> set, every failure
    .venv/bin/python benchmarks/rewrites.py --dev-set w14   # one dev set: w8, w10, w12, w14
    .venv/bin/python benchmarks/rewrites.py --dev           # our own sentences, every rewrite

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

A blind set (``benchmarks/data/rewrites/test_w<N>.jsonl``, by a writer who never
saw the phrase banks; the newest is the default) is reported as counts only:
this script never prints a test set's text or ids (``--show`` is refused for a
``test_*`` file), so whoever tunes the rewrites does not read it. A spent blind
set becomes a development set (``dev_w<N>.jsonl``); ``--dev-set`` runs one of
them (or ``all``) and prints, for each message id that fails, the failure kind
and the rewrite: ``topic:fallback`` (no phrase of the message was found, the
neutral wording was used), ``topic:other-phrase`` (a phrase of the message was
kept, not the one it is about), ``topic:dropped`` (the rewrite kept nothing of
the message's own words), ``grammar`` (with the sentence Link Grammar could
not link), ``roadblock`` and ``same`` (two rewrites too alike). ``--dev`` runs
the same measures on our own supporter sentences (``coach_supporter_dev.jsonl``,
no topic labels, so no topic figure) and prints them, for tuning.

``--speed`` adds the median and p95 time of ``analyse_message`` over the set's
messages (each run three times, after one warm-up run).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from porchlight.language import topics  # noqa: E402
from porchlight.language.coach import analyse_message  # noqa: E402
from porchlight.language.sentences import split_sentences  # noqa: E402
from porchlight.language.suggestions import fallback_topic  # noqa: E402

SETS = ROOT / "benchmarks" / "data" / "rewrites"
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


def _topic_failure(row: dict, rewrite: str) -> str:
    """Why a rewrite lost the topic (see the module docstring)."""
    if fallback_topic() in rewrite:
        return "topic:fallback"
    own = [p.text.lower() for s in split_sentences(row["message"]) for p in topics.phrases(s.text)]
    lowered = rewrite.lower()
    return "topic:other-phrase" if any(p in lowered for p in own) else "topic:dropped"


def measure(
    rows: list[dict], *, show: bool, failures: list[tuple[str, str, str]] | None = None
) -> dict:
    """The figures for ``rows``; with ``failures``, every failing rewrite is appended to it as
    ``(id, kind, detail)`` (development sets only: the detail is the rewrite's text)."""
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
        ident = str(row.get("id", "?"))
        writer = by_writer.setdefault(row.get("writer", "dev"), Counter())
        differ = distinct(rewrites)
        counts["distinct"] += differ
        if failures is not None and not differ:
            failures.append((ident, "same", " | ".join(rewrites)))
        for rewrite in rewrites:
            counts["rewrites"] += 1
            writer["rewrites"] += 1
            clean = not analyse_message(rewrite).roadblocks
            counts["free of roadblocks"] += clean
            written = _written(row, rewrite)
            # a list, not a generator: every verdict of this rewrite must be taken from the iterator
            parsed = [next(verdicts) for _ in written] if verdicts else None
            ok = all(parsed) if parsed is not None else None
            counts["grammatical"] += bool(ok)
            kept = None
            if "topic_words" in row:
                kept = keeps_topic(rewrite, row["topic_words"], row.get("requested_action"))
                counts["keeps the topic"] += kept
                writer["keeps the topic"] += kept
            if failures is not None:
                if kept is False:
                    failures.append((ident, _topic_failure(row, rewrite), rewrite))
                if parsed is not None and not ok:
                    bad = [w for w, good in zip(written, parsed, strict=True) if not good]
                    failures.extend((ident, "grammar", b) for b in bad)
                if not clean:
                    failures.append((ident, "roadblock", rewrite))
            if show:
                flags = ("" if clean else " [ROADBLOCK]") + (
                    "" if ok or ok is None else " [GRAMMAR]"
                )
                topic = "" if row.get("topic_words") is None or kept else " [TOPIC]"
                print(f"{row.get('message') or row['text']}\n  -> {rewrite}{flags}{topic}")
    n = counts["rewrites"] or 1
    report: dict = {
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


def speed(rows: list[dict], repeats: int = 3) -> dict:
    """Median and p95 milliseconds of ``analyse_message`` over the messages."""
    texts = [row.get("message") or row["text"] for row in rows]
    for text in texts:  # warm-up: models loaded, caches filled as in a running app
        analyse_message(text)
    times = []
    for _ in range(repeats):
        for text in texts:
            began = time.perf_counter()
            analyse_message(text)
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return {
        "analyse_message median ms": round(statistics.median(times), 2),
        "analyse_message p95 ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "timed runs": len(times),
    }


def newest_test_file(directory: Path = SETS) -> Path:
    """The blind set: the newest ``test_w<N>.jsonl`` (spent ones are renamed ``dev_w<N>``)."""
    candidates = [p for p in directory.glob("test_w*.jsonl") if p.stem[len("test_w") :].isdigit()]
    if not candidates:
        raise SystemExit(f"no blind set (test_w<N>.jsonl) in {directory}; pass --file")
    return max(candidates, key=lambda p: int(p.stem[len("test_w") :]))


def dev_files(name: str, directory: Path = SETS) -> list[Path]:
    """``all`` (every dev_w<N>.jsonl), ``w10``, or a path to a development set."""
    if name == "all":
        return sorted(directory.glob("dev_w*.jsonl"))
    path = directory / f"dev_{name}.jsonl"
    path = path if path.exists() else Path(name)
    if path.name.startswith("test_"):
        raise SystemExit(f"{path.name} is a blind set: it is scored with --file, counts only")
    if not path.exists():
        raise SystemExit(f"no development set {name!r} in {directory}")
    return [path]


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--dev", action="store_true", help="our own sentences, shown in full")
    group.add_argument(
        "--dev-set",
        metavar="NAME",
        help="a development set (w8, w10, w12, w14, all): every failure by id",
    )
    group.add_argument("--file", type=Path, help="another labelled set (default: the blind set)")
    parser.add_argument(
        "--show", action="store_true", help="print every rewrite (never on a test set)"
    )
    parser.add_argument("--speed", action="store_true", help="also time analyse_message")
    args = parser.parse_args()
    failures: list[tuple[str, str, str]] | None = None
    if args.dev:
        rows = [r for r in _read(DEV) if r["roadblocks"]]
        show = True
    elif args.dev_set:
        rows = [row for path in dev_files(args.dev_set) for row in _read(path)]
        failures, show = [], args.show
    else:
        path = args.file or newest_test_file()
        if args.show and path.name.startswith("test_"):
            raise SystemExit(f"{path.name} is a blind set: its text is never printed")
        rows, show = _read(path), args.show
    report = measure(rows, show=show, failures=failures)
    if failures is not None:
        for ident, kind, detail in failures:
            print(f"{ident}\t{kind}\t{detail}")
        report["failures by kind"] = dict(sorted(Counter(k for _, k, _ in failures).items()))
    if args.speed:
        report.update(speed(rows))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
