"""The rule layer of the risk detector (see risk.py for the whole detector).

`analyse_rules(text)` reads what a worried family member wrote and says how urgent
it is: act_now (imminent danger: emergency services now), urgent (warning
signs: a crisis line or professional today), watch (concerning, not acute) or
none. It also says which kinds of risk, who is at risk, and which words led
there (evidence spans into the original text).

The knowledge lives in data, porchlight/content/risk/*.yaml; this module only
normalises text, runs the phrases and applies context (negation, idioms,
quotes, past events). The lexicon is internal: it may contain method words
that must never be shown to users. Evidence is always the user's own words.

Plain Python, no Django. The lexicon is loaded, validated and compiled once at
import; a bad rule raises LexiconError at import time so it cannot ship.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from porchlight.content.reader import ContentDataError, Reader, read_yaml

# Ascending severity; index = rank.
LEVELS: tuple[str, ...] = ("none", "watch", "urgent", "act_now")
CATEGORIES: frozenset[str] = frozenset(
    {
        "suicide",
        "self_harm",
        "overdose",
        "medical",
        "violence",
        "danger_to_writer",
        "psychosis",
        "abuse",
        "neglect",
        "distress",
        # Added for watch-level signals so the app can offer relevant help:
        "low_mood",
        "isolation",
        "substance_use",
        # Driving while intoxicated endangers the driver and everyone else.
        "impaired_driving",
    }
)
WHO: tuple[str, ...] = ("loved_one", "writer", "other", "unknown")

RULES_DIR = Path(__file__).resolve().parent.parent / "content" / "risk"

_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_SIGNAL = "signal"  # a rule that only feeds combos; rank below "none"
_RULE_LEVELS = (*LEVELS[1:], _SIGNAL)
_RULE_WHO = ("subject", "writer", "loved_one", "other")


class LexiconError(ContentDataError):
    """A rule file is malformed; raised at import so a bad rule cannot ship."""


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    category: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "category": self.category}


@dataclass(frozen=True)
class RiskResult:
    level: str
    categories: tuple[str, ...]
    who: str
    evidence: tuple[Evidence, ...]
    # "unsupported" when the text is not in a language the model was trained on.
    language: str = "en"
    # Set when words about dying or "doing it" could not be placed: ask directly.
    ask_directly: bool = False
    # Which layer set the level: "model", "rules" or "fail-safe" ("" for none).
    # For measurement (benchmarks/risk.py); not part of the JSON contract.
    layer: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "level": self.level,
            "categories": list(self.categories),
            "who": self.who,
            "evidence": [item.to_dict() for item in self.evidence],
        }
        # The contract's keys, plus "language" only when the text could not be read.
        if self.language != "en":
            out["language"] = self.language
        return out


# --------------------------------------------------------------------------
# Lexicon: loading and validation
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    level: str
    pattern: re.Pattern[str]
    tags: frozenset[str]
    who: str
    unless: re.Pattern[str] | None
    unless_in_sentence: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    negatable: bool
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Combo:
    id: str
    level: str
    category: str
    groups: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Context:
    negation: re.Pattern[str]
    negation_window: int
    question: re.Pattern[str]
    affirmative: re.Pattern[str]
    past: re.Pattern[str]
    recency: re.Pattern[str]
    resolution: re.Pattern[str]
    stabilised: re.Pattern[str]
    reporting: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    rules: tuple[Rule, ...]
    combos: tuple[Combo, ...]
    # Each idiom pattern silences overlapping phrases of every category
    # except the ones it spares ("end of my rope" is distress, not means).
    idioms: tuple[tuple[re.Pattern[str], frozenset[str]], ...]
    context: Context


_MACRO = re.compile(r"<<(\w+)>>")
_RULE_KEYS = {
    "id",
    "level",
    "category",
    "patterns",
    "tags",
    "who",
    "unless",
    "unless_in_sentence",
    "requires",
    "negatable",
    "examples",
    "notes",
}


def _read_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml(path, LexiconError)
    return dict(Reader(path.name, LexiconError).mapping(data, "the top level"))


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    # Macros may use macros; a bounded number of passes catches cycles.
    for _ in range(10):
        if "<<" not in pattern:
            return pattern

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                raise LexiconError(f"{where}: unknown macro <<{name}>>")
            return macros[name]

        pattern = _MACRO.sub(substitute, pattern)
    raise LexiconError(f"{where}: macros nest too deeply (cycle?)")


def _compile(patterns: Iterable[Any], macros: Mapping[str, str], where: str) -> re.Pattern[str]:
    parts = []
    for raw in patterns:
        if not isinstance(raw, str) or not raw.strip():
            raise LexiconError(f"{where}: every pattern must be a non-empty string")
        expanded = _expand(raw, macros, where)
        try:
            re.compile(expanded)
        except re.error as error:
            raise LexiconError(f"{where}: bad regex {raw!r}: {error}") from error
        if re.fullmatch(expanded, ""):
            raise LexiconError(f"{where}: pattern {raw!r} matches the empty string")
        parts.append(f"(?:{expanded})")
    if not parts:
        raise LexiconError(f"{where}: needs at least one pattern")
    # Whole words only: no pattern fires inside a longer word.
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _optional(value: Any, macros: Mapping[str, str], where: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of patterns")
    return _compile(value, macros, where)


def _load_rule(
    raw: Any, default_category: str | None, macros: Mapping[str, str], name: str
) -> Rule:
    if not isinstance(raw, dict):
        raise LexiconError(f"{name}: every rule must be a mapping")
    rule_id = raw.get("id")
    where = f"{name}:{rule_id}"
    if not isinstance(rule_id, str) or not rule_id:
        raise LexiconError(f"{name}: a rule has no id")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    level = raw.get("level")
    if level not in _RULE_LEVELS:
        raise LexiconError(f"{where}: level must be one of {_RULE_LEVELS}, not {level!r}")
    category = raw.get("category", default_category)
    if category not in CATEGORIES:
        raise LexiconError(f"{where}: unknown category {category!r}")
    who = raw.get("who", "subject")
    if who not in _RULE_WHO:
        raise LexiconError(f"{where}: who must be one of {_RULE_WHO}")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise LexiconError(f"{where}: tags must be a list of strings")
    if level == _SIGNAL and not tags:
        raise LexiconError(f"{where}: a signal rule without tags can never matter")
    if not isinstance(raw.get("notes"), str):
        raise LexiconError(f"{where}: every rule needs notes saying why")
    examples = raw.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise LexiconError(f"{where}: examples must be a list of strings")
    patterns = raw.get("patterns")
    if not isinstance(patterns, list):
        raise LexiconError(f"{where}: patterns must be a list")
    negatable = raw.get("negatable", True)
    if not isinstance(negatable, bool):
        raise LexiconError(f"{where}: negatable must be true or false")
    return Rule(
        id=rule_id,
        category=category,
        level=level,
        pattern=_compile(patterns, macros, where),
        tags=frozenset(tags),
        who=who,
        unless=_optional(raw.get("unless"), macros, f"{where}.unless"),
        unless_in_sentence=_optional(
            raw.get("unless_in_sentence"), macros, f"{where}.unless_in_sentence"
        ),
        requires=_optional(raw.get("requires"), macros, f"{where}.requires"),
        negatable=negatable,
        examples=tuple(examples),
    )


def _load_combos(data: dict[str, Any], rules: tuple[Rule, ...]) -> tuple[Combo, ...]:
    known_tags = {tag for rule in rules for tag in rule.tags}
    watch_tags = {tag for rule in rules if rule.level == "watch" for tag in rule.tags}
    combos = []
    Reader("combos.yaml", LexiconError).fields(data, "", required=("combos",))
    for raw in data["combos"]:
        where = f"combos.yaml:{raw.get('id')}"
        if raw.get("level") not in LEVELS[1:]:
            raise LexiconError(f"{where}: bad level {raw.get('level')!r}")
        if raw.get("category") not in CATEGORIES:
            raise LexiconError(f"{where}: unknown category {raw.get('category')!r}")
        if not isinstance(raw.get("notes"), str):
            raise LexiconError(f"{where}: every combo needs notes saying why")
        groups = raw.get("all_of")
        if not isinstance(groups, list) or len(groups) < 2:
            raise LexiconError(f"{where}: all_of needs at least two groups")
        frozen = tuple(frozenset(group) for group in groups)
        for group in frozen:
            missing = group - known_tags
            if missing:
                raise LexiconError(f"{where}: no rule carries tags {sorted(missing)}")
        # Safety invariant: watch-level phrases alone must never add up to
        # act-now, so some group must be out of reach of every watch rule.
        if raw["level"] == "act_now" and all(group & watch_tags for group in frozen):
            raise LexiconError(f"{where}: an act_now combo can be met by watch-level rules alone")
        combos.append(Combo(raw["id"], raw["level"], raw["category"], frozen))
    return tuple(combos)


def _load_context(data: dict[str, Any], macros: Mapping[str, str]) -> Context:
    def words(key: str) -> str:
        values = data.get(key)
        if not isinstance(values, list) or not values:
            raise LexiconError(f"context.yaml: {key} must be a non-empty list")
        return "|".join(f"(?:{_expand(v, macros, key)})" for v in values)

    # Longer cues first so "no longer" wins over "no".
    cues = sorted(data.get("negation_cues", []), key=len, reverse=True)
    negation = (
        r"(?<!\w)(?:"
        + "|".join(f"(?:{cue})" for cue in cues)
        + r")(?!\w)(?!\s+(?:"
        + words("negation_exceptions")
        + r")(?!\w))"
    )
    window = data.get("negation_window")
    if not isinstance(window, int) or window < 1:
        raise LexiconError("context.yaml: negation_window must be a positive integer")

    def compiled(key: str) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + words(key) + r")(?!\w)")

    try:
        return Context(
            negation=re.compile(negation),
            negation_window=window,
            question=compiled("question_cues"),
            affirmative=compiled("affirmative_answers"),
            past=compiled("past_cues"),
            recency=compiled("recency_cues"),
            resolution=compiled("resolution_cues"),
            stabilised=compiled("stabilised_cues"),
            reporting=compiled("reporting_verbs"),
        )
    except re.error as error:
        raise LexiconError(f"context.yaml: bad regex: {error}") from error


def _load_idioms(
    data: dict[str, Any], macros: Mapping[str, str]
) -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    by_spares: dict[frozenset[str], list[str]] = {}
    for item in data.get("idioms", []):
        if not isinstance(item, dict) or not isinstance(item.get("notes"), str):
            raise LexiconError("idioms.yaml: every idiom needs a pattern and notes")
        pattern = item.get("pattern")
        if not isinstance(pattern, str):
            raise LexiconError(f"idioms.yaml: idiom without a pattern: {item}")
        if set(item) - {"pattern", "notes", "spares"}:
            raise LexiconError(f"idioms.yaml: unknown keys in {item}")
        spares = frozenset(item.get("spares", []))
        if spares - CATEGORIES:
            raise LexiconError(f"idioms.yaml: unknown categories {sorted(spares - CATEGORIES)}")
        by_spares.setdefault(spares, []).append(pattern)
    return tuple(
        (_compile(patterns, macros, "idioms.yaml"), spares)
        for spares, patterns in by_spares.items()
    )


def load_lexicon(directory: Path = RULES_DIR) -> Lexicon:
    """Read, validate and compile every rule file in `directory`."""
    macros = _read_yaml(directory / "macros.yaml").get("macros", {})
    context = _load_context(_read_yaml(directory / "context.yaml"), macros)
    idioms = _load_idioms(_read_yaml(directory / "idioms.yaml"), macros)
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yaml")):
        data = _read_yaml(path)
        if "rules" not in data:
            continue
        if not isinstance(data["rules"], list):
            raise LexiconError(f"{path.name}: rules must be a list")
        for raw in data["rules"]:
            rules.append(_load_rule(raw, data.get("category"), macros, path.name))
    if not rules:
        raise LexiconError(f"no rules found in {directory}")
    ids = [rule.id for rule in rules]
    duplicates = sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1})
    if duplicates:
        raise LexiconError(f"duplicate rule ids: {duplicates}")
    frozen_rules = tuple(rules)
    combos = _load_combos(_read_yaml(directory / "combos.yaml"), frozen_rules)
    return Lexicon(frozen_rules, combos, idioms, context)


# --------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------

_APOSTROPHES = frozenset("'\u2019\u2018`\u00b4\u02bc\u2032")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]+")
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,\n\"\u201c\u201d()]+"
    r"|(?<!\w)(?:but|and|though|although|however|so|because|cos|then|while|whereas)(?!\w)"
)
_WORD = re.compile(r"\w+")
_CONTEXT_CHARS = 250
_FIRST_PERSON = frozenset({"i", "im", "ive", "id", "me", "my", "myself", "mine"})
_THIRD_PERSON = frozenset(
    {
        "he",
        "she",
        "they",
        "hes",
        "shes",
        "theyre",
        "him",
        "her",
        "them",
        "his",
        "hers",
        "himself",
        "herself",
        "themselves",
        "themself",
        "son",
        "daughter",
        "husband",
        "wife",
        "partner",
        "boyfriend",
        "girlfriend",
        "mum",
        "mom",
        "mam",
        "mother",
        "dad",
        "father",
        "brother",
        "sister",
        "friend",
        "fiance",
        "fiancee",
        "ex",
        "grandad",
        "grandma",
        "grandpa",
        "gran",
        "nan",
        "teenager",
        "teen",
    }
)
_REFLEXIVE_LOVED_ONE = frozenset({"himself", "herself", "themselves", "themself"})


@dataclass(frozen=True)
class _Breaks:
    """Sorted, non-overlapping separator spans in the normalised text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def find(cls, pattern: re.Pattern[str], text: str) -> _Breaks:
        spans = [m.span() for m in pattern.finditer(text)]
        return cls(tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def enclosing(self, start: int, end: int, length: int) -> tuple[int, int]:
        """From the last separator ending at or before `start` to the first
        one starting at or after `end`."""
        i = bisect_right(self.ends, start)
        left = self.ends[i - 1] if i else 0
        j = bisect_left(self.starts, end, lo=i)
        right = self.starts[j] if j < len(self.starts) else length
        return left, right


@dataclass(frozen=True)
class _Text:
    """Normalised text plus the map back to the original's indices."""

    original: str
    norm: str
    index: tuple[int, ...]  # norm position -> original position
    sentence_breaks: _Breaks
    clause_breaks: _Breaks

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.index[start], self.index[end - 1] + 1

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return self._clamp(self.sentence_breaks.enclosing(start, end, len(self.norm)), start, end)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        return self._clamp(self.clause_breaks.enclosing(start, end, len(self.norm)), start, end)

    @staticmethod
    def _clamp(segment: tuple[int, int], start: int, end: int) -> tuple[int, int]:
        # Run-on text without punctuation is common; context further than
        # this is rarely about the phrase, and bounding it keeps long texts fast.
        return max(segment[0], start - _CONTEXT_CHARS), min(segment[1], end + _CONTEXT_CHARS)


def _normalise(text: str) -> _Text:
    # Lower case and drop apostrophes ("He's" -> "hes") so the lexicon never
    # needs them; keep a map to the original so evidence spans stay exact.
    chars: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        if char in _APOSTROPHES:
            continue
        lowered = char.lower()
        chars.append(lowered)
        index.extend([position] * len(lowered))
    norm = "".join(chars)
    return _Text(
        original=text,
        norm=norm,
        index=tuple(index),
        sentence_breaks=_Breaks.find(_SENTENCE_BREAK, norm),
        clause_breaks=_Breaks.find(_CLAUSE_BREAK, norm),
    )


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    rule: Rule
    start: int  # positions in the normalised text
    end: int
    cap: int  # highest rank this hit may reach (past events, help present)
    who: str

    @property
    def rank(self) -> int:
        if self.rule.level == _SIGNAL:
            return -1
        return min(_RANK[self.rule.level], self.cap)

    def overlaps(self, other: _Hit) -> bool:
        return self.start < other.end and other.start < self.end


def _overlaps_any(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> bool:
    if pattern is None:
        return False
    window_start = max(0, start - 80)
    return any(
        m.start() < end and start < m.end()
        for m in pattern.finditer(text, window_start, min(len(text), end + 80))
    )


def _is_negated(text: _Text, start: int, end: int, context: Context) -> bool:
    clause_start, _ = text.clause(start, end)
    before = text.norm[clause_start:start]
    words = list(_WORD.finditer(before))[-context.negation_window :]
    negated = bool(words) and bool(context.negation.search(before, words[0].start()))
    # Questions reach further back than negations: "i asked him if he ever
    # feels like hurting himself".
    if not negated and not context.question.search(before):
        return False
    # "...and he said yes" turns it back into a report.
    return not context.affirmative.search(text.norm, end)


def _past_cap(text: _Text, start: int, end: int, context: Context) -> int | None:
    """None: drop (past and resolved); else the rank cap for this hit."""
    s_start, s_end = text.sentence(start, end)
    if not context.past.search(text.norm, s_start, s_end):
        return len(LEVELS)
    c_start, c_end = text.clause(start, end)
    if context.recency.search(text.norm, c_start, c_end):
        return len(LEVELS)
    if context.resolution.search(text.norm):
        return None
    return _RANK["watch"]


def _who(text: _Text, rule: Rule, start: int, end: int, context: Context) -> str:
    if rule.who != "subject":
        return rule.who
    # The phrase's own words first (reflexives decide), then the nearest
    # subject before it in the sentence.
    s_start, _ = text.sentence(start, end)
    hit_words = [m.group() for m in _WORD.finditer(text.norm, start, end)]
    before = list(_WORD.finditer(text.norm, s_start, start))
    for word in reversed(hit_words):
        if word in _REFLEXIVE_LOVED_ONE:
            return "loved_one"
        if word in _FIRST_PERSON:
            return _first_person_owner(text, s_start, start, end, context)
    for match in reversed(before):
        word = match.group()
        if word in _THIRD_PERSON:
            return "loved_one"
        if word in _FIRST_PERSON:
            return _first_person_owner(text, s_start, match.start(), end, context)
    return "unknown"


def _first_person_owner(text: _Text, s_start: int, pos: int, end: int, context: Context) -> str:
    # "he said 'you'd all be better off without me'": the "me" is his.
    if context.reporting.search(text.norm, s_start, pos):
        return "loved_one"
    after = text.norm[end : end + 40]
    if re.match(r"\W*(?:he|she|they|my\s+\w+)\s+(?:said|says|told|texted|wrote)", after):
        return "loved_one"
    return "writer"


def _find_hits(text: _Text, lexicon: Lexicon) -> list[_Hit]:
    context = lexicon.context
    idiom_spans = [
        (m.start(), m.end(), spares)
        for pattern, spares in lexicon.idioms
        for m in pattern.finditer(text.norm)
    ]
    stabilised = bool(context.stabilised.search(text.norm))
    hits: list[_Hit] = []
    for rule in lexicon.rules:
        if rule.requires is not None and not rule.requires.search(text.norm):
            continue
        for match in rule.pattern.finditer(text.norm):
            start, end = match.span()
            if start == end:
                continue
            if any(
                s < end and start < e and rule.category not in spares
                for s, e, spares in idiom_spans
            ):
                continue
            if _overlaps_any(rule.unless, text.norm, start, end):
                continue
            if rule.unless_in_sentence is not None:
                s_start, s_end = text.sentence(start, end)
                if rule.unless_in_sentence.search(text.norm, s_start, s_end):
                    continue
            if rule.negatable and _is_negated(text, start, end, context):
                continue
            cap = _past_cap(text, start, end, context)
            if cap is None:
                continue
            if stabilised:
                cap = min(cap, _RANK["urgent"])
            hits.append(_Hit(rule, start, end, cap, _who(text, rule, start, end, context)))
    return hits


@dataclass(frozen=True)
class _ComboHit:
    combo: Combo
    parts: tuple[_Hit, ...]

    @property
    def rank(self) -> int:
        return min(_RANK[self.combo.level], *(part.cap for part in self.parts))


def _apply_combos(hits: list[_Hit], combos: tuple[Combo, ...]) -> list[_ComboHit]:
    found = []
    for combo in combos:
        chosen: list[_Hit] = []
        for group in combo.groups:
            # Each group needs its own phrase, not one already used.
            candidate = next(
                (
                    hit
                    for hit in hits
                    if hit.rule.tags & group and not any(hit.overlaps(c) for c in chosen)
                ),
                None,
            )
            if candidate is None:
                break
            chosen.append(candidate)
        else:
            found.append(_ComboHit(combo, tuple(chosen)))
    return found


def _fallback_who(text: _Text) -> str:
    words = [m.group() for m in _WORD.finditer(text.norm)]
    if any(word in _THIRD_PERSON for word in words):
        return "loved_one"
    if any(word in _FIRST_PERSON for word in words):
        return "writer"
    return "unknown"


_NONE = RiskResult("none", (), "unknown", ())


def _result(text: _Text, hits: list[_Hit], combos: list[_ComboHit]) -> RiskResult:
    scored: list[tuple[int, int, str, list[tuple[_Hit, str]]]] = []
    for hit in hits:
        if hit.rank >= _RANK["watch"]:
            scored.append((hit.rank, hit.start, hit.who, [(hit, hit.rule.category)]))
    for combo_hit in combos:
        parts = [
            (part, combo_hit.combo.category if part.rule.level == _SIGNAL else part.rule.category)
            for part in combo_hit.parts
        ]
        anchor = combo_hit.parts[0]
        scored.append((combo_hit.rank, anchor.start, anchor.who, parts))
    if not scored:
        return _NONE
    rank = max(item[0] for item in scored)
    if rank < _RANK["watch"]:
        return _NONE
    top = sorted((item for item in scored if item[0] == rank), key=lambda item: item[1])
    who = next((item[2] for item in top if item[2] != "unknown"), None)
    if who is None:
        others = sorted(scored, key=lambda item: (-item[0], item[1]))
        who = next((item[2] for item in others if item[2] != "unknown"), _fallback_who(text))
    categories: set[str] = set()
    evidence: dict[tuple[int, int, str], Evidence] = {}
    for item_rank, _, _, parts in scored:
        if item_rank < _RANK["watch"]:
            continue
        for hit, category in parts:
            categories.add(category)
            start, end = text.span(hit.start, hit.end)
            evidence.setdefault(
                (start, end, category), Evidence(start, end, text.original[start:end], category)
            )
    ordered = tuple(evidence[key] for key in sorted(evidence))
    return RiskResult(LEVELS[rank], tuple(sorted(categories)), who, ordered)


_LEXICON = load_lexicon()


def analyse_rules(text: str) -> RiskResult:
    """Assess one free text with the phrase rules alone. Deterministic; never raises."""
    if not isinstance(text, str):
        raise TypeError("analyse() needs a str")
    if not text.strip():
        return _NONE
    normalised = _normalise(text)
    hits = _find_hits(normalised, _LEXICON)
    combos = _apply_combos(hits, _LEXICON.combos)
    return _result(normalised, hits, combos)


def lexicon() -> Lexicon:
    """The compiled lexicon (for tests and tooling)."""
    return _LEXICON
