"""A whole rehearsal on a phone: turns swap in live, rewind works, the summary is accessible."""

from __future__ import annotations

from typing import Any

from porchlight.rehearse.models import RehearsalSession
from tests.browser.conftest import PHONE, axe_violations, describe, log_in
from tests.conftest import Personas
from tests.rehearse.scripts import MI_CONSISTENT


def say(page: Any, text: str, turns_before: int) -> None:
    page.get_by_label("What would you say?").fill(text)
    page.get_by_role("button", name="Say it").click()
    page.locator(".coach-note").nth(turns_before).wait_for()


def test_a_whole_session_on_a_phone(live_server: Any, page: Any, personas: Personas) -> None:
    assert page.viewport_size == PHONE
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/talk/")
    page.get_by_role("link", name="Rehearse with a simulated person").click()
    page.get_by_role("button", name="Try a sample: raising the drinking for the first time").click()
    page.get_by_role("heading", name="How they feel: Guard up").wait_for()
    session_url = page.url
    assert axe_violations(page) == []

    say(page, "You have to stop drinking.", 0)
    assert "Roadblock: ordering" in page.locator(".coach-note").nth(0).inner_text()
    page.get_by_role("button", name="Rewind and try again").click()
    page.locator(".coach-note").first.wait_for(state="detached")

    for number, text in enumerate(MI_CONSISTENT[:8]):
        say(page, text, number)
    assert page.url == session_url  # htmx swapped each turn in; no page loads
    assert page.locator(".feel-current").inner_text() == "Opening up"
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("button", name="Finish and see how it went").click()
    page.get_by_role("heading", name="How it went").wait_for()
    summary = page.locator("section[aria-labelledby=summary-heading]").inner_text()
    assert "Opening up" in summary
    assert "One thing to try next time" in summary
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    session = RehearsalSession.objects.get(author=personas.bob)
    assert session.turns.count() == 8
    assert session.rewinds == 1
