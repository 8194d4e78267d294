"""Loading the Understand content: questions, scoring and playbook, checked against each other.

Plain Python, no Django. Every file is parsed and read through the shared strict
:class:`~porchlight.content.reader.Reader`, so errors read like every other content
file's: ``scoring.yaml: stage 'action': sources must be a non-empty list ...``.
Loading is cached (:func:`load_content`); :func:`clear_cache` forgets it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn

from porchlight.content.library import DEFAULT_DIRECTORY as ARTICLES_DIRECTORY
from porchlight.content.library import load_articles
from porchlight.content.questionnaire import Option, Question, Source
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.understand.engine.model import (
    _CONDITION_KEYS,
    _SIMPLE_SLOTS,
    _TITLED_SECTIONS,
    CONTENT_DIRECTORY,
    DEMO_FILE,
    NEXT_STEP_COUNT,
    PLAYBOOK_FILE,
    QUESTIONS_FILE,
    SCORING_FILE,
    SECTIONS,
    AnswerError,
    Answers,
    BarrierInfo,
    ConcernInfo,
    Condition,
    Content,
    ContentError,
    Effect,
    FlagInfo,
    PlaybookRule,
    PlaybookRules,
    RelapseInfo,
    RelationshipInfo,
    Scoring,
    StageInfo,
)

__all__ = [
    "ARTICLES_DIRECTORY",
    "clear_cache",
    "load_content",
    "load_demo_answers",
    "normalize_answers",
]


class _Read(Reader):
    """The shared Reader for one Understand file; its errors are :class:`ContentError`."""

    def __init__(self, name: str) -> None:
        super().__init__(name, ContentError)

    def fail(self, where: str, message: str) -> NoReturn:
        raise ContentError(self.name, where, message)


def _yaml(read: _Read, directory: Path) -> Mapping[str, Any]:
    try:
        data = read_yaml(directory / read.name, ContentDataError)
    except ContentDataError as error:
        read.fail("", str(error).removeprefix(f"{read.name}: "))
    return read.mapping(data, "the top level")


class _Sources:
    """A file's table of sources; tracks which keys are cited so unused ones are caught."""

    def __init__(self, read: _Read, raw: Any) -> None:
        self.read = read
        self.table: dict[str, Source] = read.sources(raw)
        self.used: set[str] = set()

    def cite(self, entry: Mapping[str, Any], where: str) -> tuple[Source, ...]:
        cited = self.read.cite(entry, self.table, where)
        self.used.update(source.key for source in cited)
        return cited

    def check_all_used(self) -> None:
        unused = sorted(set(self.table) - self.used)
        if unused:
            self.read.fail(f"source {unused[0]!r}", "is never cited")


# --------------------------------------------------------------------------- questions


def _load_questions(directory: Path) -> tuple[Question, ...]:
    r = _Read(QUESTIONS_FILE)
    data = r.mapping(_yaml(r, directory), "")
    r.fields(data, "", required=("reviewed", "questions"))
    r.date(data, "reviewed", "")
    questions = []
    for index, entry in enumerate(r.items(data["questions"], "questions")):
        question_id = r.id(
            entry.get("id") if isinstance(entry, dict) else None, f"questions[{index}]"
        )
        where = f"question {question_id!r}"
        r.fields(entry, where, required=("id", "text", "options"), optional=("help", "multiple"))
        multiple = entry.get("multiple", False)
        if not isinstance(multiple, bool):
            r.fail(where, "'multiple' must be true or false")
        options = []
        for number, option in enumerate(r.items(entry["options"], where)):
            option_where = f"{where} options[{number}]"
            option_id = r.id(option.get("id") if isinstance(option, dict) else None, option_where)
            option_where = f"{where} option {option_id!r}"
            r.fields(option, option_where, required=("id", "label"))
            options.append(Option(id=option_id, label=r.text(option, "label", option_where)))
        if len(options) < 2:
            r.fail(where, "needs at least two options")
        r.unique((o.id for o in options), f"{where} option")
        questions.append(
            Question(
                id=question_id,
                text=r.text(entry, "text", where),
                help=r.text(entry, "help", where, required=False),
                multiple=multiple,
                options=tuple(options),
            )
        )
    r.unique((q.id for q in questions), "question")
    return tuple(questions)


# --------------------------------------------------------------------------- scoring


def _weights(
    r: _Read, raw: Any, known: Sequence[str], where: str, what: str
) -> tuple[tuple[str, int], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        r.fail(where, f"'{what}' must map ids to whole-number weights")
    weights = []
    for key, weight in raw.items():
        if key not in known:
            r.fail(where, f"unknown {what[:-1]} {key!r}")
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 10:
            r.fail(where, f"weight for {key!r} must be a whole number 1-10")
        weights.append((key, weight))
    order = {key: index for index, key in enumerate(known)}
    return tuple(sorted(weights, key=lambda item: order[item[0]]))


def _load_scoring(
    directory: Path, questions: tuple[Question, ...], slugs: frozenset[str]
) -> Scoring:
    r = _Read(SCORING_FILE)
    data = r.mapping(_yaml(r, directory), "")
    r.fields(
        data,
        "",
        required=(
            "reviewed",
            "sources",
            "default_stage",
            "stage_confidence",
            "barriers",
            "stages",
            "relapse",
            "flags",
            "options",
        ),
    )
    r.date(data, "reviewed", "")
    sources = _Sources(r, data["sources"])

    barriers = []
    for barrier_id, entry in r.mapping(data["barriers"], "barriers", non_empty=True).items():
        where = f"barrier {r.id(barrier_id, 'barriers')!r}"
        r.fields(entry, where, required=("title", "meaning", "what_to_do", "article", "sources"))
        barriers.append(
            BarrierInfo(
                id=barrier_id,
                title=r.text(entry, "title", where),
                meaning=r.text(entry, "meaning", where),
                what_to_do=r.text(entry, "what_to_do", where),
                article=r.article(entry, where, slugs),
                sources=sources.cite(entry, where),
            )
        )

    stages = []
    for stage_id, entry in r.mapping(data["stages"], "stages", non_empty=True).items():
        where = f"stage {r.id(stage_id, 'stages')!r}"
        r.fields(
            entry,
            where,
            required=("title", "quote", "meaning", "helps", "backfires", "article", "sources"),
        )
        stages.append(
            StageInfo(
                id=stage_id,
                title=r.text(entry, "title", where),
                quote=r.text(entry, "quote", where),
                meaning=r.text(entry, "meaning", where),
                helps=r.texts(entry, "helps", where),
                backfires=r.texts(entry, "backfires", where),
                article=r.article(entry, where, slugs),
                sources=sources.cite(entry, where),
            )
        )

    where = "relapse"
    entry = r.fields(
        data["relapse"],
        where,
        required=("title", "meaning", "helps", "backfires", "article", "sources"),
    )
    relapse = RelapseInfo(
        title=r.text(entry, "title", where),
        meaning=r.text(entry, "meaning", where),
        helps=r.texts(entry, "helps", where),
        backfires=r.texts(entry, "backfires", where),
        article=r.article(entry, where, slugs),
        sources=sources.cite(entry, where),
    )

    flags = []
    for flag_id, entry in r.mapping(data["flags"], "flags", non_empty=True).items():
        where = f"flag {r.id(flag_id, 'flags')!r}"
        r.fields(entry, where, required=("title", "meaning", "article", "sources"))
        flags.append(
            FlagInfo(
                id=flag_id,
                title=r.text(entry, "title", where),
                meaning=r.text(entry, "meaning", where),
                article=r.article(entry, where, slugs),
                sources=sources.cite(entry, where),
            )
        )

    barrier_ids = [b.id for b in barriers]
    stage_ids = [s.id for s in stages]
    flag_ids = [f.id for f in flags]

    default_stage = data["default_stage"]
    if default_stage not in stage_ids:
        r.fail("default_stage", f"unknown stage {default_stage!r}")
    confidence = r.fields(
        data["stage_confidence"],
        "stage_confidence",
        required=("full_evidence", "high", "medium"),
    )
    full_evidence = confidence["full_evidence"]
    if isinstance(full_evidence, bool) or not isinstance(full_evidence, int) or full_evidence < 1:
        r.fail("stage_confidence", "full_evidence must be a whole number >= 1")
    high, medium = confidence["high"], confidence["medium"]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (high, medium)):
        r.fail("stage_confidence", "high and medium must be numbers")
    if not 0 < medium < high <= 1:
        r.fail("stage_confidence", "needs 0 < medium < high <= 1")

    raw_options = r.mapping(data["options"], "options", non_empty=True)
    effects: dict[tuple[str, str], Effect] = {}
    by_id = {q.id: q for q in questions}
    for question_id, per_option in raw_options.items():
        question = by_id.get(question_id)
        if question is None:
            r.fail(f"options {question_id!r}", "unknown question")
        per_option = r.mapping(per_option, f"options {question_id!r}", non_empty=True)
        for option_id, entry in per_option.items():
            where = f"option {question_id}.{option_id}"
            if option_id not in question.option_ids:
                r.fail(where, "unknown option for this question")
            r.fields(
                entry,
                where,
                required=("because",),
                optional=("barriers", "stages", "flags", "relapse"),
            )
            because = r.text(entry, "because", where)
            if because.lower().startswith("because"):
                r.fail(where, "'because' finishes 'Because you said ...'")
            raw_flags = entry.get("flags", [])
            if not isinstance(raw_flags, list) or any(f not in flag_ids for f in raw_flags):
                r.fail(where, f"flags must be a list from {', '.join(flag_ids)}")
            relapse_mark = entry.get("relapse", False)
            if not isinstance(relapse_mark, bool):
                r.fail(where, "'relapse' must be true or false")
            effects[(question_id, option_id)] = Effect(
                question_id=question_id,
                option_id=option_id,
                because=because.rstrip("."),
                barriers=_weights(r, entry.get("barriers"), barrier_ids, where, "barriers"),
                stages=_weights(r, entry.get("stages"), stage_ids, where, "stages"),
                flags=tuple(raw_flags),
                relapse=relapse_mark,
            )
    for question in questions:
        for option_id in question.option_ids:
            if (question.id, option_id) not in effects:
                r.fail(
                    f"option {question.id}.{option_id}",
                    "has no entry; every option needs one",
                )

    # Every barrier and stage must be reachable, or the map can never show it.
    for barrier_id in barrier_ids:
        if not any(dict(e.barriers).get(barrier_id) for e in effects.values()):
            r.fail(f"barrier {barrier_id!r}", "no option gives it any weight")
    for stage_id in stage_ids:
        if not any(dict(e.stages).get(stage_id) for e in effects.values()):
            r.fail(f"stage {stage_id!r}", "no option gives it any evidence")
    for flag_id in flag_ids:
        if not any(flag_id in e.flags for e in effects.values()):
            r.fail(f"flag {flag_id!r}", "no option raises it")
    sources.check_all_used()

    return Scoring(
        barriers=tuple(barriers),
        stages=tuple(stages),
        relapse=relapse,
        flags=tuple(flags),
        effects=MappingProxyType(effects),
        default_stage=default_stage,
        full_evidence=full_evidence,
        high_confidence=float(high),
        medium_confidence=float(medium),
    )


# --------------------------------------------------------------------------- playbook


def _condition(r: _Read, raw: Any, known: Mapping[str, Sequence[str]], where: str) -> Condition:
    if not isinstance(raw, dict) or not raw:
        r.fail(where, "each 'when' condition must be a non-empty mapping")
    unknown = sorted(str(key) for key in set(raw) - set(_CONDITION_KEYS))
    if unknown:
        r.fail(
            where,
            f"unknown 'when' key(s) {', '.join(unknown)}; use {', '.join(_CONDITION_KEYS)}",
        )
    values: dict[str, Any] = {}
    for key in _CONDITION_KEYS:
        if key not in raw:
            continue
        value = raw[key]
        if key == "relapse":
            if not isinstance(value, bool):
                r.fail(where, "'relapse' must be true or false")
            values[key] = value
            continue
        if not isinstance(value, list) or not value:
            r.fail(where, f"'{key}' must be a non-empty list of ids")
        for item in value:
            if item not in known[key]:
                r.fail(where, f"unknown {key[:-1]} {item!r} in 'when'")
        values[key] = frozenset(value)
    return Condition(**values)


def _load_playbook(directory: Path, scoring: Scoring, slugs: frozenset[str]) -> PlaybookRules:
    r = _Read(PLAYBOOK_FILE)
    data = r.mapping(_yaml(r, directory), "")
    r.fields(
        data,
        "",
        required=("reviewed", "settings", "sources", "concerns", "relationships", *SECTIONS),
    )
    r.date(data, "reviewed", "")
    sources = _Sources(r, data["sources"])

    settings = r.fields(
        data["settings"],
        "settings",
        required=("top_barriers", "priority", "limits"),
    )
    top_barriers = settings["top_barriers"]
    if isinstance(top_barriers, bool) or not isinstance(top_barriers, int) or top_barriers < 1:
        r.fail("settings", "top_barriers must be a whole number >= 1")
    priority = r.items(settings["priority"], "settings")
    expected = {*_SIMPLE_SLOTS, *(f"barrier_{n}" for n in range(1, top_barriers + 1))}
    if len(set(map(str, priority))) != len(priority) or set(priority) != expected:
        r.fail(
            "settings",
            f"priority must list each of {', '.join(sorted(expected))} exactly once",
        )
    limits_raw = r.mapping(settings["limits"], "settings", non_empty=True)
    limits = {}
    for section, limit in limits_raw.items():
        if section not in SECTIONS or section == "next_steps":
            r.fail("settings", f"limits: unknown section {section!r}")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            r.fail("settings", f"limits: {section} must be a whole number >= 1")
        limits[section] = limit

    concerns = []
    for concern_id, entry in r.mapping(data["concerns"], "concerns", non_empty=True).items():
        where = f"concern {r.id(concern_id, 'concerns')!r}"
        r.fields(entry, where, required=("choice", "label", "article"))
        concerns.append(
            ConcernInfo(
                id=concern_id,
                label=r.text(entry, "label", where),
                article=r.article(entry, where, slugs),
            )
        )
    relationships = []
    for relationship_id, entry in r.mapping(
        data["relationships"], "relationships", non_empty=True
    ).items():
        where = f"relationship {r.id(relationship_id, 'relationships')!r}"
        r.fields(entry, where, required=("choice", "label"))
        relationships.append(
            RelationshipInfo(id=relationship_id, label=r.text(entry, "label", where))
        )

    known = {
        "barriers": scoring.barrier_ids,
        "stages": scoring.stage_ids,
        "concerns": tuple(c.id for c in concerns),
        "relationships": tuple(r.id for r in relationships),
        "flags": scoring.flag_ids,
    }
    sections: dict[str, tuple[PlaybookRule, ...]] = {}
    for section in SECTIONS:
        rules = []
        titled = section in _TITLED_SECTIONS
        required = ["id", "text", "article", "sources"] + (["title"] if titled else [])
        optional = ["when", "violence_caution"]
        if section == "support_groups":
            optional.append("url")
        if section == "patterns":
            required.append("responses")
        for index, entry in enumerate(r.items(data[section], section)):
            rule_id = r.id(
                entry.get("id") if isinstance(entry, dict) else None, f"{section}[{index}]"
            )
            where = f"{section} {rule_id!r}"
            r.fields(entry, where, required=required, optional=optional)
            raw_when = entry.get("when")
            if raw_when is None:
                when: tuple[Condition, ...] = ()
            elif isinstance(raw_when, list):
                if not raw_when:
                    r.fail(where, "'when' must not be an empty list")
                when = tuple(_condition(r, item, known, where) for item in raw_when)
            else:
                when = (_condition(r, raw_when, known, where),)
            url = r.text(entry, "url", where, required=False)
            if url and not url.startswith("https://"):
                r.fail(where, "url must start with https://")
            caution = entry.get("violence_caution", False)
            if not isinstance(caution, bool):
                r.fail(where, "violence_caution must be true or false")
            rules.append(
                PlaybookRule(
                    section=section,
                    id=rule_id,
                    title=r.text(entry, "title", where, required=titled),
                    text=r.text(entry, "text", where),
                    article=r.article(entry, where, slugs),
                    sources=sources.cite(entry, where),
                    when=when,
                    url=url,
                    responses=r.texts(entry, "responses", where) if section == "patterns" else (),
                    violence_caution=caution,
                )
            )
        r.unique((rule.id for rule in rules), f"{section} item")
        sections[section] = tuple(rules)

    general_steps = [rule for rule in sections["next_steps"] if not rule.when]
    if len(general_steps) < NEXT_STEP_COUNT:
        r.fail(
            "next_steps",
            f"needs at least {NEXT_STEP_COUNT} steps without 'when', so there are always"
            f" {NEXT_STEP_COUNT}",
        )
    sources.check_all_used()
    return PlaybookRules(
        top_barriers=top_barriers,
        priority=tuple(priority),
        limits=MappingProxyType(limits),
        concerns=tuple(concerns),
        relationships=tuple(relationships),
        sections=MappingProxyType(sections),
    )


@functools.lru_cache(maxsize=8)
def _load_content(directory: Path, articles_directory: Path) -> Content:
    slugs = frozenset(load_articles(articles_directory))
    questions = _load_questions(directory)
    scoring = _load_scoring(directory, questions, slugs)
    playbook = _load_playbook(directory, scoring, slugs)
    return Content(questions=questions, scoring=scoring, playbook=playbook, directory=directory)


def load_content(
    directory: Path | str | None = None, *, articles_directory: Path | str | None = None
) -> Content:
    """Load and cross-check questions.yaml, scoring.yaml and playbook.yaml.

    Cached per directory; call :func:`clear_cache` after editing. Raises
    :class:`ContentError` (a ``ValueError``) naming the file and item on any problem.
    """
    content_dir = Path(directory) if directory is not None else CONTENT_DIRECTORY
    articles_dir = (
        Path(articles_directory) if articles_directory is not None else ARTICLES_DIRECTORY
    )
    return _load_content(content_dir.resolve(), articles_dir.resolve())


def clear_cache() -> None:
    """Forget loaded content (for tests and content editing)."""
    _load_content.cache_clear()


def load_demo_answers(
    directory: Path | str | None = None, *, content: Content | None = None
) -> dict[str, dict[str, list[str]]]:
    """Answers for the demo circles, keyed by circle name, checked against the questions."""
    content = content if content is not None else load_content(directory)
    base = Path(directory) if directory is not None else content.directory
    r = _Read(DEMO_FILE)
    data = r.mapping(_yaml(r, base), "")
    r.fields(data, "", required=("circles",))
    result = {}
    for name, answers in r.mapping(data["circles"], "circles", non_empty=True).items():
        where = f"circle {name!r}"
        if not isinstance(name, str) or not name.strip():
            r.fail(where, "circle names must be text")
        answers = r.mapping(answers, where, non_empty=True)
        try:
            normalized = normalize_answers(answers, content=content)
        except AnswerError as error:
            r.fail(where, str(error))
        result[name] = {question: list(options) for question, options in normalized}
    return result


# --------------------------------------------------------------------------- scoring answers


def normalize_answers(
    answers: Answers, *, content: Content | None = None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Check answers and put them in question and option order; unanswered ones are dropped."""
    content = content if content is not None else load_content()
    if not isinstance(answers, Mapping):
        raise AnswerError("answers must map question ids to option ids")
    by_id = {q.id: q for q in content.questions}
    for question_id in answers:
        if question_id not in by_id:
            raise AnswerError(f"unknown question {question_id!r}")
    result = []
    for question in content.questions:
        raw = answers.get(question.id)
        if raw is None or raw == "":
            continue
        if isinstance(raw, str):
            chosen = [raw]
        elif isinstance(raw, list | tuple | set | frozenset):
            chosen = list(raw)
        else:
            raise AnswerError(f"answer to {question.id!r} must be an option id or a list of them")
        for option_id in chosen:
            if not isinstance(option_id, str) or option_id not in question.option_ids:
                raise AnswerError(
                    f"unknown option {option_id!r} for question {question.id!r}"
                    f" (it has {', '.join(question.option_ids)})"
                )
        picked = set(chosen)
        if not picked:
            continue
        if not question.multiple and len(picked) > 1:
            raise AnswerError(f"question {question.id!r} takes one answer, got {len(picked)}")
        result.append((question.id, tuple(o for o in question.option_ids if o in picked)))
    return tuple(result)
