"""Sessions end after a time without activity, and private pages are never cached."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from porchlight.core.middleware import SEEN_KEY
from tests.conftest import Personas, client_for
from tests.core.test_security_headers import PRODUCTION, run_porchlight

pytestmark = pytest.mark.django_db

NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def idle_seconds(env: dict[str, str], tmp_path: Path) -> str:
    result = run_porchlight(
        ["shell", "-c", "from django.conf import settings; print(settings.SESSION_COOKIE_AGE)"],
        {**env, "PORCHLIGHT_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_idle_timeout_is_two_hours_hosted_and_two_weeks_on_a_laptop(tmp_path: Path) -> None:
    assert idle_seconds(PRODUCTION, tmp_path) == "7200"
    assert idle_seconds({"PORCHLIGHT_ENV": "development"}, tmp_path) == "1209600"
    assert idle_seconds({**PRODUCTION, "SESSION_IDLE_MINUTES": "30"}, tmp_path) == "1800"


def test_an_active_session_is_extended(personas: Personas, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 2 * 60 * 60
    client = client_for(personas.alice)
    session = client.session
    session[SEEN_KEY] = 0
    session.save()
    # Nearly idle: the session would end in a minute.
    Session.objects.filter(pk=session.session_key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )

    response = client.get(f"/c/{personas.circle.id}/")

    assert response.status_code == 200
    left = Session.objects.get(pk=session.session_key).expire_date - timezone.now()
    assert timedelta(minutes=119) < left <= timedelta(minutes=120)


def test_an_idle_session_is_logged_out(personas: Personas) -> None:
    client = client_for(personas.alice)
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    response = client.get(f"/c/{personas.circle.id}/")

    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/login/?next=/c/{personas.circle.id}/",
    )


@pytest.mark.parametrize(
    "path",
    ["/", "/c/{circle}/", "/c/{circle}/journal/?q=garden", "/c/{circle}/safety-plan/", "/learn/"],
)
def test_every_page_for_someone_logged_in_says_no_store(personas: Personas, path: str) -> None:
    response = client_for(personas.alice).get(path.format(circle=personas.circle.id))

    assert response.status_code == 200
    assert response["Cache-Control"] == NO_STORE


def test_a_public_page_for_a_visitor_may_be_cached(db: None) -> None:
    response = client_for(None).get("/learn/")

    assert "no-store" not in response.get("Cache-Control", "")
