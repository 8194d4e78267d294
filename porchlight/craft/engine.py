"""The CRAFT worksheets and the invitation plan: content/craft/craft.yaml as an engine.

Plain Python, no Django. :func:`load_craft` reads and checks the file strictly (any
problem raises :class:`CraftDataError` naming the file and the place). The rest are
small pure functions the services and pages share: which options are stale, and the
family's path from the logged outcomes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import Option, Source
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
CRAFT_FILE = CONTENT_DIR / "craft" / "craft.yaml"

#: The parts of a saved plan: the three worksheets, then the options lined up.
WORKSHEETS = ("pattern", "rewards", "invitation")
#: What one lined-up option holds (all text but ``checked_on``, an ISO date or "").
OPTION_FIELDS = ("kind", "name", "how_to_get_in", "cost", "wait", "checked_by", "checked_on")
MAX_OPTIONS = 3


class CraftDataError(ContentDataError):
    """content/craft/craft.yaml is broken; the message names the file and the place."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    help: str


@dataclass(frozen=True)
class Worksheet:
    id: str
    title: str
    intro: str
    fields: tuple[Field, ...]
    sources: tuple[Source, ...]
    asks_if_safe: bool = False

    def for_person(self, name: str) -> Worksheet:
        return Worksheet(
            id=self.id,
            title=self.title,
            intro=self.intro.replace("{name}", name),
            fields=self.fields,
            sources=self.sources,
            asks_if_safe=self.asks_if_safe,
        )

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


@dataclass(frozen=True)
class Evidence:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Rehearsal:
    """What a conversation plan made from the invitation says where the plan is silent."""

    goal: str
    if_no: str
    closing: str


@dataclass(frozen=True)
class Craft:
    reviewed: dt.date
    option_fresh_days: int
    worksheets: tuple[Worksheet, ...]
    good_moments: tuple[Option, ...]
    avoid_moments: tuple[Option, ...]
    option_kinds: tuple[Option, ...]
    steps: tuple[Option, ...]
    evidence: tuple[Evidence, ...]
    sources: tuple[Source, ...]
    rehearsal: Rehearsal

    def worksheet(self, worksheet_id: str) -> Worksheet:
        found = next((w for w in self.worksheets if w.id == worksheet_id), None)
        if found is None:
            raise KeyError(worksheet_id)
        return found

    def label(self, options: Iterable[Option], option_id: str) -> str:
        return next((o.label for o in options if o.id == option_id), option_id)


def _options(read: Reader, raw: Any, where: str) -> tuple[Option, ...]:
    options = []
    for index, item in enumerate(read.items(raw, where)):
        place = f"{where}[{index}]"
        entry = read.fields(item, place, required=("id", "label"))
        option_id = read.id(entry["id"], place)
        options.append(Option(id=option_id, label=read.text(entry, "label", place)))
    read.unique((o.id for o in options), where)
    return tuple(options)


def parse_craft(raw: Any, name: str) -> Craft:
    read = Reader(name, CraftDataError)
    top = read.fields(
        raw,
        "",
        required=(
            "reviewed",
            "option_fresh_days",
            "sources",
            "worksheets",
            "moments",
            "option_kinds",
            "steps",
            "evidence",
            "rehearsal",
        ),
    )
    table = read.sources(top["sources"])
    worksheets = []
    for index, item in enumerate(read.items(top["worksheets"], "worksheets")):
        where = f"worksheets[{index}]"
        entry = read.fields(
            item,
            where,
            required=("id", "title", "intro", "fields", "sources"),
            optional=("asks_if_safe",),
        )
        fields = []
        for n, field in enumerate(read.items(entry["fields"], f"{where}.fields")):
            place = f"{where}.fields[{n}]"
            data = read.fields(field, place, required=("key", "label", "help"))
            fields.append(
                Field(
                    key=read.id(data["key"], place),
                    label=read.text(data, "label", place),
                    help=read.text(data, "help", place),
                )
            )
        read.unique((f.key for f in fields), f"{where} field")
        worksheets.append(
            Worksheet(
                id=read.id(entry["id"], where),
                title=read.text(entry, "title", where),
                intro=read.text(entry, "intro", where),
                fields=tuple(fields),
                sources=read.cite(entry, table, where),
                asks_if_safe=read.boolean(entry, "asks_if_safe", where)
                if "asks_if_safe" in entry
                else False,
            )
        )
    if tuple(w.id for w in worksheets) != WORKSHEETS:
        read.fail("worksheets", f"must be, in order: {', '.join(WORKSHEETS)}")
    invitation = next(w for w in worksheets if w.id == "invitation")
    for needed in ("exact_words", "if_no", "if_yes", "their_reasons", "who_asks"):
        if needed not in invitation.keys:
            read.fail("worksheets.invitation", f"needs the field {needed!r}")
    moments = read.fields(top["moments"], "moments", required=("good", "avoid"))
    steps = _options(read, top["steps"], "steps")
    if steps[0].id != "asked":
        read.fail("steps", "must start with 'asked'")
    evidence = []
    for index, item in enumerate(read.items(top["evidence"], "evidence")):
        where = f"evidence[{index}]"
        entry = read.fields(item, where, required=("text", "sources"))
        evidence.append(
            Evidence(text=read.text(entry, "text", where), sources=read.cite(entry, table, where))
        )
    rehearsal = read.fields(top["rehearsal"], "rehearsal", required=("goal", "if_no", "closing"))
    return Craft(
        rehearsal=Rehearsal(
            goal=read.text(rehearsal, "goal", "rehearsal"),
            if_no=read.text(rehearsal, "if_no", "rehearsal"),
            closing=read.text(rehearsal, "closing", "rehearsal"),
        ),
        reviewed=read.date(top, "reviewed", ""),
        option_fresh_days=read.integer(top, "option_fresh_days", "", low=1, high=3650),
        worksheets=tuple(worksheets),
        good_moments=_options(read, moments["good"], "moments.good"),
        avoid_moments=_options(read, moments["avoid"], "moments.avoid"),
        option_kinds=_options(read, top["option_kinds"], "option_kinds"),
        steps=steps,
        evidence=tuple(evidence),
        sources=tuple(table.values()),
    )


@cache
def load_craft(path: Path = CRAFT_FILE) -> Craft:
    raw = read_yaml(path, CraftDataError)
    check_banned(raw, path.name, CraftDataError)
    return parse_craft(raw, path.name)


# --- Options lined up before asking ---------------------------------------------------


def is_stale(option: Mapping[str, Any], *, today: dt.date, fresh_days: int) -> bool:
    """True when nobody has checked the option, or not within ``fresh_days``."""
    checked = option.get("checked_on") or ""
    if not checked:
        return True
    try:
        day = dt.date.fromisoformat(checked)
    except ValueError:
        return True
    return (today - day).days > fresh_days


# --- The family's path ------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    step: str
    label: str
    happened_on: dt.date


def path_of(logged: Iterable[tuple[str, dt.date]], craft: Craft) -> tuple[PathStep, ...]:
    """The logged outcomes, oldest first, each with its label (same day: in step order)."""
    order = {option.id: n for n, option in enumerate(craft.steps)}
    ordered = sorted(logged, key=lambda item: (item[1], order.get(item[0], len(order))))
    return tuple(
        PathStep(step=step, label=craft.label(craft.steps, step), happened_on=day)
        for step, day in ordered
    )


def readable_rows(parts: Mapping[str, Any], craft: Craft) -> list[tuple[str, str]]:
    """A saved plan as (question, answer) lines, ids named: for the readable export."""
    rows: list[tuple[str, str]] = []
    moments = {
        "good_moments": ("Good moments to ask", craft.good_moments),
        "avoid_moments": ("Moments to avoid", craft.avoid_moments),
    }
    for sheet in craft.worksheets:
        answers = parts.get(sheet.id) or {}
        for field in sheet.fields:
            if answers.get(field.key):
                rows.append((f"{sheet.title}: {field.label}", str(answers[field.key])))
        for key, (title, options) in moments.items():
            if answers.get(key):
                labels = ", ".join(craft.label(options, i) for i in answers[key])
                rows.append((f"{sheet.title}: {title}", labels))
    for option in parts.get("options") or []:
        kind = craft.label(craft.option_kinds, option.get("kind", "")) if option.get("kind") else ""
        details = [option.get(k, "") for k in ("how_to_get_in", "cost", "wait")]
        checked = option.get("checked_on") or "not yet"
        who = f" by {option['checked_by']}" if option.get("checked_by") else ""
        text = ". ".join(d for d in [kind, *details] if d) + f". Checked: {checked}{who}."
        rows.append((f"Where they could go: {option.get('name') or kind}", text))
    return rows
