"""The sections of a circle's home page, loaded from content/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

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


@cache
def load_sections(path: Path = SECTIONS_FILE) -> tuple[Section, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = []
    for entry in raw["sections"]:
        missing = {"slug", "title", "summary", "empty_title", "empty_steps", "source"} - set(entry)
        if missing:
            raise ValueError(f"{path.name}: section {entry.get('slug')!r} lacks {sorted(missing)}")
        if not entry["empty_steps"]:
            raise ValueError(f"{path.name}: section {entry['slug']!r} has no steps")
        if entry.get("asks_if_safe") and not (
            entry.get("safety_first_steps") and entry.get("safety_first_source")
        ):
            raise ValueError(
                f"{path.name}: section {entry['slug']!r} asks if it is safe but has no "
                "safety_first_steps with a safety_first_source"
            )
        sections.append(
            Section(
                slug=entry["slug"],
                title=entry["title"],
                summary=entry["summary"],
                empty_title=entry["empty_title"],
                empty_steps=tuple(entry["empty_steps"]),
                source=entry["source"],
                url=entry.get("url", ""),
                asks_if_safe=entry.get("asks_if_safe", False),
                safety_first_steps=tuple(entry.get("safety_first_steps", ())),
                safety_first_source=entry.get("safety_first_source", ""),
            )
        )
    return tuple(sections)


def get_section(slug: str) -> Section | None:
    return next((s for s in load_sections() if s.slug == slug), None)
