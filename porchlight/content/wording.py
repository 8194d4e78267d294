"""Safe-messaging wording: the words no content file may show a reader.

Plain Python, no Django. Safe-messaging guidance asks for action first, no method
details, hope, and no stigmatizing words. The words part is mechanical, so it is
checked here, for every content file, by the registry (:mod:`porchlight.content.registry`)
at start-up: a file that uses one of :data:`BANNED_PHRASES` stops Porchlight with a
message naming the file and the place.

Two kinds of phrase are banned. The ones that frame suicide as a crime, a sin or an
achievement (:data:`SUICIDE_FRAMING`) are banned everywhere. The labels that shame
(:data:`LABELS`, "addict", "crazy") are banned in Porchlight's own voice, but may
appear inside double quotes: that is someone else's words ("I'm not crazy"), or a
label the text tells the reader not to use (Labels like "alcoholic").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

__all__ = [
    "BANNED_PHRASES",
    "LABELS",
    "SUICIDE_FRAMING",
    "banned_phrase_in",
    "check_banned",
    "iter_strings",
]

#: Frame suicide as a crime or a sin, or as an achievement: never, not even quoted.
SUICIDE_FRAMING = (
    "committed suicide",
    "commit suicide",
    "commits suicide",
    "committing suicide",
    "successful suicide",
    "failed suicide",
    "failed attempt",
    "completed suicide",
    "suicide victim",
)
#: Labels that shame: not in Porchlight's own voice (inside double quotes they are
#: someone's words, or a label the text warns against).
LABELS = (
    "attention seeking",
    "attention-seeking",
    "addict",
    "alcoholic",
    "junkie",
    "crazy",
    "psycho",
    "lunatic",
    "insane",
)
#: Wording that safe-messaging guidance asks us never to use (matched case-insensitively,
#: on word boundaries).
BANNED_PHRASES = SUICIDE_FRAMING + LABELS


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


_FRAMING_RE = _pattern(SUICIDE_FRAMING)
_LABEL_RE = _pattern(LABELS)
_QUOTED_RE = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')


def banned_phrase_in(text: str) -> str | None:
    """The first banned phrase in ``text`` (lower-cased), or None.

    A label inside double quotes ("...", \u201c...\u201d) is someone's words, not ours.
    """
    found = _FRAMING_RE.search(text) or _LABEL_RE.search(_QUOTED_RE.sub('""', text))
    return found.group(1).lower() if found else None


def iter_strings(value: Any, path: str, *, skip: Collection[str] = ()) -> Iterator[tuple[str, str]]:
    """Every string inside a parsed YAML value, with a readable path to it.

    Values under a key in ``skip`` are left out: they are patterns a detector
    matches, never text a reader sees.
    """
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in skip:
                continue
            yield from iter_strings(item, f"{path}.{key}" if path else str(key), skip=skip)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_strings(item, f"{path}[{index}]", skip=skip)


def check_banned(
    raw: Any,
    name: str,
    error: type[ValueError],
    *,
    skip: Collection[str] = (),
    speech: Collection[str] = (),
) -> None:
    """Raise ``error`` naming the file and the place of the first banned phrase in ``raw``.

    Values under a key in ``speech`` are someone else's words (a simulated loved one's
    lines), read as if quoted: only :data:`SUICIDE_FRAMING` is banned there.
    """
    for path, text, spoken in _walk(raw, "", frozenset(skip), frozenset(speech), False):
        if spoken:
            found = _FRAMING_RE.search(text)
            phrase = found.group(1).lower() if found else None
        else:
            phrase = banned_phrase_in(text)
        if phrase:
            where = f"{path}: " if path else ""
            raise error(f"{name}: {where}uses {phrase!r}; follow safe-messaging wording")


def _walk(
    value: Any, path: str, skip: frozenset[str], speech: frozenset[str], spoken: bool
) -> Iterator[tuple[str, str, bool]]:
    if isinstance(value, str):
        yield path, value, spoken
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                where = f"{path}.{key}" if path else str(key)
                yield from _walk(item, where, skip, speech, spoken or key in speech)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", skip, speech, spoken)
