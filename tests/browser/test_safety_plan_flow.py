"""A supporter fills in the safety plan on a phone and sees the act-now path when needed."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import log_in
from tests.conftest import Personas


def test_risk_words_outside_the_warning_signs_show_the_act_now_path_first(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/")
    page.get_by_role("link", name="Safety", exact=True).click()
    page.get_by_role("link", name="Start the plan").click()

    # Warning signs belong in the warning-signs section: they raise no alarm there.
    page.get_by_label("Warning signs and triggers").fill(
        "she hands out her jewellery and writes letters to everyone"
    )
    page.get_by_label("What helps Zephyrine calm down").fill("Her sister's voice on the phone.")
    page.get_by_label("Reasons for living and what matters to Zephyrine").fill(
        "Last night she said goodbye to everyone and gave her dog away"
    )
    page.get_by_role("button", name="Save the plan").click()

    alert = page.get_by_role("alert")
    assert "What you wrote sounds like someone may be in danger now" in alert.inner_text()
    assert alert.locator('a.call-button[href^="tel:"]').first.is_visible()
    assert alert.get_by_role("link", name="Get help now").is_visible()
    first_heading = page.locator("main h2").first.inner_text()
    assert first_heading.startswith("What you wrote")
    assert "Her sister's voice on the phone." in page.inner_text("main")
    assert "Saved as version 1." in page.inner_text("main")


def test_warning_signs_alone_raise_no_alarm(
    live_server: Any, page: Any, personas: Personas
) -> None:
    log_in(page, personas.bob, live_server.url)
    page.goto(f"{live_server.url}/c/{personas.circle.id}/safety-plan/edit/")
    page.get_by_label("Warning signs and triggers").fill(
        "Talks about wanting to die, gives things away, says goodbye"
    )
    page.get_by_role("button", name="Save the plan").click()

    assert page.get_by_role("alert").count() == 0
    assert "Saved as version 1." in page.inner_text("main")
