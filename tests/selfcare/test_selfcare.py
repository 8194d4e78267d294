from __future__ import annotations

import pytest

from porchlight.core.models import AuditAction, AuditEvent
from porchlight.selfcare.models import CheckIn
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

CALM = {
    "stress": "a_little", "sleep": "well", "support": "plenty", "hope": "fairly_hopeful",
    "own_health": "very_well", "life_taken": "some", "self_harm": "not_at_all",
    "safe_at_home": "safe",
}  # fmt: skip
HARD = {
    **CALM, "stress": "overwhelmed", "sleep": "hardly", "support": "no_one", "hope": "no_hope",
    "own_health": "not_at_all", "life_taken": "nearly_all",
}  # fmt: skip


def url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/you/{suffix}"


def test_a_calm_week_reads_doing_okay(personas: Personas) -> None:
    response = client_for(personas.bob).post(url(personas, "check-in/"), CALM)

    text = text_of(response)
    assert "Doing okay" in text
    saved = CheckIn.objects.get()
    assert (saved.user, saved.band) == (personas.bob, "doing_okay")


def test_a_missing_answer_is_explained_and_the_rest_kept(personas: Personas) -> None:
    answers = {k: v for k, v in CALM.items() if k != "hope"}

    response = client_for(personas.bob).post(url(personas, "check-in/"), answers)

    assert response.context["form"].errors["hope"] == ["Choose the answer closest to how it is."]
    assert response.context["form"]["sleep"].value() == "well"
    assert CheckIn.objects.count() == 0


def test_thoughts_of_self_harm_lead_to_the_safety_path(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        url(personas, "check-in/"), {**CALM, "self_harm": "several_days"}
    )

    text = text_of(response)
    assert "Please talk to someone today" in text
    assert "Call or text 988" in text
    assert text.index("Please talk to someone today") < text.index("Strain score")
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "selfcare"


def test_feeling_unsafe_at_home_shows_domestic_violence_lines(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        url(personas, "check-in/"), {**CALM, "safe_at_home": "often_afraid"}
    )

    assert "National Domestic Violence Hotline" in text_of(response)


def test_sustained_decline_suggests_concrete_support(personas: Personas) -> None:
    client = client_for(personas.bob)
    client.post(url(personas, "check-in/"), HARD)
    client.post(url(personas, "check-in/"), HARD)

    text = text_of(client.get(url(personas)))

    assert "Things have been getting harder for you" in text
    assert "Your check-ins" in text  # the trend chart


def test_check_ins_are_private_to_their_author(personas: Personas) -> None:
    client_for(personas.bob).post(url(personas, "check-in/"), HARD)

    text = text_of(client_for(personas.alice).get(url(personas)))

    assert "No check-ins yet." in text


def test_self_care_plan_is_saved_and_read_for_risk(personas: Personas) -> None:
    client = client_for(personas.bob)

    client.post(
        url(personas, "plan/"),
        {"restores_me": "Swimming on Tuesdays", "who_i_can_talk_to": "My sister"},
    )
    text = text_of(client.get(url(personas)))
    assert "Swimming on Tuesdays" in text
    client.post(
        url(personas, "plan/"), {"if_things_get_hard": "i just want to disappear and never wake up"}
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.RISK_FLAGGED, details__where="selfcare"
    ).exists()
