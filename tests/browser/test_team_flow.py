"""A supporter builds the family team plan with two people on a phone, and it reads clean."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import axe_violations, describe, log_in
from tests.conftest import Personas


def test_build_a_team_plan_with_two_people_on_a_phone(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/team/edit/")

    page.get_by_label("Person 1: first name or nickname").fill("Mum")
    page.get_by_label("Person 1: role").select_option("lead")
    page.get_by_label("Person 2: first name or nickname").fill("Uncle Ray")
    page.get_by_label("Person 2: role").select_option("asker")
    page.get_by_label("Plan B").first.fill("We keep the door open and try again in a month.")
    page.get_by_role("button", name="Save the team plan").click()

    main = page.inner_text("main")
    assert "Saved as version 1." in main
    assert "Mum" in main
    assert "Uncle Ray" in main
    assert "Leads the team" in main
    violations = axe_violations(page)  # with the "Saved" message showing
    assert violations == [], describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
