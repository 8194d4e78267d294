"""axe-core on every page of the project, on a phone-sized screen.

The pages come from the same URL walk as the role matrix, so a new page is
checked as soon as it exists.
"""

from __future__ import annotations

from typing import Any

from porchlight.circles import services
from tests.browser.conftest import axe_violations, describe
from tests.conftest import Personas, client_for
from tests.test_role_matrix import EXPECTED_GET, VISITORS, url_for

OWNER_PAGES = sorted(
    n for n, codes in EXPECTED_GET.items() if codes[VISITORS.index("owner")] == 200
)
ANONYMOUS_PAGES = sorted(
    n for n, codes in EXPECTED_GET.items() if codes[VISITORS.index("anonymous")] == 200
)


def log_in(page: Any, user: Any, base_url: str) -> None:
    client = client_for(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


def check(page: Any, url: str) -> None:
    if url.endswith((".pdf", ".ics", ".js", ".json")):
        return  # files, not pages
    response = page.goto(url)
    assert response.status < 400, url
    if "text/html" not in response.headers.get("content-type", ""):
        return
    violations = axe_violations(page)
    assert violations == [], f"{url}\n{describe(violations)}"
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), url


def test_pages_for_a_signed_in_owner_have_no_serious_accessibility_problems(
    live_server: Any, page: Any, personas: Personas, invitation: services.NewInvitation
) -> None:
    log_in(page, personas.alice, live_server.url)
    for name in OWNER_PAGES:
        if name == "core:health":
            continue
        check(
            page,
            live_server.url
            + url_for(name, personas, invitation.token, str(invitation.invitation.id)),
        )
    for slug in ("understand", "talk", "boundaries", "safety", "journal", "selfcare"):
        check(page, f"{live_server.url}/c/{personas.circle.id}/s/{slug}/")


def test_pages_for_a_visitor_have_no_serious_accessibility_problems(
    live_server: Any, page: Any, personas: Personas, invitation: services.NewInvitation
) -> None:
    for name in ANONYMOUS_PAGES:
        if name == "core:health":
            continue
        check(
            page,
            live_server.url
            + url_for(name, personas, invitation.token, str(invitation.invitation.id)),
        )


def test_forms_with_errors_have_no_serious_accessibility_problems(
    live_server: Any, page: Any
) -> None:
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_text("This field is required.").first.is_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
