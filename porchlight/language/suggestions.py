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

import yaml

from porchlight.language import patterns
from porchlight.language.roadblocks import ROADBLOCK_NAMES, Roadblock

PHRASES_DIR = Path(__file__).resolve().parent.parent / "content" / "phrases"
MAX_SUGGESTIONS = 3
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "prof", "mt"})


@cache
def _slots() -> dict:
    with open(PHRASES_DIR / "_slots.yaml", encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    return {
        "fallback": doc["fallback_topic"],
        "topics": [(re.compile(t["match"]), t["topic"]) for t in doc["topics"]],
        "unusable": [re.compile(u) for u in doc["unusable_action"]],
    }


@cache
def bank(roadblock: str) -> dict:
    """The phrase bank for one roadblock: ``instead`` (one line) and ``rewrites``."""
    if roadblock not in ROADBLOCK_NAMES:
        raise KeyError(roadblock)
    with open(PHRASES_DIR / f"{roadblock}.yaml", encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    if doc.get("roadblock") != roadblock:
        raise ValueError(f"{roadblock}.yaml names {doc.get('roadblock')!r}")
    return doc


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
