"""The "Pause or act" triage: deterministic rules kept as data in content/triage.yaml.

Plain Python, no Django. :func:`load_triage` reads and validates the file (strictly: any
problem raises :class:`TriageDataError` naming the rule, question or level), and
:func:`evaluate` turns a supporter's answers into a :class:`TriageResult`:

- every rule whose condition holds is *matched*, and all their reasons are shown,
  highest level first;
- the outcome is the highest level any matched rule reaches (``keep_supporting`` when
  none match);
- ``supporter_at_risk`` / ``supporter_distress`` are set when a matched rule carries
  that flag;
- ``focus`` says whom the page speaks to: ``safety_first`` when any matched rule is about
  violence or threats (never "stay with them"), or the supporter's fear is at the
  outcome's level; ``supporter`` when a rule at the outcome's level is about the
  supporter's own crisis; else ``loved_one``;
- no answer at all is ``not_assessed``: the page says it could not assess and asks
  again. It never reassures.

A condition is ``all:`` and/or ``any:``, each a list of clauses. A clause is
``question_id: option_id`` or ``question_id: [option_ids]`` (holds when the answer
includes one of those options), ``question_id: {at_least: N, of: [option_ids]}``
(holds when N or more of them are chosen: warning signs add up), or a nested group
``any: [clauses]`` / ``all: [clauses]``. Unanswered questions hold no clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import Option, Question, Source, by_id
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned
from porchlight.safety.guidance import GUIDANCE_FILE, load_guidance

__all__ = [
    "FLAGS",
    "FOCUSES",
    "LEVELS",
    "NOT_ASSESSED",
    "SUPPORTER_STEP",
    "TRIAGE_FILE",
    "Clause",
    "Condition",
    "FocusText",
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
    "is_personal",
    "level_text",
    "load_triage",
    "questions",
    "split_answers",
]

TRIAGE_FILE = Path(__file__).resolve().parent.parent / "content" / "triage.yaml"

#: The step whose questions are about the supporter, not the loved one.
SUPPORTER_STEP = "you"

#: Outcome levels, most urgent first.
LEVELS = ("act_now", "urgent", "plan", "keep_supporting")
FLAGS = ("supporter_at_risk", "supporter_distress")
#: Whom a result page speaks to, besides the default ``loved_one``, strongest first.
FOCUSES = ("safety_first", "supporter")
#: The outcome when nothing was answered: not a level, and never reassuring.
NOT_ASSESSED = "not_assessed"

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
    at_least: int = 1

    def holds(self, answers: Mapping[str, frozenset[str]]) -> bool:
        chosen = answers.get(self.question_id, frozenset()) & self.option_ids
        return len(chosen) >= self.at_least


@dataclass(frozen=True)
class Condition:
    all: tuple[Clause | Condition, ...]
    any: tuple[Clause | Condition, ...]

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
    focus: str = ""


@dataclass(frozen=True)
class LevelText:
    level: str
    title: str
    actions: tuple[str, ...]
    watch_for: tuple[str, ...]
    hope: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FocusText:
    """The title and actions for one level when the page speaks to someone else."""

    focus: str
    level: str
    title: str
    actions: tuple[str, ...]
    hope: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Triage:
    steps: tuple[Step, ...]
    rules: tuple[Rule, ...]
    levels: tuple[LevelText, ...]
    sources: tuple[Source, ...]
    not_assessed: LevelText | None = None
    focus_texts: tuple[FocusText, ...] = ()

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question:
        return by_id(self.questions, question_id)

    def level(self, level: str) -> LevelText:
        for text in self.levels:
            if text.level == level:
                return text
        if level == NOT_ASSESSED and self.not_assessed is not None:
            return self.not_assessed
        raise KeyError(level)

    def focus_text(self, focus: str, level: str) -> FocusText | None:
        for text in self.focus_texts:
            if (text.focus, text.level) == (focus, level):
                return text
        return None


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
    #: Whom the page speaks to: loved_one, safety_first or supporter.
    focus: str = "loved_one"

    @property
    def assessed(self) -> bool:
        return self.level != NOT_ASSESSED


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


def _clauses(
    raw: Any, by_id: Mapping[str, Question], where: str, r: Reader
) -> tuple[Clause | Condition, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        r.fail(where, "must be a non-empty list of 'question: option' clauses")
    clauses: list[Clause | Condition] = []
    for item in raw:
        if not isinstance(item, dict) or len(item) != 1:
            r.fail(where, "each clause is one 'question_id: option(s)' pair")
        ((question_id, options),) = item.items()
        if question_id in ("all", "any"):
            group = _clauses(options, by_id, f"{where}.{question_id}", r)
            nested = Condition(all=group, any=()) if question_id == "all" else None
            clauses.append(nested or Condition(all=(), any=group))
            continue
        question = by_id.get(question_id)
        if question is None:
            r.fail(where, f"unknown question {question_id!r}")
        at_least = 1
        if isinstance(options, dict):
            if set(options) != {"at_least", "of"}:
                r.fail(where, f"question {question_id!r}: a count needs 'at_least' and 'of'")
            at_least, options = options["at_least"], options["of"]
            if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
                r.fail(where, f"question {question_id!r}: at_least must be a whole number")
        option_ids = [options] if not isinstance(options, list) else options
        if not option_ids:
            r.fail(where, f"question {question_id!r} lists no options")
        if at_least > len(option_ids):
            r.fail(where, f"question {question_id!r}: at_least is more than the options listed")
        for option_id in option_ids:
            if option_id not in question.option_ids:
                r.fail(
                    where,
                    f"unknown option {option_id!r} for question {question_id!r}"
                    f" (it has {', '.join(question.option_ids)})",
                )
        clauses.append(
            Clause(question_id=question_id, option_ids=frozenset(option_ids), at_least=at_least)
        )
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
        focus = entry.get("focus", "")
        if focus and focus not in FOCUSES:
            r.fail(where, f"focus must be one of {', '.join(FOCUSES)}")
        result.append(
            Rule(
                id=rule_id,
                level=level,
                when=condition,
                reason=r.text(entry, "reason", where),
                sources=_cite(entry, table, where, r),
                flags=frozenset(flags),
                guidance=tuple(guidance),
                focus=focus,
            )
        )
    r.unique((rule.id for rule in result), "rule")
    return result


def _level_text(entry: Any, level: str, table: Mapping[str, Source], r: Reader) -> LevelText:
    where = f"level {level!r}"
    if not isinstance(entry, dict):
        r.fail(where, "missing its title, actions, watch_for and hope")
    if not entry.get("actions"):
        r.fail(where, "has no actions; say what to do, action first")
    return LevelText(
        level=level,
        title=r.text(entry, "title", where),
        actions=r.texts(entry, "actions", where),
        watch_for=r.texts(entry, "watch_for", where),
        hope=r.text(entry, "hope", where),
        sources=_cite(entry, table, where, r),
    )


def _levels(raw: Any, table: Mapping[str, Source], r: Reader) -> tuple[LevelText, ...]:
    if not isinstance(raw, dict):
        r.fail("", "'levels' must map each level to its text")
    unknown = [level for level in raw if level not in LEVELS]
    if unknown:
        r.fail("", f"level {unknown[0]!r} is not one of {', '.join(LEVELS)}")
    return tuple(_level_text(raw.get(level), level, table, r) for level in LEVELS)


def _focus_texts(raw: Any, table: Mapping[str, Source], r: Reader) -> tuple[FocusText, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or set(raw) - set(FOCUSES):
        r.fail("focus", f"must map {', '.join(FOCUSES)} to texts per level")
    texts = []
    for focus, by_level in raw.items():
        if not isinstance(by_level, dict) or set(by_level) - {"act_now", "urgent"}:
            r.fail(f"focus {focus!r}", "gives texts for act_now and/or urgent only")
        for level, entry in by_level.items():
            where = f"focus {focus!r} {level!r}"
            if not isinstance(entry, dict) or not entry.get("actions"):
                r.fail(where, "has no actions; say what to do, action first")
            texts.append(
                FocusText(
                    focus=focus,
                    level=level,
                    title=r.text(entry, "title", where),
                    actions=r.texts(entry, "actions", where),
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
    r.date(raw, "reviewed", "")
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
        steps=tuple(steps),
        rules=tuple(rules),
        levels=levels,
        sources=tuple(table.values()),
        not_assessed=_level_text(raw.get(NOT_ASSESSED), NOT_ASSESSED, table, r),
        focus_texts=_focus_texts(raw.get("focus"), table, r),
    )


@cache
def load_triage(path: Path = TRIAGE_FILE) -> Triage:
    """The triage from ``path``, validated. Cached per path."""
    return parse_triage(read_yaml(path, TriageDataError), path.name)


def questions() -> tuple[Step, ...]:
    """The steps, each with its questions, in order, for the UI."""
    return load_triage().steps


def split_answers(answers: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(about the loved one, about the supporter): the answers split by step."""
    own = {q.id for q in load_triage().questions if q.step == SUPPORTER_STEP}
    return (
        {key: value for key, value in answers.items() if key not in own},
        {key: value for key, value in answers.items() if key in own},
    )


def is_personal(answers: Mapping[str, Any]) -> bool:
    """Do the answers show the supporter's own distress or fear? Then saving is private."""
    return bool(evaluate(split_answers(answers)[1]).matched)


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


def _focus(hits: list[Rule], level: str) -> str:
    # Violence or threats put safety first whatever else is going on. The supporter's
    # fear alone does so at its own level: "sometimes afraid" must not hide the
    # overdose steps when the person cannot be woken.
    if any(
        rule.focus == "safety_first"
        and (rule.level == level or "supporter_at_risk" not in rule.flags)
        for rule in hits
    ):
        return "safety_first"
    if any(rule.focus == "supporter" and rule.level == level for rule in hits):
        return "supporter"
    return "loved_one"


def evaluate(answers: Answers, *, triage: Triage | None = None) -> TriageResult:
    """Apply every rule to ``answers`` (question id -> option id, or a list for
    multiple-choice questions). Unanswered questions, ``None`` and ``""`` count as no
    answer; an unknown question or option raises :class:`TriageAnswerError`. With no
    answer at all the result is :data:`NOT_ASSESSED`."""
    triage = triage or load_triage()
    chosen = _normalise(answers, triage)
    if not chosen and triage.not_assessed is not None:
        text = triage.not_assessed
        return TriageResult(
            level=NOT_ASSESSED,
            matched=(),
            actions=text.actions,
            watch_for=text.watch_for,
            hope=text.hope,
            supporter_at_risk=False,
            supporter_distress=False,
            title=text.title,
            sources=text.sources,
        )
    hits = sorted(
        (rule for rule in triage.rules if rule.when.holds(chosen)),
        key=lambda rule: _RANK[rule.level],  # stable: YAML order within a level
    )
    level = hits[0].level if hits else "keep_supporting"
    text = triage.level(level)
    focus = _focus(hits, level)
    focused = triage.focus_text(focus, level)
    guidance: list[str] = []
    # The blocks for whoever the page speaks to come first.
    for rule in sorted(hits, key=lambda rule: rule.focus != focus):
        guidance.extend(g for g in rule.guidance if g not in guidance)
    return TriageResult(
        level=level,
        matched=tuple(
            MatchedRule(rule_id=r.id, level=r.level, reason=r.reason, sources=r.sources)
            for r in hits
        ),
        actions=focused.actions if focused else text.actions,
        watch_for=text.watch_for,
        hope=focused.hope if focused else text.hope,
        supporter_at_risk=any("supporter_at_risk" in r.flags for r in hits),
        supporter_distress=any("supporter_distress" in r.flags for r in hits),
        title=focused.title if focused else text.title,
        guidance=tuple(guidance),
        sources=focused.sources if focused else text.sources,
        focus=focus,
    )
