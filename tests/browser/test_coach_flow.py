"""Feedback appears as the supporter types, and the page stays accessible."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas


def test_feedback_updates_as_you_type(live_server: Any, page: Any, personas: Personas) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/")
    page.get_by_role("link", name="Talk", exact=True).first.click()
    page.wait_for_url("**/talk/")
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))

    page.get_by_label("What do you plan to say?").type(
        "You have to quit the pills before you lose your job, it's pathetic."
    )

    feedback = page.locator("#feedback")
    feedback.get_by_text("Ways to say it that keep your meaning:").first.wait_for()
    assert "Ordering" in feedback.inner_text()
    # No page load: the feedback came in through htmx, not a submitted form.
    assert [r.url for r in requests if r.is_navigation_request()] == []
    assert [r.headers.get("hx-request") for r in requests if r.method == "POST"][-1] == "true"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
