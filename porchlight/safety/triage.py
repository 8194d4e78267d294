"""The "Pause or act" triage: deterministic rules kept as data in content/triage.yaml.

Plain Python, no Django. :func:`load_triage` reads and validates the file (strictly: any
problem raises :class:`TriageDataError` naming the rule, question or level), and
:func:`evaluate` turns a supporter's answers into a :class:`TriageResult`:

- every rule whose condition holds is *matched*, and all their reasons are shown,
  highest level first;
- the outcome is the highest level any matched rule reaches (``keep_supporting`` when
  none match);
- ``supporter_at_risk`` / ``supporter_distress`` are set when a matched rule carries
  that flag.

A condition is ``all:`` and/or ``any:``, each a list of clauses ``question_id: option_id``
or ``question_id: [option_ids]``. A clause holds when the answer to that question
includes one of its options; unanswered questions hold no clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import Option, Question, Source, by_id
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.safety.guidance import GUIDANCE_FILE, check_banned, load_guidance

__all__ = [
    "FLAGS",
    "LEVELS",
    "TRIAGE_FILE",
    "Clause",
    "Condition",
    "LevelText",
    "MatchedRule",
    "Option",
    "Question",
    "Rule",
    "Source",
    "Step",
    "Triage",
    "TriageAnswerError",
    "TriageDataError",
    "TriageResult",
    "evaluate",
    "level_text",
    "load_triage",
    "questions",
]

TRIAGE_FILE = Path(__file__).resolve().parent.parent / "content" / "triage.yaml"

#: Outcome levels, most urgent first.
LEVELS = ("act_now", "urgent", "plan", "keep_supporting")
FLAGS = ("supporter_at_risk", "supporter_distress")

_RANK = {level: rank for rank, level in enumerate(LEVELS)}

Answers = Mapping[str, str | list[str] | tuple[str, ...] | None]


class TriageDataError(ContentDataError):
    """triage.yaml is inconsistent; the message names the rule, question or level."""


class TriageAnswerError(ValueError):
    """The answers name a question or option that the triage does not have."""


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Clause:
    question_id: str
    option_ids: frozenset[str]

    def holds(self, answers: Mapping[str, frozenset[str]]) -> bool:
        return bool(answers.get(self.question_id, frozenset()) & self.option_ids)


@dataclass(frozen=True)
class Condition:
    all: tuple[Clause, ...]
    any: tuple[Clause, ...]

    def holds(self, answers: Mapping[str, frozenset[str]]) -> bool:
        if not all(clause.holds(answers) for clause in self.all):
            return False
        return not self.any or any(clause.holds(answers) for clause in self.any)


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    when: Condition
    reason: str
    sources: tuple[Source, ...]
    flags: frozenset[str]
    guidance: tuple[str, ...]


@dataclass(frozen=True)
class LevelText:
    level: str
    title: str
    actions: tuple[str, ...]
    watch_for: tuple[str, ...]
    hope: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Triage:
    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]
    levels: tuple[LevelText, ...]
    sources: tuple[Source, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question:
        return by_id(self.questions, question_id)

    def level(self, level: str) -> LevelText:
        for text in self.levels:
            if text.level == level:
                return text
        raise KeyError(level)


@dataclass(frozen=True)
class MatchedRule:
    rule_id: str
    level: str
    reason: str
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class TriageResult:
    level: str
    matched: tuple[MatchedRule, ...]
    actions: tuple[str, ...]
    watch_for: tuple[str, ...]
    hope: str
    supporter_at_risk: bool
    supporter_distress: bool
    title: str = ""
    #: Ids of help_guidance.yaml blocks to show, most urgent rule first.
    guidance: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


# --------------------------------------------------------------------------- loading


def _sources_table(raw: Any, r: Reader) -> dict[str, Source]:
    if not isinstance(raw, dict) or not raw:
        r.fail("", "'sources' must map keys to a title and url")
    table = {}
    for key, entry in raw.items():
        where = f"source {key!r}"
        r.id(key, where)
        if not isinstance(entry, dict):
            r.fail(where, "needs a title and a url")
        url = r.text(entry, "url", where)
        if not url.startswith("https://"):
            r.fail(where, "url must start with https://")
        table[key] = Source(key=key, title=r.text(entry, "title", where), url=url)
    return table


def _cite(
    entry: Mapping[str, Any], table: Mapping[str, Source], where: str, r: Reader
) -> tuple[Source, ...]:
    raw = entry.get("source")
    keys = [raw] if isinstance(raw, str) else raw
    if not isinstance(keys, list) or not keys:
        r.fail(where, "missing source (a key or list of keys from 'sources')")
    cited = []
    for key in keys:
        if key not in table:
            r.fail(where, f"unknown source {key!r}")
        cited.append(table[key])
    return tuple(cited)


def _questions(raw: Any, step_ids: set[str], r: Reader) -> list[Question]:
    result = []
    for index, entry in enumerate(r.items(raw, "'questions'")):
        if not isinstance(entry, dict):
            r.fail(f"questions[{index}]", "must be a mapping")
        question_id = r.id(entry.get("id"), f"questions[{index}]")
        where = f"question {question_id!r}"
        step = entry.get("step")
        if step not in step_ids:
            r.fail(where, f"unknown step {step!r}")
        options_raw = entry.get("options")
        if not isinstance(options_raw, list) or not options_raw:
            r.fail(where, "has no options")
        options = []
        for n, option in enumerate(options_raw):
            if not isinstance(option, dict):
                r.fail(where, f"options[{n}] needs an id and a label")
            option_id = r.id(option.get("id"), f"{where}: options[{n}]")
            options.append(Option(id=option_id, label=r.text(option, "label", f"{where}: {n}")))
        if len(options) < 2:
            r.fail(where, "needs at least two options")
        r.unique((o.id for o in options), f"question {question_id!r} option")
        multiple = entry.get("multiple", False)
        if not isinstance(multiple, bool):
            r.fail(where, "multiple must be true or false")
        result.append(
            Question(
                id=question_id,
                step=step,
                text=r.text(entry, "text", where),
                help=r.text(entry, "help", where, required=False),
                multiple=multiple,
                options=tuple(options),
            )
        )
    r.unique((q.id for q in result), "question")
    return result


def _clauses(raw: Any, by_id: Mapping[str, Question], where: str, r: Reader) -> tuple[Clause, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        r.fail(where, "must be a non-empty list of 'question: option' clauses")
    clauses = []
    for item in raw:
        if not isinstance(item, dict) or len(item) != 1:
            r.fail(where, "each clause is one 'question_id: option(s)' pair")
        ((question_id, options),) = item.items()
        question = by_id.get(question_id)
        if question is None:
            r.fail(where, f"unknown question {question_id!r}")
        option_ids = [options] if not isinstance(options, list) else options
        if not option_ids:
            r.fail(where, f"question {question_id!r} lists no options")
        for option_id in option_ids:
            if option_id not in question.option_ids:
                r.fail(
                    where,
                    f"unknown option {option_id!r} for question {question_id!r}"
                    f" (it has {', '.join(question.option_ids)})",
                )
        clauses.append(Clause(question_id=question_id, option_ids=frozenset(option_ids)))
    return tuple(clauses)


def _rules(
    raw: Any,
    by_id: Mapping[str, Question],
    table: Mapping[str, Source],
    guidance_ids: frozenset[str],
    r: Reader,
) -> list[Rule]:
    result = []
    for index, entry in enumerate(r.items(raw, "'rules'")):
        if not isinstance(entry, dict):
            r.fail(f"rules[{index}]", "must be a mapping")
        rule_id = r.id(entry.get("id"), f"rules[{index}]")
        where = f"rule {rule_id!r}"
        level = entry.get("level")
        if level not in LEVELS:
            r.fail(where, f"level {level!r} is not one of {', '.join(LEVELS)}")
        when = entry.get("when")
        if not isinstance(when, dict) or not when or set(when) - {"all", "any"}:
            r.fail(where, "'when' needs 'all' and/or 'any' and nothing else")
        condition = Condition(
            all=_clauses(when.get("all"), by_id, f"{where}: when.all", r),
            any=_clauses(when.get("any"), by_id, f"{where}: when.any", r),
        )
        flags = entry.get("flags", [])
        if not isinstance(flags, list) or any(flag not in FLAGS for flag in flags):
            r.fail(where, f"flags must be a list from {', '.join(FLAGS)}")
        guidance = entry.get("guidance", [])
        if not isinstance(guidance, list):
            r.fail(where, "guidance must be a list of block ids")
        for block_id in guidance:
            if block_id not in guidance_ids:
                r.fail(where, f"unknown guidance block {block_id!r}")
        result.append(
            Rule(
                id=rule_id,
                level=level,
                when=condition,
                reason=r.text(entry, "reason", where),
                sources=_cite(entry, table, where, r),
                flags=frozenset(flags),
                guidance=tuple(guidance),
            )
        )
    r.unique((rule.id for rule in result), "rule")
    return result


def _levels(raw: Any, table: Mapping[str, Source], r: Reader) -> tuple[LevelText, ...]:
    if not isinstance(raw, dict):
        r.fail("", "'levels' must map each level to its text")
    unknown = [level for level in raw if level not in LEVELS]
    if unknown:
        r.fail("", f"level {unknown[0]!r} is not one of {', '.join(LEVELS)}")
    texts = []
    for level in LEVELS:
        entry = raw.get(level)
        where = f"level {level!r}"
        if not isinstance(entry, dict):
            r.fail(where, "missing its title, actions, watch_for and hope")
        if not entry.get("actions"):
            r.fail(where, "has no actions; say what to do, action first")
        texts.append(
            LevelText(
                level=level,
                title=r.text(entry, "title", where),
                actions=r.texts(entry, "actions", where),
                watch_for=r.texts(entry, "watch_for", where),
                hope=r.text(entry, "hope", where),
                sources=_cite(entry, table, where, r),
            )
        )
    return tuple(texts)


def parse_triage(
    raw: Any, name: str = TRIAGE_FILE.name, *, guidance_ids: Iterable[str] | None = None
) -> Triage:
    """Validate parsed YAML and build the triage (split out so tests can feed dicts)."""
    r = Reader(name, TriageDataError)
    if not isinstance(raw, dict):
        r.fail("", "must be a mapping with sources, steps, questions, rules")
    check_banned(raw, name, TriageDataError)
    if guidance_ids is None:
        guidance_ids = (block.id for block in load_guidance(GUIDANCE_FILE))
    table = _sources_table(raw.get("sources"), r)

    step_info = []
    for index, entry in enumerate(r.items(raw.get("steps"), "'steps'")):
        if not isinstance(entry, dict):
            r.fail(f"steps[{index}]", "must be a mapping")
        step_id = r.id(entry.get("id"), f"steps[{index}]")
        where = f"step {step_id!r}"
        step_info.append(
            (step_id, r.text(entry, "title", where), r.text(entry, "intro", where, required=False))
        )
    r.unique((info[0] for info in step_info), "step")

    question_list = _questions(raw.get("questions"), {info[0] for info in step_info}, r)
    steps = []
    for step_id, title, intro in step_info:
        in_step = tuple(q for q in question_list if q.step == step_id)
        if not in_step:
            r.fail(f"step {step_id!r}", "has no questions")
        steps.append(Step(id=step_id, title=title, intro=intro, questions=in_step))

    by_id = {q.id: q for q in question_list}
    rules = _rules(raw.get("rules"), by_id, table, frozenset(guidance_ids), r)
    levels = _levels(raw.get("levels"), table, r)
    return Triage(
        steps=tuple(steps), rules=tuple(rules), levels=levels, sources=tuple(table.values())
    )


@cache
def load_triage(path: Path = TRIAGE_FILE) -> Triage:
    """The triage from ``path``, validated. Cached per path."""
    return parse_triage(read_yaml(path, TriageDataError), path.name)


def questions() -> tuple[Step, ...]:
    """The steps, each with its questions, in order, for the UI."""
    return load_triage().steps


def level_text(level: str) -> LevelText:
    """Title, actions, what to watch for and hope for one level."""
    return load_triage().level(level)


# --------------------------------------------------------------------------- evaluating


def _normalise(answers: Answers, triage: Triage) -> dict[str, frozenset[str]]:
    by_id = {q.id: q for q in triage.questions}
    chosen: dict[str, frozenset[str]] = {}
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise TriageAnswerError(f"unknown question {question_id!r}")
        if value is None or value == "":
            continue
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, list | tuple | set | frozenset):
            values = [v for v in value if v != ""]
        else:
            raise TriageAnswerError(f"question {question_id!r}: answer must be text or a list")
        if not all(isinstance(v, str) for v in values):
            raise TriageAnswerError(f"question {question_id!r}: options must be text")
        if not values:
            continue
        if len(values) > 1 and not question.multiple:
            raise TriageAnswerError(f"question {question_id!r} takes one answer, got {values}")
        for option_id in values:
            if option_id not in question.option_ids:
                raise TriageAnswerError(
                    f"unknown option {option_id!r} for question {question_id!r}"
                )
        chosen[question_id] = frozenset(values)
    return chosen


def evaluate(answers: Answers, *, triage: Triage | None = None) -> TriageResult:
    """Apply every rule to ``answers`` (question id -> option id, or a list for
    multiple-choice questions). Unanswered questions, ``None`` and ``""`` count as no
    answer; an unknown question or option raises :class:`TriageAnswerError`."""
    triage = triage or load_triage()
    chosen = _normalise(answers, triage)
    hits = sorted(
        (rule for rule in triage.rules if rule.when.holds(chosen)),
        key=lambda rule: _RANK[rule.level],  # stable: YAML order within a level
    )
    level = hits[0].level if hits else "keep_supporting"
    text = triage.level(level)
    guidance: list[str] = []
    for rule in hits:
        guidance.extend(g for g in rule.guidance if g not in guidance)
    return TriageResult(
        level=level,
        matched=tuple(
            MatchedRule(rule_id=r.id, level=r.level, reason=r.reason, sources=r.sources)
            for r in hits
        ),
        actions=text.actions,
        watch_for=text.watch_for,
        hope=text.hope,
        supporter_at_risk=any("supporter_at_risk" in r.flags for r in hits),
        supporter_distress=any("supporter_distress" in r.flags for r in hits),
        title=text.title,
        guidance=tuple(guidance),
        sources=text.sources,
    )
