"""axe-core on every page of the project, on a phone-sized screen.

The pages come from the same URL walk as the role matrix, so a new page is
checked as soon as it exists. Each page is its own test: a failure names the page.
Downloads (PDF, calendar, JSON, the service worker) and the JSON health check are
not pages, so they are left out here; the role matrix still checks who gets them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import get_resolver

from porchlight.circles import services
from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas
from tests.test_role_matrix import EXPECTED_GET, VISITORS, url_for, walk

FILE_SUFFIXES = (".pdf", ".ics", ".js", ".json")
NOT_PAGES = {"core:health"} | {
    name
    for name, pattern in walk(get_resolver().url_patterns)
    if str(pattern.pattern).endswith(FILE_SUFFIXES)
}
# The circle's section pages, one test per slug (the role matrix opens only the first).
SECTIONS = ("understand", "talk", "boundaries", "craft", "safety", "journal", "selfcare")


def pages_for(visitor: str) -> list[str]:
    column = VISITORS.index(visitor)
    return sorted(
        name
        for name, codes in EXPECTED_GET.items()
        if codes[column] == 200 and name not in NOT_PAGES
    )


def check(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert response.headers["content-type"].startswith("text/html"), url
    violations = axe_violations(page)
    assert violations == [], f"{url}\n{describe(violations)}"
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("name", [n for n in pages_for("owner") if n != "circles:section"])
def test_page_for_a_signed_in_owner_has_no_serious_accessibility_problems(
    name: str,
    live_server: Any,
    page: Any,
    personas: Personas,
    invitation: services.NewInvitation,
) -> None:
    log_in(page, personas.alice, live_server.url)
    path = url_for(name, personas, invitation.token, str(invitation.invitation.id))

    check(page, live_server.url + path)


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("slug", SECTIONS)
def test_section_page_has_no_serious_accessibility_problems(
    slug: str, live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.alice, live_server.url)

    check(page, f"{live_server.url}/c/{personas.circle.id}/s/{slug}/")


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("name", pages_for("anonymous"))
def test_page_for_a_visitor_has_no_serious_accessibility_problems(
    name: str,
    live_server: Any,
    page: Any,
    personas: Personas,
    invitation: services.NewInvitation,
) -> None:
    path = url_for(name, personas, invitation.token, str(invitation.invitation.id))

    check(page, live_server.url + path)


def test_forms_with_errors_have_no_serious_accessibility_problems(
    live_server: Any, page: Any
) -> None:
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_text("This field is required.").first.is_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
