"""Better ways to say it: rewrites from the phrase banks in content/phrases/.

Each roadblock has a YAML file of rewrites, written to keep the speaker's
meaning (the worry, the wish, the limit) while dropping the roadblock. A
rewrite may use two slots:

- ``{action}``: what the sentence asked them to do, captured by the roadblock
  pattern ("You need to stop drinking" -> "stop drinking");
- ``{topic}``: what the sentence is about ("the drinking", "the house"),
  from the topic patterns in ``_slots.yaml``, with a neutral fallback.

Choice is deterministic: rewrites whose slots can be filled, in file order,
the leading roadblock first, then one from the next roadblock if there is one.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.language import patterns
from porchlight.language.roadblocks import ROADBLOCK_NAMES, Roadblock

PHRASES_DIR = Path(__file__).resolve().parent.parent / "content" / "phrases"
MAX_SUGGESTIONS = 3
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "prof", "mt"})


class PhrasesError(ContentDataError):
    """A phrase bank is broken; the message names the file and the rewrite."""


def _pattern(read: Reader, raw: Any, where: str) -> re.Pattern[str]:
    if not isinstance(raw, str) or not raw:
        read.fail(where, "a pattern must be non-empty text")
    try:
        return re.compile(raw)
    except re.error as error:
        read.fail(where, f"bad pattern {raw!r}: {error}")


@cache
def _slots(directory: Path = PHRASES_DIR) -> dict:
    read = Reader("_slots.yaml", PhrasesError)
    doc = read.fields(
        read_yaml(directory / "_slots.yaml", PhrasesError),
        "",
        required=("fallback_topic", "topics", "unusable_action"),
    )
    topics = []
    for index, item in enumerate(read.items(doc["topics"], "topics")):
        entry = read.fields(item, f"topics[{index}]", required=("match", "topic"))
        topics.append(
            (_pattern(read, entry["match"], f"topics[{index}]"), read.text(entry, "topic", ""))
        )
    return {
        "fallback": read.text(doc, "fallback_topic", ""),
        "topics": topics,
        "unusable": [
            _pattern(read, u, "unusable_action")
            for u in read.items(doc["unusable_action"], "unusable_action")
        ],
    }


@cache
def bank(roadblock: str, directory: Path = PHRASES_DIR) -> dict:
    """The phrase bank for one roadblock: ``instead`` (one line) and ``rewrites``."""
    if roadblock not in ROADBLOCK_NAMES:
        raise KeyError(roadblock)
    name = f"{roadblock}.yaml"
    read = Reader(name, PhrasesError)
    doc = read.fields(
        read_yaml(directory / name, PhrasesError),
        "",
        required=("roadblock", "instead", "rewrites"),
    )
    if doc["roadblock"] != roadblock:
        read.fail("roadblock", f"names {doc['roadblock']!r}, not {roadblock!r}")
    read.text(doc, "instead", "")
    for index, item in enumerate(read.items(doc["rewrites"], "rewrites")):
        where = f"rewrites[{index}]"
        entry = read.fields(item, where, required=("text",), optional=("needs",))
        read.text(entry, "text", where)
        needs = entry.get("needs") or []
        if not isinstance(needs, list) or not set(needs) <= {"action", "topic"}:
            read.fail(where, "needs must list slots from: action, topic")
        try:
            entry["text"].format(**dict.fromkeys(("action", "topic"), "x"))
        except (KeyError, IndexError, ValueError) as error:
            read.fail(where, f"text uses an unknown slot: {error}")
    return dict(doc)


def load_all(directory: Path = PHRASES_DIR) -> None:
    """Load every phrase bank and the slots file (the start-up content check)."""
    _slots(directory)
    for roadblock in ROADBLOCK_NAMES:
        bank(roadblock, directory)


def topic_of(canonical_text: str) -> str:
    for pattern, topic in _slots()["topics"]:
        if pattern.search(canonical_text):
            return topic
    return _slots()["fallback"]


def usable_action(action: str | None) -> str | None:
    if not action:
        return None
    action = action.strip()
    words = action.split()
    if not 1 <= len(words) <= 10:
        return None
    lowered = action.lower()
    if any(p.search(lowered) for p in _slots()["unusable"]):
        return None
    if words[-1].lower() in _ABBREVIATIONS:  # "see Dr." was cut at the abbreviation's dot
        return None
    if words[0][0].isupper() and not (words[0].isupper() and len(words[0]) > 1):
        action = action[0].lower() + action[1:]  # "Cheer up" at the start of a sentence
    return action


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[:1].upper() + text[1:]


def suggest(
    sentence: str, roadblocks: list[Roadblock], canon: patterns.Canonical | None = None
) -> list[str]:
    """Up to three rewrites of ``sentence``; [] when it has no roadblock."""
    if not roadblocks:
        return []
    canon = canon or patterns.canonical(sentence)
    action = next((a for r in roadblocks if (a := usable_action(r.action))), None)
    slots = {"topic": topic_of(canon.text)}
    if action:
        slots["action"] = action
    out: list[str] = []
    per_roadblock = [MAX_SUGGESTIONS - 1, 1] if len(roadblocks) > 1 else [MAX_SUGGESTIONS]
    names = [r.name for r in roadblocks][: len(per_roadblock)]
    for name, quota in zip(names, per_roadblock, strict=False):
        taken = 0
        for rewrite in bank(name)["rewrites"]:
            if taken >= quota:
                break
            if not set(rewrite.get("needs") or []) <= slots.keys():
                continue
            text = _fill(rewrite["text"], slots)
            if text not in out:
                out.append(text)
                taken += 1
    # top up from the leading roadblock if the second one had nothing usable
    for rewrite in bank(names[0])["rewrites"]:
        if len(out) >= MAX_SUGGESTIONS:
            break
        if set(rewrite.get("needs") or []) <= slots.keys():
            text = _fill(rewrite["text"], slots)
            if text not in out:
                out.append(text)
    return out[:MAX_SUGGESTIONS]
