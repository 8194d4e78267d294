"""Risk detector for free text written by supporters.

`analyse(text)` reads what a worried family member wrote and says how urgent
it is: act_now (imminent danger: emergency services now), urgent (warning
signs: a crisis line or professional today), watch (concerning, not acute) or
none. It also says which kinds of risk, who is at risk, and which words led
there (evidence spans into the original text, always the user's own words).

Three layers, chosen by measurement (docs/adr/0004-risk-detector.md):

1. **A learned model** (:mod:`porchlight.language.risk_model`) trained on a
   corpus written blind to it, reading every sentence and window of the text;
   the most severe part decides. This is where recall on unseen wording comes
   from.
2. **The phrase rules** (:mod:`porchlight.language.risk_rules`, data in
   ``porchlight/content/risk/``) as a floor: a rule's act_now finding is never
   lowered by the model; its other findings add categories, who and evidence.
3. **Fail safe, not silent**: words about dying, ending it, not being around,
   goodbyes or "doing it" that neither layer can place give at least
   ``urgent`` with ``ask_directly`` set — the supporter is asked to ask the
   person directly — never ``none``.

Text in a language the model was not trained on says so
(``language: "unsupported"``) and is still screened by the rules and by the
fail-safe words of a few common languages.

Plain Python and numpy, no Django. Deterministic; never raises on a string.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from porchlight.content.reader import read_yaml
from porchlight.language import risk_model
from porchlight.language.risk_rules import (
    CATEGORIES,
    LEVELS,
    RULES_DIR,
    WHO,
    Evidence,
    LexiconError,
    RiskResult,
    analyse_rules,
    lexicon,
    load_lexicon,
)

__all__ = [
    "CATEGORIES",
    "LEVELS",
    "WHO",
    "Evidence",
    "LexiconError",
    "RiskResult",
    "analyse",
    "lexicon",
    "load_lexicon",
]

_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Rule findings at these levels are a floor under the model's level. The rules'
# other urgent findings raised false alarms on the dev set without adding recall,
# so they feed categories, who and evidence but do not set the level; threats and
# abuse are the exception ("he said he will kill me if I leave" must never be none).
RULE_FLOOR = frozenset({"act_now"})
RULE_FLOOR_URGENT_CATEGORIES = frozenset({"violence", "danger_to_writer", "abuse"})
# Below this probability of "urgent or worse" the model has placed the words
# as harmless (an idiom, a film); above it, fail-safe words raise to urgent.
FAILSAFE_PLACED_BELOW = 0.25
# A rule's urgent threat finding in a text that laughs ("lol", "😂", "joking") is not a
# floor when the model's probability of urgent-or-worse is below this.
JOKE_PLACED_BELOW = 0.25
# A text is read in English when at least this share of its words are known.
ENGLISH_SHARE = 0.45
_MIN_WORDS_FOR_LANGUAGE = 4

_FAILSAFE = re.compile(
    r"\b(?:"
    r"die|dying|to\s+be\s+dead|kill(?:s|ing|ed)?\s+(?:him|her|my|them|your)sel(?:f|ves)"
    r"|end(?:s|ing|ed)?\s+(?:it|it\s+all|things|everything|(?:my|his|her|their|your)\s+life)"
    r"|not\s+(?:be\s+)?(?:around|here)\s+(?:much\s+)?(?:longer|anymore|any\s+more|for\s+long)"
    r"|won'?t\s+be\s+(?:around|here|a\s+problem|a\s+burden)"
    r"|good\s*-?\s*byes?|farewell|say(?:ing)?\s+bye"
    r"|(?:do|doing|did)\s+it\s+(?:tonight|tomorrow|today|soon|this\s+time)"
    r"|(?:going\s+to|gonna|gna|will)\s+do\s+it"
    r"|suicid\w*|no\s+way\s+out|better\s+off\s+(?:without|dead)"
    r"|(?:disappear|go\s+away|gone)\s+(?:forever|for\s+good)"
    r"|not\s+wake\s+up|never\s+wake\s+up|can'?t\s+go\s+on"
    r")\b",
    re.IGNORECASE,
)
# Suicide and killing words of languages the model does not read.
_FAILSAFE_OTHER = re.compile(
    r"(?:suicid|selbstmord|umbringen|sterben|matar(?:me|se)|morir|quiero\s+morir|"
    r"mourir|me\s+tuer|se\s+tuer|uccider|morire|zabi[cć]\s+si[eę]|samob[oó]j|"
    r"zelfmoord|dood\s+gaan|自殺|死に|自杀|想死|انتحار|आत्महत्या)",
    re.IGNORECASE,
)
# Curly apostrophes read as straight ones (one character for one: offsets stay).
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_NONE = RiskResult("none", (), "unknown", ())


def _patterns(data: dict, key: str) -> re.Pattern[str]:
    items = data.get(key)
    if not isinstance(items, list) or not items:
        raise LexiconError(f"failsafe.yaml: {key} must be a non-empty list")
    for item in items:
        if not isinstance(item, dict) or not item.get("pattern") or not item.get("notes"):
            raise LexiconError(f"failsafe.yaml: every {key} entry needs a pattern and notes")
    try:
        return re.compile("|".join(f"(?:{i['pattern']})" for i in items), re.IGNORECASE)
    except re.error as error:
        raise LexiconError(f"failsafe.yaml: bad regex in {key}: {error}") from error


@cache
def _failsafe_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(placed, laughter) from porchlight/content/risk/failsafe.yaml."""
    data = read_yaml(RULES_DIR / "failsafe.yaml", LexiconError)
    return _patterns(data, "placed"), _patterns(data, "laughter")


def failsafe_span(text: str) -> tuple[int, int] | None:
    """The first fail-safe words in `text` that no placed phrase (hyperbole such as
    "dying to see the baby", a denial such as "I'm not suicidal") accounts for."""
    placed, _ = _failsafe_context()
    plain = text.translate(_APOSTROPHES)
    spans = [(m.start(), m.end()) for m in placed.finditer(plain)]
    for match in _FAILSAFE.finditer(plain):
        if not any(s < match.end() and match.start() < e for s, e in spans):
            return match.start(), match.end()
    return None


def laughs(text: str) -> bool:
    """Whether the text laughs or says it is joking (failsafe.yaml `laughter`)."""
    return _failsafe_context()[1].search(text.translate(_APOSTROPHES)) is not None


@cache
def _known_words() -> frozenset[str]:
    return risk_model.model().vocabulary


def language(text: str) -> str:
    """ "en" when the text reads as English (or has too few words to tell)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "en"
    letters = [c for c in text if c.isalpha()]
    if sum(c.isascii() for c in letters) < 0.5 * len(letters):
        return "unsupported"
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return "en"
    known = _known_words()
    share = sum(w.replace("'", "") in known or w in known for w in words) / len(words)
    return "en" if share >= ENGLISH_SHARE else "unsupported"


def _failsafe_span(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    match = pattern.search(text)
    return (match.start(), match.end()) if match else None


def _unsupported(text: str) -> RiskResult:
    result = analyse_rules(text)
    result = replace(
        result, language="unsupported", layer="rules" if result.level != "none" else ""
    )
    span = _failsafe_span(_FAILSAFE_OTHER, text) or _failsafe_span(_FAILSAFE, text)
    if span is None or _RANK[result.level] >= _RANK["urgent"]:
        return result
    start, end = span
    return RiskResult(
        "urgent",
        tuple(sorted({*result.categories, "suicide"})),
        result.who,
        (*result.evidence, Evidence(start, end, text[start:end], "suicide")),
        language="unsupported",
        ask_directly=True,
        layer="fail-safe",
    )


def _trimmed(text: str, start: int, end: int, category: str) -> Evidence:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Evidence(start + lead, start + lead + len(piece), piece, category)


def analyse(text: str) -> RiskResult:
    """Assess one free text. Deterministic; never raises on any string."""
    if not isinstance(text, str):
        raise TypeError("analyse() needs a str")
    if not text.strip():
        return _NONE
    if language(text) != "en":
        return _unsupported(text)
    rules = analyse_rules(text)
    model = risk_model.model()
    scored = model.score(text)
    model_rank = max((_RANK[s.level] for s in scored), default=0)
    rule_rank = _RANK[rules.level] if rules.level in RULE_FLOOR else 0
    unsure = max((s.head("ge_urgent") for s in scored), default=0.0)
    if rules.level == "urgent" and RULE_FLOOR_URGENT_CATEGORIES & set(rules.categories):
        joking = unsure < JOKE_PLACED_BELOW and laughs(text)
        rule_rank = 0 if joking else _RANK["urgent"]
    rank = max(model_rank, rule_rank)
    layer = "model" if model_rank >= rule_rank else "rules"
    ask_directly = False
    failsafe: Evidence | None = None
    if rank < _RANK["urgent"]:
        span = failsafe_span(text)
        if span is not None and unsure >= FAILSAFE_PLACED_BELOW:
            rank, ask_directly, layer = _RANK["urgent"], True, "fail-safe"
            failsafe = Evidence(span[0], span[1], text[span[0] : span[1]], "suicide")
    if rank == 0:
        return _NONE

    level = LEVELS[rank]
    at_level = [s for s in scored if _RANK[s.level] == model_rank] if model_rank else []
    decisive = min(at_level, key=lambda s: (s.part.end - s.part.start, s.part.start), default=None)
    categories: set[str] = set()
    evidence: list[Evidence] = []
    who = "unknown"
    if decisive is not None and model_rank == rank:
        found = model.categories(decisive.probabilities)
        categories.update(found)
        evidence.append(_trimmed(text, decisive.part.start, decisive.part.end, found[0]))
        person, confidence = model.who(decisive.probabilities)
        if confidence >= 0.4:
            who = person
    if rules.level != "none" and _RANK[rules.level] >= rank - 1:
        categories.update(rules.categories)
        evidence.extend(rules.evidence)
        if rules.who != "unknown" and (who == "unknown" or _RANK[rules.level] == rank):
            who = rules.who
    if failsafe is not None:
        categories.add("suicide")
        evidence.append(failsafe)
    if not categories:
        categories.add("distress")
    # Warning signs of suicide short of act-now: whichever layer placed them, the best next
    # step is to ask directly ("Are you thinking about suicide?").
    ask_directly = ask_directly or (level == "urgent" and "suicide" in categories)
    unique = {(e.start, e.end, e.category): e for e in evidence}
    return RiskResult(
        level,
        tuple(sorted(categories)),
        who,
        tuple(unique[key] for key in sorted(unique)),
        ask_directly=ask_directly,
        layer=layer,
    )
