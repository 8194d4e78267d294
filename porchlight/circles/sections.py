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

import yaml
from django.urls import reverse

from porchlight.circles.models import Membership
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


@cache
def load_sections(path: Path = SECTIONS_FILE) -> tuple[Section, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = []
    for entry in raw["sections"]:
        missing = {
            "slug",
            "title",
            "summary",
            "empty_title",
            "empty_steps",
            "source",
            "permission",
        } - set(entry)
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
                permission=_permission(path, entry["slug"], entry["permission"]),
                url=entry.get("url", ""),
                asks_if_safe=entry.get("asks_if_safe", False),
                safety_first_steps=tuple(entry.get("safety_first_steps", ())),
                safety_first_source=entry.get("safety_first_source", ""),
            )
        )
    load_nav(path, tuple(sections))  # the nav is checked with the sections, at start-up
    return tuple(sections)


def get_section(slug: str) -> Section | None:
    return next((s for s in load_sections() if s.slug == slug), None)


def _permission(path: Path, slug: str, value: Any) -> Permission:
    try:
        return Permission(value)
    except ValueError:
        raise ValueError(
            f"{path.name}: {slug!r} needs permission {value!r}, which is not one of "
            f"{sorted(p.value for p in Permission)}"
        ) from None


@dataclass(frozen=True)
class NavLink:
    slug: str  # matches the `active` a circle page passes to the nav
    title: str
    url: str  # a URL name taking circle_id
    permission: Permission


@cache
def load_nav(
    path: Path = SECTIONS_FILE, known: tuple[Section, ...] | None = None
) -> tuple[NavLink, ...]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    sections = {s.slug: s for s in (load_sections(path) if known is None else known)}
    links = []
    for entry in raw.get("nav") or []:
        slug = entry.get("slug")
        section = sections.get(slug)
        if section is not None:
            if not section.url:
                raise ValueError(f"{path.name}: nav {slug!r}: the section has no page of its own")
            links.append(
                NavLink(slug, entry.get("title", section.title), section.url, section.permission)
            )
            continue
        missing = {"title", "url", "permission"} - set(entry)
        if missing:
            raise ValueError(
                f"{path.name}: nav {slug!r} is not a section and lacks {sorted(missing)}"
            )
        links.append(
            NavLink(
                slug, entry["title"], entry["url"], _permission(path, slug, entry["permission"])
            )
        )
    if not links:
        raise ValueError(f"{path.name}: the nav lists no pages")
    return tuple(links)


def section_url(section: Section, circle_id: Any) -> str:
    if section.url:
        return reverse(section.url, kwargs={"circle_id": circle_id})
    return reverse("circles:section", kwargs={"circle_id": circle_id, "slug": section.slug})


def sections_for(membership: Membership) -> list[Section]:
    """The sections this member's role may open, in home-page order."""
    allowed = membership.permissions
    return [s for s in load_sections() if s.permission in allowed]


def nav_for(membership: Membership) -> list[dict[str, str]]:
    """The circle nav links this member's role may open: slug, title and URL."""
    allowed = membership.permissions
    return [
        {
            "slug": link.slug,
            "title": link.title,
            "url": reverse(link.url, kwargs={"circle_id": membership.circle_id}),
        }
        for link in load_nav(SECTIONS_FILE, load_sections())
        if link.permission in allowed
    ]
