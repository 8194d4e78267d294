"""How good is the supporter's answer to what the loved one might say? One place to ask.

Wherever a plan holds both what the loved one might say and what the supporter will
say back (the conversation planner's "What might they say?" and "What will you say if
they say no?", and the same pair in the CRAFT invitation), the answer is graded by
:func:`porchlight.language.reflect.grade`, the function behind ``porchlight reflect``,
and shown with the plain words in ``content/reflect/tips.yaml``.

Plain Python, no Django: the coach's pages and the CRAFT worksheet (a floor above)
both call :func:`grade_answer` and render ``coach/_reflection.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.content.questionnaire import Source
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.content.wording import check_banned
from porchlight.language import reflect

TIPS_FILE = Path(__file__).resolve().parent.parent / "content" / "reflect" / "tips.yaml"


class ReflectionTipsError(ContentDataError):
    """content/reflect/tips.yaml is broken; the message names the file and the place."""


@dataclass(frozen=True)
class GradeWords:
    quality: int
    headline: str
    tip: str


@dataclass(frozen=True)
class Tips:
    reviewed: dt.date
    grades: dict[int, GradeWords]
    tips: tuple[str, ...]
    sources: tuple[Source, ...]


def parse_tips(raw: Any, name: str) -> Tips:
    read = Reader(name, ReflectionTipsError)
    top = read.fields(raw, "", required=("reviewed", "sources", "grades", "tips", "sources_cited"))
    table = read.sources(top["sources"])
    grades: dict[int, GradeWords] = {}
    for index, item in enumerate(read.items(top["grades"], "grades")):
        where = f"grades[{index}]"
        entry = read.fields(item, where, required=("quality", "headline", "tip"))
        quality = read.integer(entry, "quality", where, low=0, high=2)
        if quality in grades:
            read.fail(where, f"quality {quality} is given twice")
        grades[quality] = GradeWords(
            quality=quality,
            headline=read.text(entry, "headline", where),
            tip=read.text(entry, "tip", where),
        )
    if set(grades) != set(reflect.QUALITIES):
        read.fail("grades", "must give words for each quality: 0, 1 and 2")
    return Tips(
        reviewed=read.date(top, "reviewed", ""),
        grades=grades,
        tips=read.texts(top, "tips", ""),
        sources=read.cite({"sources": top["sources_cited"]}, table, "sources_cited"),
    )


@cache
def load_tips(path: Path = TIPS_FILE) -> Tips:
    raw = read_yaml(path, ReflectionTipsError)
    check_banned(raw, path.name, ReflectionTipsError)
    return parse_tips(raw, path.name)


@dataclass(frozen=True)
class Graded:
    """A reply's grade as a reflection of what they might say, in the page's words."""

    they_say: str
    reply: str
    quality: int  # 2 complex, 1 simple, 0 not a reflection: as ``porchlight reflect``
    headline: str
    #: The grader's own reason (its ``why``), without the grade it starts with.
    why: str
    tip: str
    #: What makes a reflection complex; empty once it is one.
    tips: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def is_complex(self) -> bool:
        return self.quality == 2


def _reason(why: str) -> str:
    """The grader's ``why`` without its leading "A simple reflection: ", which we show."""
    leads = (
        "A complex reflection:",
        "A simple reflection:",
        "Not a reflection, or a weak one:",
        "Not a reflection:",
    )
    for lead in leads:
        if why.startswith(lead):
            rest = why[len(lead) :].strip()
            return rest[:1].upper() + rest[1:]
    return why


def grade_answer(*, they_say: str, reply: str) -> Graded | None:
    """Grade ``reply`` as a reflection of ``they_say``; None until both are written."""
    if not they_say.strip() or not reply.strip():
        return None
    verdict = reflect.grade(they_say, reply)
    tips = load_tips()
    words = tips.grades[verdict.quality]
    return Graded(
        they_say=they_say,
        reply=reply,
        quality=verdict.quality,
        headline=words.headline,
        why=_reason(verdict.why),
        tip=words.tip,
        tips=() if verdict.quality == 2 else tips.tips,
        sources=tips.sources,
    )
