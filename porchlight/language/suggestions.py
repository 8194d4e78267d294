"""Better ways to say it: rewrites from the phrase banks in content/phrases/.

Each roadblock has a YAML file of rewrites, written to keep the speaker's
meaning (the worry, the wish, the limit) while dropping the roadblock. A
rewrite may use three slots:

- ``{action}``: what the sentence asked them to do, captured by the roadblock
  pattern ("You need to stop drinking" -> "stop drinking");
- ``{behaviour}``: what they did, the clause copied from the sentence without
  its "always" or "can't" ("You always cancel" -> "you cancel"; see
  ``behaviours.py``), for a message whose verb is what it is about;
- ``{topic}``: what the sentence is about ("the drinking", "the house"),
  from the topic patterns in ``_slots.yaml``, with a neutral fallback.

Choice is deterministic: rewrites whose slots can be filled, those carrying the
speaker's words first (action, then behaviour, then topic), in file order,
the leading roadblock first, then one from the next roadblock if there is one.
"""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.language import behaviours, patterns, roadblocks, topics
from porchlight.language.roadblocks import ROADBLOCK_NAMES, Roadblock
from porchlight.language.sentences import split_sentences

PHRASES_DIR = Path(__file__).resolve().parent.parent / "content" / "phrases"
MAX_SUGGESTIONS = 3
SLOTS = ("action", "behaviour", "topic")
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
        if not isinstance(needs, list) or not set(needs) <= set(SLOTS):
            read.fail(where, "needs must list slots from: " + ", ".join(SLOTS))
        if "behaviour" in _uses(entry["text"]) and "behaviour" not in needs:
            read.fail(where, "a rewrite using {behaviour} needs: [behaviour]")
        try:
            entry["text"].format(**dict.fromkeys(SLOTS, "x"))
        except (KeyError, IndexError, ValueError) as error:
            read.fail(where, f"text uses an unknown slot: {error}")
    return dict(doc)


def load_all(directory: Path = PHRASES_DIR) -> None:
    """Load every phrase bank and the slots file (the start-up content check)."""
    _slots(directory)
    for roadblock in ROADBLOCK_NAMES:
        bank(roadblock, directory)


def topic_of(canonical_text: str) -> str:
    """A stock phrase for the concern the text names, or the neutral fallback."""
    return keyword_topic(canonical_text) or _slots()["fallback"]


def keyword_topic(canonical_text: str) -> str | None:
    for pattern, topic in _slots()["topics"]:
        if pattern.search(canonical_text):
            return topic
    return None


@cache
def _concern() -> re.Pattern[str]:
    """One pattern for every concern word, to prefer phrases that name the worry."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in _slots()["topics"]))


def find_topic(sentence: str, canonical_text: str, context: str = "") -> str | None:
    """What the sentence is about: a noun phrase of its own first, then the concern it names,
    then a person, name or bare noun of its own ("your mother", "Tyler", "insta"), then the
    same from the rest of the message."""
    return (
        topics.own_words_topic(sentence, _concern(), weak=False)
        or keyword_topic(canonical_text)
        or topics.own_words_topic(sentence, _concern())
        or (topics.own_words_topic(context, _concern()) if context else None)
    )


# Where an order carries a threat or a condition, the action stops: "Go to a
# meeting or don't come home" asks for "go to a meeting".
_ACTION_CUT = re.compile(
    r"\s*(?:,\s*)?\b(?:or else|or|otherwise|before|unless|if|because|so that|or i|(?<!a )while|"
    r"that (?=(?:the|he|she|they|i|you|it|we|my|your|his|her|there)\b)|"
    r"(?:it'?s|that'?s|i'?m) (?=not\b))\b.*$",  # a new clause: "eat the sandwich its not going to"
    re.IGNORECASE,
)
# Said to them, not asked of them: urgency, texting time words and terms of address at the
# end of an order ("put them back tmrw", "eat the sandwich babe").
_URGENCY = re.compile(
    r"(?:,?\s*\b(?:now|right now|right away|immediately|already|for once|"
    r"for god'?s sake|today|this minute|asap|then|please|pls|plz|rn|tmrw|tmr|the morn|"
    r"babe|hun|bro|bruh|bru|dude|lah|leh|eh|omg|lol|sweetie|darling)\b)+\s*$"
    r"|,\s*(?:mate|love|dear|man|son|pal)\s*$",
    re.IGNORECASE,
)
_CONJUNCTS = re.compile(r"\s*(?:,\s*and|\band|,)\s+", re.IGNORECASE)


_DANGLING = frozenset({"a", "an", "the", "such", "to", "of", "for", "with", "your", "my"})


def usable_action(action: str | None) -> str | None:
    """The part of an order that can be asked for kindly, or None.

    Threats and conditions are cut off, urgency words dropped, and a put-down
    joined by "and" ("stop making excuses and get help") leaves the request.
    """
    if not action:
        return None
    action = _URGENCY.sub("", _ACTION_CUT.sub("", action.strip().rstrip(".!?"))).strip(" ,")
    split = [_URGENCY.sub("", p).strip(" ,") for p in _CONJUNCTS.split(action)]
    parts = [p for p in split if p and _usable_part(p)]
    if not parts:
        return None
    if len(parts) > 1 and len(parts) != len(split):
        parts = parts[-1:]  # a put-down was dropped: keep the request after it
    action = re.sub(
        r"^to\s+", "", " and ".join(parts), flags=re.IGNORECASE
    )  # "(you need) to clear"
    words = action.split()
    if not 1 <= len(words) <= 10 or words[-1].lower() in _DANGLING:
        return None  # "quit being such a": cut short
    if words[0][0].isupper() and not (words[0].isupper() and len(words[0]) > 1):
        action = action[0].lower() + action[1:]  # "Cheer up" at the start of a sentence
    return action


def _usable_part(part: str) -> bool:
    words = part.split()
    if not words or any(p.search(part.lower()) for p in _slots()["unusable"]):
        return False
    return words[-1].lower() not in _ABBREVIATIONS  # "see Dr." was cut at the abbreviation's dot


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[:1].upper() + text[1:]


def _uses(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def suggest(
    sentence: str,
    roadblocks: list[Roadblock],
    canon: patterns.Canonical | None = None,
    context: str = "",
) -> list[str]:
    """Up to three rewrites of ``sentence``; [] when it has no roadblock.

    Slots come from the speaker's own words (the action they asked for, the
    thing the sentence is about; ``context`` is the whole message, for a
    sentence that names nothing itself). Rewrites that carry those words come
    first, so the subject is kept; a rewrite that would need the neutral
    fallback topic comes only after them.
    """
    if not roadblocks:
        return []
    canon = canon or patterns.canonical(sentence)
    own: dict[str, str] = {}
    actions = [a for r in roadblocks if (a := usable_action(r.action))]
    if actions:  # the request that names most ("stop counting calories", not "act like it")
        own["action"] = max(actions, key=lambda a: len(topics.content_words(a)))
    if topic := find_topic(sentence, canon.text, context):
        own["topic"] = topic
    if did := behaviours.behaviour(sentence):
        own["behaviour"] = did
    slots = {"topic": _slots()["fallback"], **own}
    # a topic in the speaker's words, not a stock one, before an action that names nothing
    in_words = topic is not None and topic.lower() in f"{sentence} {context}".lower()
    order = ["action", "behaviour", "topic"]
    if in_words and _names_nothing(own.get("action", "")):
        order = ["behaviour", "topic", "action"]

    def ranked(name: str) -> list[str]:
        usable = [
            r["text"] for r in bank(name)["rewrites"] if set(r.get("needs") or []) <= own.keys()
        ]
        # carries the speaker's words first (the action, what they did, the topic; an action
        # that names nothing, "put them back", last), then the rest, in file order
        return sorted(
            usable, key=lambda t: min([order.index(n) for n in _uses(t) & own.keys()] or [9])
        )

    def carries(template: str) -> bool:
        return bool(_uses(template) & own.keys())

    out: list[str] = []

    # Rewrites that describe what they did: two at most, or they read alike; one when the
    # sentence names a thing of its own too ("drinking every night ... your health").
    told: list[str] = []
    describing = 1 if topics.own_words_topic(sentence, _concern(), weak=False) else 2

    def take(templates: list[str], quota: int) -> None:
        for template in templates:
            text = _fill(template, slots)
            describes = "behaviour" in _uses(template)
            if describes and len(told) >= describing:
                continue
            if quota and len(out) < MAX_SUGGESTIONS and text not in out and _reads_clean(text):
                out.append(text)
                told.extend([text] if describes else [])
                quota -= 1

    kinds = list(dict.fromkeys(r.name for r in roadblocks))
    per_roadblock = [MAX_SUGGESTIONS - 1, 1] if len(kinds) > 1 else [MAX_SUGGESTIONS]
    names = kinds[: len(per_roadblock)]
    # 1. rewrites carrying the speaker's words, the leading roadblock's first, then the next's;
    # 2. more of those from any roadblock found; 3. only then the ones that carry nothing.
    for name, quota in zip(names, per_roadblock, strict=False):
        take([t for t in ranked(name) if carries(t)], quota)
    for name in kinds:
        take([t for t in ranked(name) if carries(t)], MAX_SUGGESTIONS)
    for name in names:
        take(ranked(name), MAX_SUGGESTIONS)
    return out[:MAX_SUGGESTIONS]


# An order whose words after the verb are only these names no thing ("put them back",
# "delete it", "go out"): the thing the sentence is about is the better slot.
_NAMES_NOTHING = topics.words(
    "it them this that these those everything something back away out up down off over in"
)


def _names_nothing(action: str) -> bool:
    rest = action.lower().split()[1:]
    return bool(rest) and all(w in _NAMES_NOTHING for w in rest)


@lru_cache(maxsize=4096)
def _reads_clean(rewrite: str) -> bool:
    """No roadblock when the rewrite is read back by the coach (the speaker's words may carry one:
    "your stupid junk")."""
    return not any(roadblocks.find_roadblocks(s.text) for s in split_sentences(rewrite))


def fallback_topic() -> str:
    """The neutral wording used when a sentence names nothing ("what's been going on")."""
    return str(_slots()["fallback"])
