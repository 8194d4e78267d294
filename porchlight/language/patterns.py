"""Curated regular-expression patterns loaded from YAML, matched on canonical text.

Canonical text is lower-case with straight quotes and common contractions
spelled out ("you're" -> "you are", "don't" -> "do not", "gonna" -> "going
to"), so a pattern is written once. Every canonical character remembers the
position it came from, so a match can be shown as evidence in the user's own
words.

Pattern files (``porchlight/content/coach/*.yaml``) may define ``lists`` of
words; ``{name}`` inside a pattern expands to ``(?:word|word|...)``. ``{action}``
expands to a captured verb phrase that runs to the end of the clause. A
pattern entry is either a string or a mapping ``{re: ..., unless: [...]}``;
``unless`` patterns (per entry or per category) veto a match anywhere in the
same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.reader import ContentDataError, Reader, read_yaml

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
COACH_DIR = CONTENT_DIR / "coach"
#: The pattern files, each read by :func:`load_rules`.
PATTERN_FILES = ("roadblocks.yaml", "labels.yaml", "craft.yaml")


class PatternsError(ContentDataError):
    """A coach pattern file is broken; the message names the file and the category."""


_CONTRACTIONS = {
    "you're": "you are",
    "youre": "you are",
    "you've": "you have",
    "you'll": "you will",
    "you'd": "you would",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "i'll": "i will",
    "i'd": "i would",
    "it's": "it is",
    "that's": "that is",
    "thats": "that is",
    "there's": "there is",
    "what's": "what is",
    "whats": "what is",
    "who's": "who is",
    "where's": "where is",
    "how's": "how is",
    "here's": "here is",
    "he's": "he is",
    "she's": "she is",
    "we're": "we are",
    "we've": "we have",
    "we'll": "we will",
    "they're": "they are",
    "let's": "let us",
    "don't": "do not",
    "dont": "do not",
    "doesn't": "does not",
    "doesnt": "does not",
    "didn't": "did not",
    "didnt": "did not",
    "can't": "cannot",
    "cant": "cannot",
    "won't": "will not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "arent": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "havent": "have not",
    "hasn't": "has not",
    "hadn't": "had not",
    "shouldn't": "should not",
    "wouldn't": "would not",
    "couldn't": "could not",
    "mustn't": "must not",
    "ain't": "is not",
    "gonna": "going to",
    "gotta": "got to",
    "wanna": "want to",
    "u": "you",
    "ur": "your",
    "cuz": "because",
    "'cause": "because",
    "y'all": "you all",
}
_TOKEN_RE = re.compile(r"'?[a-z]+(?:'[a-z]+)?")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'}


@dataclass(frozen=True)
class Canonical:
    text: str
    origin: tuple[int, ...]  # origin[i] = index in the source of canonical char i

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= end or not self.origin:
            return (0, 0)
        return self.origin[start], self.origin[end - 1] + 1


def canonical(text: str) -> Canonical:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        ch = _QUOTES.get(ch, ch)
        low = ch.lower()
        if len(low) != 1:  # e.g. "İ" lower-cases to two characters
            low = ch
        if low.isspace():
            low = " "
        chars.append(low)
        origin.append(i)
    lowered = "".join(chars)
    out: list[str] = []
    out_origin: list[int] = []
    pos = 0
    for m in _TOKEN_RE.finditer(lowered):
        word = m.group(0)
        repl = _CONTRACTIONS.get(word)
        if repl is None:
            continue
        if repl.endswith(" is") and lowered.startswith((" been", " got "), m.end()):
            repl = repl[:-3] + " has"  # "it's been" -> "it has been", not "it is been"
        # keep word boundaries honest: "im" inside "impossible" never matches a token
        out.extend(chars[pos : m.start()])
        out_origin.extend(origin[pos : m.start()])
        out.append(repl)
        out_origin.extend([origin[m.start()]] * (len(repl) - 1) + [origin[m.end() - 1]])
        pos = m.end()
    out.extend(chars[pos:])
    out_origin.extend(origin[pos:])
    return Canonical("".join(out), tuple(out_origin))


ACTION = (
    r"(?P<action>[a-z][a-z' -]*?)"
    r"(?=$|[,;:.!?)\"]| or | and | before | because | if | so | otherwise | until | or else"
    r"| now\b| right now| already| today| tonight| for once| anymore)"
)
_ENDS = re.compile(r"\s+$")
_EDGE = frozenset(" \t\n,;:.!?")


@dataclass(frozen=True)
class Rule:
    category: str
    pattern: re.Pattern[str]
    unless: tuple[re.Pattern[str], ...]
    source: str


@dataclass(frozen=True)
class Hit:
    category: str
    start: int  # in the original sentence
    end: int
    evidence: str
    action: str | None
    rule: str


def _expand(raw: str, lists: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "action":
            return ACTION
        if name not in lists:
            raise KeyError(f"unknown list {{{name}}} in pattern {raw!r}")
        return lists[name]

    return re.sub(r"\{([a-z_]+)\}", sub, raw)


@cache
def load_rules(filename: str, directory: Path = COACH_DIR) -> tuple[dict, tuple[Rule, ...]]:
    """(metadata per category, rules) from ``content/coach/<filename>``."""
    read = Reader(filename, PatternsError)
    doc = read.fields(
        read_yaml(directory / filename, PatternsError),
        "",
        required=("categories",),
        optional=("lists",),
    )
    lists = {}
    for name, words in read.mapping(doc.get("lists") or {}, "lists").items():
        texts = read.texts({"words": words}, "words", f"list {name!r}")
        lists[name] = (
            "(?:" + "|".join(sorted((re.escape(w) for w in texts), key=len, reverse=True)) + ")"
        )

    def compile_(raw: Any, where: str) -> re.Pattern[str]:
        if not isinstance(raw, str) or not raw:
            read.fail(where, "a pattern must be non-empty text")
        try:
            return re.compile(_expand(raw, lists))
        except (KeyError, re.error) as error:
            read.fail(where, f"bad pattern {raw!r}: {error}")

    meta: dict = {}
    rules: list[Rule] = []
    categories = read.mapping(doc["categories"], "categories")
    for category, spec in categories.items():
        where = f"category {read.id(category, 'categories')!r}"
        spec = read.fields(
            spec,
            where,
            required=("title",),
            optional=("patterns", "unless", "plain", "lands", "note"),
        )
        read.text(spec, "title", where)
        meta[category] = {k: v for k, v in spec.items() if k not in ("patterns", "unless")}
        common = tuple(compile_(u, where) for u in spec.get("unless") or [])
        for entry in spec.get("patterns") or []:
            unless: tuple[re.Pattern[str], ...] = ()
            if isinstance(entry, str):
                raw = entry
            else:
                entry = read.fields(entry, where, required=("re",), optional=("unless",))
                raw = entry["re"]
                unless = tuple(compile_(u, where) for u in entry.get("unless") or [])
            rules.append(Rule(category, compile_(raw, where), unless + common, raw))
    return meta, tuple(rules)


def load_all(directory: Path = COACH_DIR) -> None:
    """Load every pattern file (the start-up content check)."""
    for filename in PATTERN_FILES:
        load_rules(filename, directory)


def match(rules: tuple[Rule, ...], sentence: str, canon: Canonical | None = None) -> list[Hit]:
    """Every category whose patterns fire on ``sentence`` (first hit per category)."""
    canon = canon or canonical(sentence)
    text = canon.text
    hits: dict[str, Hit] = {}
    for rule in rules:
        if rule.category in hits:
            continue
        m = rule.pattern.search(text)
        if m is None or any(u.search(text) for u in rule.unless):
            continue
        start, end = canon.source_span(m.start(), m.end())
        action = None
        if m.groupdict().get("action"):
            # in the user's own spelling and case ("go to AA", not "go to aa")
            a_start, a_end = canon.source_span(*m.span("action"))
            action = _ENDS.sub("", sentence[a_start:a_end]).strip(" -'") or None
        while start < end and sentence[start] in _EDGE:
            start += 1
        while end > start and sentence[end - 1] in _EDGE:
            end -= 1
        hits[rule.category] = Hit(
            rule.category, start, end, sentence[start:end], action, rule.source
        )
    return list(hits.values())
