"""The accessibility check itself must be able to fail."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import axe_violations


def test_axe_reports_a_serious_problem_when_there_is_one(page: Any) -> None:
    page.set_content(
        '<html lang="en"><body><main><h1>x</h1>'
        '<input type="text"><img src="a.png"></main></body></html>'
    )

    ids = {v["id"] for v in axe_violations(page)}

    assert {"image-alt", "label"} <= ids
