"""One list of sections and the permission each needs (content/sections.yaml).

The home-page cards and the circle nav are built from it, so a member is never
shown a link to a page that answers 403.
"""

from __future__ import annotations

import re
import uuid
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import resolve, reverse

from porchlight.circles.sections import SECTIONS_FILE, load_nav, load_sections
from tests.conftest import Personas, client_for


class _Links(HTMLParser):
    """Every link on the page: (href, its visible text)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def links_in(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def nav_titles(html: str) -> list[str]:
    nav = re.search(r'<nav class="circle-nav".*?</nav>', html, re.S)
    assert nav is not None
    return [text for _, text in links_in(nav.group(0))]


def card_titles(html: str) -> list[str]:
    grid = re.search(r'<ul class="section-grid">.*?</ul>', html, re.S)
    assert grid is not None
    return [text.removesuffix(" →") for _, text in links_in(grid.group(0))]


@pytest.mark.parametrize("section", load_sections(), ids=lambda s: s.slug)
def test_each_section_page_needs_the_permission_sections_yaml_declares(section) -> None:
    view = resolve(reverse(section.url, kwargs={"circle_id": uuid.uuid4()})).func

    assert view.required_permission == section.permission  # type: ignore[attr-defined]


@pytest.mark.parametrize("link", load_nav(), ids=lambda link: link.slug)
def test_each_nav_page_needs_the_permission_sections_yaml_declares(link) -> None:
    view = resolve(reverse(link.url, kwargs={"circle_id": uuid.uuid4()})).func

    assert view.required_permission == link.permission  # type: ignore[attr-defined]


def test_an_owner_sees_every_section_and_the_whole_nav(personas: Personas) -> None:
    html = client_for(personas.alice).get(f"/c/{personas.circle.id}/").content.decode()

    assert card_titles(html) == [
        "Understand",
        "Talk",
        "Boundaries",
        "Invite to treatment",
        "Family team",
        "Safety",
        "Journal",
        "Look after yourself",
    ]
    assert nav_titles(html) == [
        "Zephyrine's circle",
        "Safety plan",
        "Understand",
        "Talk",
        "Boundaries",
        "Invitation",
        "Team",
        "Journal",
        "Progress",
        "You",
        "People",
    ]


def test_a_professional_sees_only_the_sections_their_role_opens(personas: Personas) -> None:
    html = client_for(personas.carol).get(f"/c/{personas.circle.id}/").content.decode()

    # Not the carer's own pages either (shown_to: write_journal): no check-in for them.
    assert card_titles(html) == ["Invite to treatment", "Family team", "Safety"]
    assert nav_titles(html) == ["Zephyrine's circle", "Safety plan", "Invitation", "Team", "People"]


def test_the_header_menu_has_no_delete_account_and_your_circles_page_does(
    personas: Personas,
) -> None:
    client = client_for(personas.alice)
    circle_page = client.get(f"/c/{personas.circle.id}/").content.decode()
    header = re.search(r'<header class="site-header">.*?</header>', circle_page, re.S)
    assert header is not None

    assert [text for _, text in links_in(header.group(0))] == [
        "Porchlight",
        "Get help now",
        "Quick exit (leave this site now; the Escape key twice also works)",
        "What's new",
        "Your circles",
        "Learn",
        "Where to get help",
        "Reminders",
        "Password",
    ]
    your_circles = client.get("/").content.decode()
    assert ("/accounts/delete/", "Delete your account") in links_in(your_circles)


@pytest.mark.parametrize("who", ["alice", "bob", "carol"])
def test_no_link_on_a_circle_home_answers_403(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    html = client.get(f"/c/{personas.circle.id}/").content.decode()
    inside = sorted(
        {href for href, _ in links_in(html) if href.startswith(f"/c/{personas.circle.id}/")}
    )

    answers = {href: client.get(href).status_code for href in inside}

    assert len(answers) >= 5
    assert [href for href, status in answers.items() if status == 403] == []


def test_a_section_with_an_unknown_permission_fails_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "sections.yaml"
    broken.write_text(
        SECTIONS_FILE.read_text(encoding="utf-8").replace(
            "permission: view_plans", "permission: view_everything", 1
        ),
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match=r"sections\.yaml: section 'understand': needs permission"):
        load_sections(broken)


def test_a_nav_page_without_a_permission_fails_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "sections.yaml"
    broken.write_text(
        SECTIONS_FILE.read_text(encoding="utf-8").replace("    permission: view_members\n", ""),
        encoding="utf-8",
    )

    with pytest.raises(
        ValueError, match=r"sections\.yaml: nav 'members': .* lacks \['permission'\]"
    ):
        load_sections(broken)
