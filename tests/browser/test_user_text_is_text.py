"""The attack that was found: a circle named like an htmx element made a supporter
who opened the safety-plan editor leave the circle. In a real browser, with htmx."""

from __future__ import annotations

import time
from typing import Any

from tests.browser.conftest import log_in
from tests.conftest import Personas

ATTACK = "<i hx-post=../../leave/ hx-trigger=load>"


def test_circle_named_like_markup_makes_no_request(
    live_server: Any, page: Any, personas: Personas
) -> None:
    personas.circle.name = ATTACK
    personas.circle.save(update_fields=["name"])
    log_in(page, personas.bob, live_server.url)
    posts: list[str] = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )

    page.goto(f"{live_server.url}/c/{personas.circle.id}/safety-plan/edit/")
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)  # htmx would have fired on load by now

    assert posts == []
    assert page.locator("[hx-post], [hx-trigger=load]").count() == 0
    assert ATTACK in page.inner_text("main")
    assert personas.circle.memberships.filter(user=personas.bob).exists()
    config = page.evaluate(
        "[htmx.config.selfRequestsOnly, htmx.config.allowEval, htmx.config.allowScriptTags,"
        " htmx.config.historyCacheSize]"
    )
    assert config == [True, False, False, 0]
