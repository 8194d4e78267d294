"""The sections of a circle and its nav, loaded from content/sections.yaml.

One list says which permission each section's page needs; the home-page cards and
the circle nav are built from it and filtered by the member's permissions, so no
one is shown a link that answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from porchlight.circles.models import Membership
from porchlight.content.reader import ContentDataError, Reader, read_yaml
from porchlight.core.links import link
from porchlight.core.permissions import Permission

SECTIONS_FILE = Path(__file__).resolve().parent.parent / "content" / "sections.yaml"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    summary: str
    empty_title: str
    empty_steps: tuple[str, ...]
    source: str
    permission: Permission  # what the section's page needs
    url: str = ""  # a URL name once the section has its own pages
    asks_if_safe: bool = False  # ask "is it safe for you?" before its advice
    safety_first_steps: tuple[str, ...] = ()
    safety_first_source: str = ""
    # Shown (card and nav) only to members who also have this permission: the page
    # answers anyone in the circle, but e.g. the carer's own check-in is not offered
    # to the circle's professional.
    shown_to: Permission | None = None

    def shown_for(self, allowed: frozenset[Permission]) -> bool:
        return self.permission in allowed and (self.shown_to is None or self.shown_to in allowed)


class SectionsError(ContentDataError):
    """content/sections.yaml is broken; the message names the file and the section."""


_FIELDS = ("slug", "title", "summary", "empty_title", "empty_steps", "source", "permission")
_OPTIONAL = ("url", "asks_if_safe", "safety_first_steps", "safety_first_source", "shown_to")


def load_sections(path: Path = SECTIONS_FILE) -> tuple[Section, ...]:
    return _load(path)[0]


def load_nav(path: Path = SECTIONS_FILE) -> tuple[NavLink, ...]:
    return _load(path)[1]


@cache
def _load(path: Path) -> tuple[tuple[Section, ...], tuple[NavLink, ...]]:
    """Read the file once: the sections, then the nav (checked against them)."""
    read = Reader(path.name, SectionsError)
    raw = read.fields(read_yaml(path, SectionsError), "", required=("sections",), optional=("nav",))
    sections = _sections(read, raw["sections"])
    return sections, _nav(read, raw.get("nav") or [], {s.slug: s for s in sections})


def _sections(read: Reader, raw: Any) -> tuple[Section, ...]:
    sections = []
    for index, item in enumerate(read.items(raw, "sections")):
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
                permission=_permission(read, where, entry["permission"]),
                url=read.text(entry, "url", where, required=False),
                asks_if_safe=asks_if_safe,
                safety_first_steps=read.texts(entry, "safety_first_steps", where)
                if safety_first
                else (),
                safety_first_source=read.text(entry, "safety_first_source", where, required=False),
                shown_to=_permission(read, where, entry["shown_to"])
                if "shown_to" in entry
                else None,
            )
        )
    read.unique((section.slug for section in sections), "section")
    return tuple(sections)


def get_section(slug: str) -> Section | None:
    return next((s for s in load_sections() if s.slug == slug), None)


def _permission(read: Reader, where: str, value: Any) -> Permission:
    try:
        return Permission(value)
    except ValueError:
        read.fail(
            where,
            f"needs permission {value!r}, which is not one of "
            f"{sorted(p.value for p in Permission)}",
        )


@dataclass(frozen=True)
class NavLink:
    slug: str  # matches the `active` a circle page passes to the nav
    title: str
    url: str  # a URL name taking circle_id
    permission: Permission
    shown_to: Permission | None = None  # as Section.shown_to

    def shown_for(self, allowed: frozenset[Permission]) -> bool:
        return self.permission in allowed and (self.shown_to is None or self.shown_to in allowed)


def _nav(read: Reader, raw: Any, sections: dict[str, Section]) -> tuple[NavLink, ...]:
    links = []
    for index, item in enumerate(read.items(raw, "nav")):
        entry = read.fields(
            item, f"nav[{index}]", required=("slug",), optional=("title", "url", "permission")
        )
        slug = read.text(entry, "slug", f"nav[{index}]")
        where = f"nav {slug!r}"
        section = sections.get(slug)
        if section is not None:
            if not section.url:
                read.fail(where, "the section has no page of its own")
            title = read.text(entry, "title", where, required=False) or section.title
            links.append(NavLink(slug, title, section.url, section.permission, section.shown_to))
            continue
        missing = {"title", "url", "permission"} - set(entry)
        if missing:
            read.fail(where, f"is not a section and lacks {sorted(missing)}")
        links.append(
            NavLink(
                slug,
                read.text(entry, "title", where),
                read.text(entry, "url", where),
                _permission(read, where, entry["permission"]),
            )
        )
    if not links:
        read.fail("nav", "the nav lists no pages")
    return tuple(links)


def section_url(section: Section, circle_id: Any) -> str:
    if section.url:
        return link(section.url, circle_id=circle_id)
    return link("circles:section", circle_id=circle_id, slug=section.slug)


def sections_for(membership: Membership) -> list[Section]:
    """The sections this member's role may open, in home-page order."""
    allowed = membership.permissions
    return [s for s in load_sections() if s.shown_for(allowed)]


def nav_for(membership: Membership) -> list[dict[str, str]]:
    """The circle nav links this member's role may open: slug, title and URL."""
    allowed = membership.permissions
    return [
        {
            "slug": nav.slug,
            "title": nav.title,
            "url": link(nav.url, circle_id=membership.circle_id),
        }
        for nav in load_nav()
        if nav.shown_for(allowed)
    ]
