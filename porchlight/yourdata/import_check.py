"""Checking a circle export, all of it, before `import_circle` writes anything.

The file is read by a small JSON reader that remembers the line each value starts
on, so every problem names its place: ``export.json:42: journal_entries[3].tension:
…``. Each record is then checked with the same rules as the web forms (the forms
themselves, fed the record's values) and the same content validators the pages use
(triage answers, barrier answers, check-in answers), after a strict type check, so
that "5" is not taken for 5 or true for 1. Rules that only make sense while typing
(a review date must be in the future) are left out; an old plan's review date is
history. Every problem is collected, not just the first.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from json.decoder import WHITESPACE, scanstring  # type: ignore[attr-defined]
from json.scanner import NUMBER_RE  # type: ignore[attr-defined]
from typing import Any, NoReturn

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone

from porchlight.boundaries.forms import BoundaryForm, BoundaryTestForm
from porchlight.circles.forms import CircleForm
from porchlight.coach.forms import ConversationPlanForm, MessageForm, OutcomeForm
from porchlight.coach.models import Outcome
from porchlight.core.risk_watch import ALERT_LEVELS
from porchlight.craft import engine as craft_engine
from porchlight.craft.forms import CommentForm as CraftCommentForm
from porchlight.craft.forms import OptionForm, StepForm, WorksheetForm
from porchlight.journal.forms import EntryForm
from porchlight.journal.models import EntryKind
from porchlight.notifications.models import NotificationKind
from porchlight.rehearse import engine as rehearse_engine
from porchlight.rehearse.content import load_content as rehearse_content
from porchlight.rehearse.forms import TurnForm
from porchlight.safety import triage
from porchlight.safety.forms import CommentForm, SafetyPlanForm
from porchlight.safety.plan_sections import plan_template
from porchlight.selfcare import engine as checkin
from porchlight.selfcare.forms import SelfCarePlanForm
from porchlight.team import engine as team_engine
from porchlight.team.forms import MEMBER_ROWS, LetterForm, TeamPlanForm
from porchlight.team.forms import CommentForm as TeamCommentForm
from porchlight.understand import engine
from porchlight.understand.models import StageRecord

FORMAT = "porchlight-circle-export"
VERSION = 1
MAX_DEPTH = 40
MAX_PROBLEMS = 50
NAME_MAX_LENGTH = 200  # the exporter's and authors' display names (shown, never stored)
EARLIEST_YEAR = 1900
MAX_VERSION = 1_000_000  # safety plan version numbers; far below any database's integer limit
MAX_SEED = 2**31  # a rehearsal's seed, as start_session draws it
MAX_COUNT = 1_000_000  # rehearsal counters (rewinds, turn numbers, tallies)
REHEARSAL_TEXT_MAX_LENGTH = 10_000  # goal, opening and notes copied from a plan or the coach

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    line: int | None
    path: str
    message: str

    def describe(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line else filename
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class CircleImportError(ValueError):
    """The file is not a Porchlight export this version can read; nothing was imported."""

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, "", problems)]
        self.problems = problems
        super().__init__("; ".join(p.describe("file") for p in problems))

    def describe(self, filename: str) -> str:
        in_order = sorted(self.problems, key=lambda p: p.line or 0)  # stable: same line keeps order
        lines = [p.describe(filename) for p in in_order[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            lines.append(f"… and {len(self.problems) - MAX_PROBLEMS} more problems.")
        return "\n".join(lines)


def dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# --- Reading JSON with line numbers ----------------------------------------------------


class _Reader:
    """Strict JSON (no NaN, no repeated keys, bounded depth) that records where values start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]
        self.lines: dict[Path, int] = {}

    def line(self, index: int) -> int:
        return bisect.bisect_left(self.newlines, index) + 1

    def fail(self, message: str, index: int) -> NoReturn:
        raise json.JSONDecodeError(message, self.text, index)

    def skip(self, index: int) -> int:
        end: int = WHITESPACE.match(self.text, index).end()
        return end

    def value(self, index: int, path: Path) -> tuple[Any, int]:
        text = self.text
        index = self.skip(index)
        if len(path) > MAX_DEPTH:
            self.fail("the data is nested too deeply", index)
        self.lines[path] = self.line(index)
        char = text[index : index + 1]
        if char == '"':
            found: tuple[str, int] = scanstring(text, index + 1, True)
            return found
        if char == "{":
            return self.object(index + 1, path)
        if char == "[":
            return self.array(index + 1, path)
        for word, literal in (("null", None), ("true", True), ("false", False)):
            if text.startswith(word, index):
                return literal, index + len(word)
        match = NUMBER_RE.match(text, index)
        if match is None:
            self.fail("Expecting value", index)
        integer, fraction, exponent = match.groups()
        number: int | float
        try:
            if fraction or exponent:
                number = float(integer + (fraction or "") + (exponent or ""))
            else:
                number = int(integer)
        except ValueError:
            self.fail("this number is too long", index)
        if isinstance(number, float) and not math.isfinite(number):
            self.fail("this number is too large", index)
        return number, match.end()

    def object(self, index: int, path: Path) -> tuple[dict[str, Any], int]:
        text = self.text
        result: dict[str, Any] = {}
        index = self.skip(index)
        if text[index : index + 1] == "}":
            return result, index + 1
        while True:
            if text[index : index + 1] != '"':
                self.fail("Expecting property name enclosed in double quotes", index)
            key, end = scanstring(text, index + 1, True)
            if key in result:
                self.fail(f"the key {key!r} appears twice", index)
            index = self.skip(end)
            if text[index : index + 1] != ":":
                self.fail("Expecting ':' delimiter", index)
            result[key], index = self.value(index + 1, (*path, key))
            index = self.skip(index)
            char = text[index : index + 1]
            if char == "}":
                return result, index + 1
            if char != ",":
                self.fail("Expecting ',' delimiter", index)
            index = self.skip(index + 1)

    def array(self, index: int, path: Path) -> tuple[list[Any], int]:
        text = self.text
        result: list[Any] = []
        index = self.skip(index)
        if text[index : index + 1] == "]":
            return result, index + 1
        while True:
            item, index = self.value(index, (*path, len(result)))
            result.append(item)
            index = self.skip(index)
            char = text[index : index + 1]
            if char == "]":
                return result, index + 1
            if char != ",":
                self.fail("Expecting ',' delimiter", index)
            index += 1


def read_json(text: str) -> tuple[Any, dict[Path, int]]:
    """The value and the line each part of it starts on; CircleImportError if not JSON."""
    reader = _Reader(text)
    try:
        value, end = reader.value(0, ())
        end = reader.skip(end)
        if end != len(text):
            reader.fail("Extra data after the end of the export", end)
    except json.JSONDecodeError as error:
        raise CircleImportError(
            [Problem(error.lineno, "", f"not valid JSON (column {error.colno}): {error.msg}")]
        ) from error
    return value, reader.lines


# --- Checking ------------------------------------------------------------------------

_MISSING = object()


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {
        str: "text",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


class Checker:
    def __init__(self, lines: Mapping[Path, int]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []
        self.seen: set[tuple[Path, str]] = set()
        self.forms: dict[Any, forms.Form] = {}

    def problem(self, path: Path, message: str) -> None:
        if (path, message) in self.seen:
            return
        self.seen.add((path, message))
        line = None
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        self.problems.append(Problem(line, dotted(path), message))

    # Types ---------------------------------------------------------------------------

    def fields(
        self, value: Any, path: Path, spec: Mapping[str, Callable[[Any, Path], bool]]
    ) -> dict[str, Any] | None:
        """The object if it has exactly these keys, each of the right type; else None."""
        if not isinstance(value, dict):
            self.problem(path, f"should be an object {{…}}, not {_kind(value)}")
            return None
        ok = True
        for key, check in spec.items():
            if key not in value:
                self.problem((*path, key), "is missing")
                ok = False
            elif not check(value[key], (*path, key)):
                ok = False
        for key in value:
            if key not in spec:
                self.problem((*path, key), "is not a field of this export")
                ok = False
        return value if ok else None

    def expect(self, ok: bool, value: Any, path: Path, wanted: str) -> bool:
        if not ok:
            self.problem(path, f"should be {wanted}, not {_kind(value)}")
        return ok

    def text(self, value: Any, path: Path) -> bool:
        return self.expect(isinstance(value, str), value, path, "text")

    def text_up_to(self, value: Any, path: Path, limit: int) -> bool:
        if not self.text(value, path):
            return False
        if len(value) > limit:
            self.problem(path, f"is longer than {limit} characters")
            return False
        return True

    def name(self, value: Any, path: Path) -> bool:
        return self.text_up_to(value, path, NAME_MAX_LENGTH)

    def name_or_null(self, value: Any, path: Path) -> bool:
        return value is None or self.name(value, path)

    def boolean(self, value: Any, path: Path) -> bool:
        return self.expect(isinstance(value, bool), value, path, "true or false")

    def integer(self, value: Any, path: Path) -> bool:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return self.expect(ok, value, path, "a whole number")

    def integer_or_null(self, value: Any, path: Path) -> bool:
        return value is None or self.integer(value, path)

    def text_list(self, value: Any, path: Path) -> bool:
        if not self.expect(isinstance(value, list), value, path, "a list of texts"):
            return False
        checked = [self.text(item, (*path, n)) for n, item in enumerate(value)]  # all reported
        return all(checked)

    def text_list_or_null(self, value: Any, path: Path) -> bool:
        return value is None or self.text_list(value, path)

    def mapping(self, value: Any, path: Path) -> bool:
        return self.expect(isinstance(value, dict), value, path, "an object {…}")

    def listing(self, value: Any, path: Path) -> bool:
        return self.expect(isinstance(value, list), value, path, "a list […]")

    def date(self, value: Any, path: Path) -> bool:
        if not self.text(value, path):
            return False
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.problem(path, f"{value!r} is not a date like 2026-03-31")
            return False
        if day.year < EARLIEST_YEAR:
            self.problem(path, f"{value!r} is before {EARLIEST_YEAR}")
            return False
        return True

    def date_or_null(self, value: Any, path: Path) -> bool:
        return value is None or self.date(value, path)

    def moment(self, value: Any, path: Path) -> bool:
        """A time with its time zone, from 1970 up to a day from now."""
        if not self.text(value, path):
            return False
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            self.problem(path, f"{value!r} is not a time like 2026-03-31T18:05:00+00:00")
            return False
        if when.tzinfo is None or when.utcoffset() is None:
            self.problem(path, f"{value!r} has no time zone (add +00:00)")
            return False
        earliest = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        if not earliest <= when <= timezone.now() + dt.timedelta(days=1):
            self.problem(path, f"{value!r} is not between 1970 and now")
            return False
        return True

    def safe_strings(self, value: Any, path: Path) -> None:
        """Text the database can store: no NUL characters, no lone surrogates."""
        if isinstance(value, str):
            if "\x00" in value:
                self.problem(path, "contains a NUL character (\\u0000), which cannot be stored")
            else:
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    self.problem(path, "contains an invalid character (a lone \\ud800-\\udfff)")
        elif isinstance(value, dict):
            for key, item in value.items():
                self.safe_strings(key, (*path, key))
                self.safe_strings(item, (*path, key))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                self.safe_strings(item, (*path, n))

    # The web forms' rules ------------------------------------------------------------

    def bound(self, form_class: type[forms.Form], data: Mapping[str, Any], **kwargs: Any) -> Any:
        """The kind's form bound to this record's values.

        One form per kind, bound again to each record: building a form deep-copies all
        its fields, which made checking 10,000 journal entries take about 20 seconds.
        Clearing `_errors` makes Django clean the new data from scratch.
        """
        key = (form_class, tuple(sorted(kwargs.items())))
        form = self.forms.get(key)
        if form is None:
            form = self.forms[key] = form_class(data=data, **kwargs)
        else:
            form.data = data
            form._errors = None  # type: ignore[attr-defined]
        return form

    def form(
        self,
        form: forms.Form,
        path: Path,
        rename: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Run a web form on a record's values; its messages go to the record's fields."""
        if form.is_valid():
            return dict(form.cleaned_data)
        for field, messages in form.errors.items():
            key = (rename or {}).get(field, field)
            where = path if field == NON_FIELD_ERRORS else (*path, key)
            for message in messages:
                self.problem(where, str(message))
        return {}

    def content(self, run: Callable[[], Any], path: Path) -> bool:
        """Run a content validator (triage, barrier or check-in answers)."""
        try:
            run()
        except ValueError as error:
            self.problem(path, str(error))
            return False
        return True

    def choice(self, value: Any, path: Path, choices: Iterable[str]) -> bool:
        allowed = list(choices)
        if value not in allowed:
            self.problem(path, f"{value!r} is not one of: {', '.join(map(str, allowed))}")
            return False
        return True


def each(document: dict[str, Any], kind: str) -> Iterable[tuple[Path, Any]]:
    items = document.get(kind)
    if not isinstance(items, list):
        return []
    return [((kind, n), item) for n, item in enumerate(items)]


# --- The export, record by record -----------------------------------------------------


def _record_spec(c: Checker, **fields: Callable[[Any, Path], bool]) -> dict[str, Any]:
    return {**fields, "created_at": c.moment, "author": c.name_or_null, "author_is_me": c.boolean}


def _check_circle(c: Checker, value: Any) -> dict[str, Any] | None:

    path: Path = ("circle",)
    spec = {"name": c.text, "relationship": c.text, "concerns": c.text_list, "country": c.text}
    info = c.fields(value, path, spec)
    if info is None:
        return None
    if not c.form(c.bound(CircleForm, info), path):
        return None
    return info


def _check_safety_checks(c: Checker, document: dict[str, Any]) -> None:

    rule_ids = {rule.id for rule in triage.load_triage().rules}
    spec = _record_spec(c, level=c.text, rule_ids=c.text_list, answers=c.mapping)
    for path, item in each(document, "safety_checks"):
        record = c.fields(item, path, spec)
        if record is None:
            continue
        c.choice(record["level"], (*path, "level"), triage.LEVELS)
        for n, rule_id in enumerate(record["rule_ids"]):
            c.choice(rule_id, (*path, "rule_ids", n), sorted(rule_ids))
        c.content(partial(triage.evaluate, record["answers"]), (*path, "answers"))


def _check_journal(c: Checker, document: dict[str, Any]) -> None:

    spec = _record_spec(
        c,
        kind=c.text,
        happened_on=c.date,
        tension=c.integer_or_null,
        tried=c.text,
        happened=c.text,
        they_said=c.text,
        tags=c.text_list,
        private=c.boolean,
        safety_check=c.integer_or_null,
    )
    checks = document.get("safety_checks")
    check_count = len(checks) if isinstance(checks, list) else 0
    linked: dict[int, Path] = {}
    for path, item in each(document, "journal_entries"):
        entry = c.fields(item, path, spec)
        if entry is None:
            continue
        form = c.bound(
            EntryForm,
            {
                **entry,
                "happened_on": dt.date.fromisoformat(entry["happened_on"]),
                "tension": "" if entry["tension"] is None else str(entry["tension"]),
                "tags": ", ".join(entry["tags"]),
            },
        )
        # Saved safety checks are journal entries too, though the form does not offer them.
        form.fields["kind"].choices = EntryKind.choices
        cleaned = c.form(form, path)
        if cleaned and cleaned["tags"] != entry["tags"]:
            c.problem(
                (*path, "tags"),
                "tags should be lower-case words without commas, each listed once",
            )
        if entry["private"] and not entry["author_is_me"]:
            c.problem((*path, "private"), "only the exporting member's own entries can be private")
        index = entry["safety_check"]
        if index is not None:
            where = (*path, "safety_check")
            if not 0 <= index < check_count:
                c.problem(where, f"points at safety check {index}, but there are {check_count}")
            elif index in linked:
                c.problem(where, f"safety check {index} already belongs to {dotted(linked[index])}")
            else:
                linked[index] = path


def _check_safety_plan(c: Checker, document: dict[str, Any], name: str) -> None:

    sections = plan_template().for_person(name)
    keys = [section.key for section in sections]
    spec = _record_spec(c, number=c.integer, sections=c.mapping, review_on=c.date_or_null)
    numbers: dict[int, Path] = {}
    for path, item in each(document, "safety_plan_versions"):
        version = c.fields(item, path, spec)
        if version is None:
            continue
        number = version["number"]
        if not 1 <= number <= MAX_VERSION:
            c.problem((*path, "number"), f"should be from 1 to {MAX_VERSION}")
        elif number in numbers:
            c.problem((*path, "number"), f"version {number} is also {dotted(numbers[number])}")
        else:
            numbers[number] = path
        texts = version["sections"]
        ok = True
        for key, text in texts.items():
            where = (*path, "sections", key)
            ok = c.choice(key, where, keys) and c.text(text, where) and ok
        if ok:
            c.form(c.bound(SafetyPlanForm, texts, sections=sections), (*path, "sections"))
    for path, item in each(document, "plan_comments"):
        comment = c.fields(item, path, _record_spec(c, text=c.text))
        if comment is not None:
            c.form(c.bound(CommentForm, comment), path)


def _check_feedback(c: Checker, value: dict[str, Any], path: Path) -> None:
    """The parts of the coach's saved feedback that the pages read."""
    if "roadblocks" in value:
        c.text_list(value["roadblocks"], (*path, "roadblocks"))
    sentences = value.get("sentences", [])
    if not c.listing(sentences, (*path, "sentences")):
        return
    for n, sentence in enumerate(sentences):
        where = (*path, "sentences", n)
        if not c.mapping(sentence, where):
            continue
        if "behaviour" in sentence:
            c.text(sentence["behaviour"], (*where, "behaviour"))
        if "labels" in sentence:
            c.text_list(sentence["labels"], (*where, "labels"))
        blocks = sentence.get("roadblocks", [])
        if c.listing(blocks, (*where, "roadblocks")):
            for m, block in enumerate(blocks):
                if c.mapping(block, (*where, "roadblocks", m)) and "name" in block:
                    c.text(block["name"], (*where, "roadblocks", m, "name"))


def _check_coach(c: Checker, document: dict[str, Any]) -> None:

    spec = _record_spec(c, text=c.text, feedback=c.mapping, outcome=c.text, outcome_note=c.text)
    for path, item in each(document, "coached_messages"):
        message = c.fields(item, path, spec)
        if message is None:
            continue
        c.form(c.bound(MessageForm, message), path)
        _check_feedback(c, message["feedback"], (*path, "feedback"))
        if message["outcome"]:
            outcome = {"outcome": message["outcome"], "note": message["outcome_note"]}
            c.form(c.bound(OutcomeForm, outcome), path, rename={"note": "outcome_note"})
        else:
            c.choice(message["outcome"], (*path, "outcome"), ["", *Outcome.values])
    spec = _record_spec(
        c,
        goal=c.text,
        moment=c.text_list,
        moment_note=c.text,
        opening=c.text,
        listen_for=c.text,
        their_words=c.text,
        if_no=c.text,
        closing=c.text,
    )
    for path, item in each(document, "conversation_plans"):
        plan = c.fields(item, path, spec)
        if plan is not None:
            c.form(c.bound(ConversationPlanForm, plan), path)


def _check_understanding(c: Checker, document: dict[str, Any], circle: dict[str, Any]) -> None:

    spec = _record_spec(c, answers=c.mapping, adjusted_barriers=c.text_list_or_null)
    for path, item in each(document, "barrier_answers"):
        record = c.fields(item, path, spec)
        if record is None:
            continue

        def playbook(r: dict[str, Any] = record) -> None:
            assessment = engine.score(
                r["answers"], concerns=circle["concerns"], relationship=circle["relationship"]
            )
            engine.build_playbook(
                assessment,
                concerns=circle["concerns"],
                relationship=circle["relationship"],
                adjusted_barriers=r["adjusted_barriers"],
            )

        c.content(playbook, path)
    stages = engine.load_content().scoring.stage_ids
    spec = _record_spec(c, stage=c.text, recent_relapse=c.boolean, source=c.text)
    for path, item in each(document, "stage_records"):
        record = c.fields(item, path, spec)
        if record is not None:
            c.choice(record["stage"], (*path, "stage"), stages)
            c.choice(record["source"], (*path, "source"), StageRecord.Source.values)


def _check_boundaries(c: Checker, document: dict[str, Any]) -> None:

    test_spec = {"happened_on": c.date, "result": c.text, "note": c.text}
    spec = _record_spec(
        c,
        will_do=c.text,
        wont_do=c.text,
        why=c.text,
        if_crossed=c.text,
        how_to_say=c.text,
        active=c.boolean,
        tests=c.listing,
    )
    for path, item in each(document, "boundaries"):
        boundary = c.fields(item, path, spec)
        if boundary is None:
            continue
        c.form(c.bound(BoundaryForm, boundary), path)
        for n, value in enumerate(boundary["tests"]):
            where = (*path, "tests", n)
            test = c.fields(value, where, test_spec)
            if test is not None:
                day = dt.date.fromisoformat(test["happened_on"])
                c.form(c.bound(BoundaryTestForm, {**test, "happened_on": day}), where)


def _check_notifications(c: Checker, document: dict[str, Any]) -> None:
    """Who did what when, by kind only: no names and no text to check."""
    spec = {
        "kind": c.text,
        "created_at": c.moment,
        "read_at": lambda value, path: value is None or c.moment(value, path),
    }
    for path, item in each(document, "notifications"):
        record = c.fields(item, path, spec)
        if record is not None:
            c.choice(record["kind"], (*path, "kind"), NotificationKind.values)


def _check_selfcare(c: Checker, document: dict[str, Any]) -> None:

    spec = {"created_at": c.moment, "answers": c.mapping, "score": c.integer, "band": c.text}
    for path, item in each(document, "checkins"):
        record = c.fields(item, path, spec)
        if record is None:
            continue
        c.content(partial(checkin.evaluate, record["answers"]), (*path, "answers"))
        if not 0 <= record["score"] <= 100:
            c.problem((*path, "score"), "should be from 0 to 100")
        c.choice(record["band"], (*path, "band"), checkin.BANDS)
    where: Path = ("selfcare_plan",)
    value = document.get("selfcare_plan")
    if value is None:
        return
    plan = c.fields(value, where, {"answers": c.mapping, "updated_at": c.moment})
    if plan is None:
        return
    prompts = [prompt.id for prompt in checkin.plan_prompts()]
    ok = True
    for key, text in plan["answers"].items():
        place = (*where, "answers", key)
        ok = c.choice(key, place, prompts) and c.text(text, place) and ok
    if ok:
        c.form(c.bound(SelfCarePlanForm, plan["answers"]), (*where, "answers"))


def _check_count(c: Checker, value: Any, path: Path, high: int = MAX_COUNT) -> bool:
    if not c.integer(value, path):
        return False
    if not 0 <= value <= high:
        c.problem(path, f"should be from 0 to {high}")
        return False
    return True


def _check_long_text(c: Checker, value: Any, path: Path) -> bool:
    return c.text_up_to(value, path, REHEARSAL_TEXT_MAX_LENGTH)


def _check_rehearsal_state(c: Checker, value: Any, path: Path) -> bool:
    """How the simulated person felt after a turn: the numbers the engine plays on."""
    content = rehearse_content()
    last_stage = len(content.stages) - 1
    states = [state.id for state in content.states]
    low, high = rehearse_engine.LOW, rehearse_engine.HIGH

    def between(lo: int, hi: int) -> Callable[[Any, Path], bool]:
        def check(number: Any, where: Path) -> bool:
            if not c.integer(number, where):
                return False
            if not lo <= number <= hi:
                c.problem(where, f"should be from {lo} to {hi}")
                return False
            return True

        return check

    def one_of(number: Any, where: Path) -> bool:
        return c.text(number, where) and c.choice(number, where, states)

    spec: dict[str, Callable[[Any, Path], bool]] = {
        "trust": between(low, high),
        "defensiveness": between(low, high),
        "turn": between(0, MAX_COUNT),
        "stage": between(0, last_stage),
        "start_stage": between(0, last_stage),
        "questions_in_a_row": between(0, MAX_COUNT),
        "reflections": between(0, MAX_COUNT),
        "flags": c.text_list,
        "judged_pending": c.boolean,
        "used": c.text_list,
        "level": one_of,
        "best": one_of,
    }
    return c.fields(value, path, spec) is not None


def _check_rehearsal_counts(c: Checker, value: Any, path: Path) -> None:
    tallies = (
        "questions", "open_questions", "closed_questions", "reflections",
        "complex_reflections", "mi_adherent", "craft_points",
    )  # fmt: skip
    spec: dict[str, Callable[[Any, Path], bool]] = {
        **{name: partial(_check_count, c) for name in tallies},
        "roadblocks": c.mapping,
    }
    counts = c.fields(value, path, spec)
    if counts is None:
        return
    for name, number in counts["roadblocks"].items():
        _check_count(c, number, (*path, "roadblocks", name))


def _check_alert(c: Checker, value: Any, path: Path) -> None:
    if not c.mapping(value, path) or value == {}:
        return
    alert = c.fields(value, path, {"level": c.text, "categories": c.text_list})
    if alert is not None:
        c.choice(alert["level"], (*path, "level"), ALERT_LEVELS)


def _check_rehearsals(c: Checker, document: dict[str, Any]) -> None:
    content = rehearse_content()
    turn_spec: dict[str, Callable[[Any, Path], bool]] = {
        "number": c.integer,
        "text": c.text,
        "reply": c.text,
        "note": partial(_check_long_text, c),
        "move": c.text,
        "counts": c.mapping,
        "state_after": c.mapping,
        "alert": c.mapping,
        "created_at": c.moment,
    }
    spec = _record_spec(
        c,
        scenario=c.text,
        personality=c.text,
        seed=c.integer,
        goal=partial(_check_long_text, c),
        opening=partial(_check_long_text, c),
        they_might_say=partial(_check_long_text, c),
        private=c.boolean,
        rewinds=partial(_check_count, c),
        finished_at=lambda value, path: value is None or c.moment(value, path),
        plan=c.integer_or_null,
        turns=c.listing,
    )
    plans = document.get("conversation_plans")
    plan_count = len(plans) if isinstance(plans, list) else 0
    for path, item in each(document, "rehearsals"):
        session = c.fields(item, path, spec)
        if session is None:
            continue
        scenario = None
        if c.choice(session["scenario"], (*path, "scenario"), content.scenarios):
            scenario = content.scenarios[session["scenario"]]
            names = [p.id for p in scenario.personalities]
            if not c.choice(session["personality"], (*path, "personality"), names):
                scenario = None
        if not 1 <= session["seed"] <= MAX_SEED:
            c.problem((*path, "seed"), f"should be from 1 to {MAX_SEED}")
        if session["private"] and not session["author_is_me"]:
            c.problem(
                (*path, "private"), "only the exporting member's own rehearsals can be private"
            )
        index = session["plan"]
        if index is not None and not 0 <= index < plan_count:
            message = f"points at conversation plan {index}, but there are {plan_count}"
            c.problem((*path, "plan"), message)
        if len(session["turns"]) > MAX_COUNT:
            c.problem((*path, "turns"), f"has more than {MAX_COUNT} turns")
            continue
        said = (
            rehearse_engine.authored_replies(scenario, scenario.personality(session["personality"]))  # type: ignore[arg-type]
            if scenario
            else frozenset()
        )
        for n, value in enumerate(session["turns"]):
            where = (*path, "turns", n)
            turn = c.fields(value, where, turn_spec)
            if turn is None:
                continue
            if turn["number"] != n + 1:
                c.problem((*where, "number"), f"should be {n + 1}: turns are numbered in order")
            c.form(c.bound(TurnForm, {"text": turn["text"]}), where)
            if scenario and turn["reply"] not in said:
                c.problem((*where, "reply"), "is not a line of this scenario's person")
            c.choice(turn["move"], (*where, "move"), content.moves)
            _check_rehearsal_counts(c, turn["counts"], (*where, "counts"))
            _check_rehearsal_state(c, turn["state_after"], (*where, "state_after"))
            _check_alert(c, turn["alert"], (*where, "alert"))


def _check_craft(c: Checker, document: dict[str, Any]) -> None:
    """The CRAFT plan's versions (each part through its page's form), comments and steps."""
    craft = craft_engine.load_craft()
    parts = (*craft_engine.WORKSHEETS, "options")
    spec = _record_spec(c, number=c.integer, parts=c.mapping, changed=c.text)
    numbers: dict[int, Path] = {}
    for path, item in each(document, "craft_plan_versions"):
        version = c.fields(item, path, spec)
        if version is None:
            continue
        number = version["number"]
        if not 1 <= number <= MAX_VERSION:
            c.problem((*path, "number"), f"should be from 1 to {MAX_VERSION}")
        elif number in numbers:
            c.problem((*path, "number"), f"version {number} is also {dotted(numbers[number])}")
        else:
            numbers[number] = path
        c.choice(version["changed"], (*path, "changed"), ["", *parts])
        for part, value in version["parts"].items():
            where = (*path, "parts", part)
            if not c.choice(part, where, parts):
                continue
            if part == "options":
                _check_craft_options(c, value, where)
                continue
            if not c.mapping(value, where):
                continue
            sheet = craft.worksheet(part)
            moments = ("good_moments", "avoid_moments") if part == "invitation" else ()
            keys = [*sheet.keys, *moments]
            ok = True
            for key, answer in value.items():
                place = (*where, key)
                if not c.choice(key, place, keys):
                    ok = False
                elif key.endswith("_moments"):
                    ok = c.text_list(answer, place) and ok
                else:
                    ok = c.text(answer, place) and ok
            if ok:
                c.form(c.bound(WorksheetForm, value, worksheet=sheet), where)
    for path, item in each(document, "craft_comments"):
        comment = c.fields(item, path, _record_spec(c, text=c.text))
        if comment is not None:
            c.form(c.bound(CraftCommentForm, comment), path)
    for path, item in each(document, "invitation_steps"):
        step = c.fields(item, path, _record_spec(c, step=c.text, happened_on=c.date))
        if step is not None:
            c.form(c.bound(StepForm, step), path)


def _check_craft_options(c: Checker, value: Any, path: Path) -> None:
    if not c.listing(value, path):
        return
    if len(value) > craft_engine.MAX_OPTIONS:
        c.problem(path, f"has more than {craft_engine.MAX_OPTIONS} options")
        return
    spec = dict.fromkeys(craft_engine.OPTION_FIELDS, c.text)
    for n, item in enumerate(value):
        option = c.fields(item, (*path, n), spec)
        if option is not None:
            c.form(c.bound(OptionForm, option), (*path, n))


def _check_team_content(c: Checker, value: dict[str, Any], path: Path, name: str) -> None:
    """One team plan version's content: its shape, then the plan form's own rules."""
    team = team_engine.load_team().for_person(name)
    spec = {
        "members": c.listing,
        "risks": c.text_list,
        "step": c.text,
        "steps": c.mapping,
        "plan_b": c.text,
        "follow_up": c.text,
    }
    content = c.fields(value, path, spec)
    if content is None:
        return
    ok = True
    if len(content["members"]) > MEMBER_ROWS:
        c.problem((*path, "members"), f"has more than {MEMBER_ROWS} people")
        ok = False
    for n, member in enumerate(content["members"]):
        where = (*path, "members", n)
        ok = c.fields(member, where, {"name": c.text, "role": c.text}) is not None and ok
    for risk in content["risks"]:
        ok = c.choice(risk, (*path, "risks"), team_engine.RISK_IDS) and ok
    steps = [step.id for step in team.ladder]
    for key, step in content["steps"].items():
        where = (*path, "steps", key)
        ok = c.choice(key, where, steps) and ok
        ok = c.fields(step, where, {"do": c.text, "next": c.text}) is not None and ok
    if ok:
        c.form(c.bound(TeamPlanForm, TeamPlanForm.data_from(content), content=team), path)


def _check_team(c: Checker, document: dict[str, Any], name: str) -> None:
    """Issue #15: the family team plan's versions and comments, and the letters."""
    spec = _record_spec(c, number=c.integer, content=c.mapping)
    numbers: dict[int, Path] = {}
    for path, item in each(document, "team_plan_versions"):
        version = c.fields(item, path, spec)
        if version is None:
            continue
        number = version["number"]
        if not 1 <= number <= MAX_VERSION:
            c.problem((*path, "number"), f"should be from 1 to {MAX_VERSION}")
        elif number in numbers:
            c.problem((*path, "number"), f"version {number} is also {dotted(numbers[number])}")
        else:
            numbers[number] = path
        _check_team_content(c, version["content"], (*path, "content"), name)
    for path, item in each(document, "team_comments"):
        comment = c.fields(item, path, _record_spec(c, text=c.text))
        if comment is not None:
            c.form(c.bound(TeamCommentForm, comment), path)
    spec = _record_spec(c, text=c.text, bottom_line=c.text, shared=c.boolean)
    for path, item in each(document, "team_letters"):
        letter = c.fields(item, path, spec)
        if letter is None:
            continue
        if not letter["shared"] and not letter["author_is_me"]:
            c.problem((*path, "shared"), "only the exporting member's own letters can be private")
        c.form(c.bound(LetterForm, {**letter, "will_keep": True}), path)


KINDS = (
    "safety_checks",
    "journal_entries",
    "safety_plan_versions",
    "plan_comments",
    "coached_messages",
    "conversation_plans",
    "barrier_answers",
    "boundaries",
    "stage_records",
    "rehearsals",
    "checkins",
    "craft_plan_versions",
    "craft_comments",
    "invitation_steps",
    "team_plan_versions",
    "team_comments",
    "team_letters",
)


def check_document(document: Any, lines: Mapping[Path, int]) -> None:
    """Raise CircleImportError listing every problem; return quietly if there is none."""
    c = Checker(lines)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CircleImportError([Problem(1, "", "This is not a Porchlight circle export.")])
    if document.get("version") != VERSION:
        raise CircleImportError(
            [
                Problem(
                    lines.get(("version",), 1),
                    "version",
                    f"This export has version {document.get('version')!r}; we read {VERSION}.",
                )
            ]
        )
    top: dict[str, Callable[[Any, Path], bool]] = {
        "format": c.text,
        "version": c.integer,
        "exported_at": c.moment,
        "exported_by": c.name,
        "circle": c.mapping,
        "safety_plan_shared_with_professionals": c.boolean,
        "craft_plan_shared_with_professionals": c.boolean,
        "team_plan_shared_with_professionals": c.boolean,
        **dict.fromkeys(KINDS, c.listing),
        "selfcare_plan": lambda value, path: value is None or c.mapping(value, path),
    }
    if "notifications" in document:  # exports since notifications (older ones lack them)
        top["notifications"] = c.listing
    c.fields(document, (), top)
    c.safe_strings(document, ())
    circle = _check_circle(c, document.get("circle"))
    _check_safety_checks(c, document)
    _check_journal(c, document)
    _check_safety_plan(c, document, circle["name"] if circle else "")
    _check_coach(c, document)
    if circle is not None:
        _check_understanding(c, document, circle)
    _check_boundaries(c, document)
    _check_rehearsals(c, document)
    _check_selfcare(c, document)
    _check_notifications(c, document)
    _check_craft(c, document)
    _check_team(c, document, circle["name"] if circle else "")
    if c.problems:
        raise CircleImportError(c.problems)
