"""A supporter fills in the safety plan on a phone and sees the act-now path when needed."""

from __future__ import annotations

from typing import Any

from tests.browser.test_accessibility import log_in
from tests.conftest import Personas


def test_writing_warning_signs_shows_the_act_now_path_first(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/")
    page.get_by_role("link", name="Safety", exact=True).click()
    page.get_by_role("link", name="Start the plan").click()

    page.get_by_label("Warning signs and triggers").fill(
        "she has been handing out her jewellery and writing letters to everyone"
    )
    page.get_by_label("What helps Zephyrine calm down").fill("Her sister's voice on the phone.")
    page.get_by_role("button", name="Save the plan").click()

    alert = page.get_by_role("alert")
    assert "need help today" in alert.inner_text() or "in danger now" in alert.inner_text()
    assert alert.get_by_role("link", name="Get help now").is_visible()
    first_heading = page.locator("main h2").first.inner_text()
    assert first_heading.startswith("What you wrote")
    assert "Her sister's voice on the phone." in page.inner_text("main")
    assert "Saved as version 1." in page.inner_text("main")
