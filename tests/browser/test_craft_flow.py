"""A supporter plans the invitation to treatment on a phone: the coach reads the words first."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas


def test_plan_the_invitation_see_the_roadblock_and_rehearse_it(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/")
    page.locator(".circle-menu summary").click()
    page.locator(".circle-menu").get_by_role("link", name="Invitation", exact=True).click()
    page.get_by_role("link", name="Start “The invitation”").click()

    page.get_by_label("What are their own reasons to change?").fill(
        "She said she misses her garden."
    )
    page.get_by_label("When they are sober and calm").check()
    page.get_by_label("The words you will use").fill("You have to stop drinking or else.")
    page.get_by_role("button", name="Save").click()

    main = page.inner_text("main")
    assert "Saved as version 1." in main
    assert "The coach on your words" in main
    assert page.locator(".roadblocks .badge").count() >= 1
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("button", name="Rehearse this").click()

    assert "/rehearse/?plan=" in page.url
    assert "“You have to stop drinking or else.”" in page.inner_text("main")
