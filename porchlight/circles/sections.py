"""The sections of a circle's home page, loaded from content/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from porchlight.content.reader import ContentDataError, Reader, read_yaml

SECTIONS_FILE = Path(__file__).resolve().parent.parent / "content" / "sections.yaml"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    summary: str
    empty_title: str
    empty_steps: tuple[str, ...]
    source: str
    url: str = ""  # a URL name once the section has its own pages
    asks_if_safe: bool = False  # ask "is it safe for you?" before its advice
    safety_first_steps: tuple[str, ...] = ()
    safety_first_source: str = ""


class SectionsError(ContentDataError):
    """content/sections.yaml is broken; the message names the file and the section."""


_FIELDS = ("slug", "title", "summary", "empty_title", "empty_steps", "source")
_OPTIONAL = ("url", "asks_if_safe", "safety_first_steps", "safety_first_source")


@cache
def load_sections(path: Path = SECTIONS_FILE) -> tuple[Section, ...]:
    read = Reader(path.name, SectionsError)
    raw = read.fields(read_yaml(path, SectionsError), "", required=("sections",))
    sections = []
    for index, item in enumerate(read.items(raw["sections"], "sections")):
        where = f"sections[{index}]"
        entry = read.fields(item, where, required=_FIELDS, optional=_OPTIONAL)
        where = f"section {entry['slug']!r}"
        asks_if_safe = entry.get("asks_if_safe", False)
        if not isinstance(asks_if_safe, bool):
            read.fail(where, "asks_if_safe must be true or false")
        safety_first = entry.get("safety_first_steps")
        if asks_if_safe and not (safety_first and entry.get("safety_first_source")):
            read.fail(
                where, "asks if it is safe but has no safety_first_steps with a safety_first_source"
            )
        sections.append(
            Section(
                slug=read.text(entry, "slug", where),
                title=read.text(entry, "title", where),
                summary=read.text(entry, "summary", where),
                empty_title=read.text(entry, "empty_title", where),
                empty_steps=read.texts(entry, "empty_steps", where),
                source=read.text(entry, "source", where),
                url=read.text(entry, "url", where, required=False),
                asks_if_safe=asks_if_safe,
                safety_first_steps=read.texts(entry, "safety_first_steps", where)
                if safety_first
                else (),
                safety_first_source=read.text(entry, "safety_first_source", where, required=False),
            )
        )
    read.unique((section.slug for section in sections), "section")
    return tuple(sections)


def get_section(slug: str) -> Section | None:
    return next((s for s in load_sections() if s.slug == slug), None)
