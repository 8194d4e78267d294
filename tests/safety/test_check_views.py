from __future__ import annotations

import json

import pytest
from django.test import Client

from porchlight.safety.models import SavedCheck
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_anyone_can_take_the_check_without_an_account(client: Client) -> None:
    page = client.get("/help/check/")

    assert page.status_code == 200
    assert "What you have heard and seen" in text_of(page)
    response = client.post("/help/check/", {"overdose_signs": ["cannot_wake", "blue_lips"]})
    text = text_of(response)
    assert "Act now: call your emergency number" in text
    assert text.index("Act now") < text.index("Why we say this")


def test_no_answers_say_nothing_was_checked_and_ask_again(client: Client) -> None:
    response = client.post("/help/check/", {})

    text = text_of(response)
    assert "We could not check anything: no questions were answered" in text
    assert "Keep supporting" not in text
    assert "What you have heard and seen" in text  # the questions again


def test_unusual_goodbyes_mean_get_help_today(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/", {"final_acts": ["goodbyes"]}
    )

    text = text_of(response)
    assert "Get help today: call a crisis line or a professional" in text
    assert "Who to call in United States" in text
    assert "Call or text 988" in text


def test_a_frightened_supporter_sees_their_own_safety_first(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/", {"afraid": "often", "coping": "hard"}
    )

    text = text_of(response)
    assert text.index("Your safety comes first") < text.index("Why we say this")
    assert "National Domestic Violence Hotline" in text


def test_an_unknown_answer_is_explained_and_nothing_is_lost(client: Client) -> None:
    response = client.post("/help/check/", {"talk_of_dying": "maybe", "trend": "worse"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.context["form"].errors["talk_of_dying"][0]
    assert 'value="worse"' in response.content.decode()
    assert response.context["form"]["trend"].value() == "worse"


def test_a_supporter_saves_the_result_to_the_circle(personas: Personas) -> None:
    client = client_for(personas.bob)
    result = client.post(f"/c/{personas.circle.id}/safety-check/", {"talk_of_dying": "hinted"})
    answers = result.context["answers_json"]

    response = client.post(
        f"/c/{personas.circle.id}/safety-check/save/", {"answers": answers}, follow=True
    )

    saved = SavedCheck.objects.get()
    assert (saved.level, saved.answers, saved.created_by) == (
        "urgent",
        {"talk_of_dying": "hinted"},
        personas.bob,
    )
    text = text_of(response)
    assert "The result is saved to Zephyrine's journal." in text
    assert "A safety check" in text
    assert "Get help today: call a crisis line or a professional" in text


def test_tampered_answers_are_refused(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "invented"})},
        follow=True,
    )

    assert "Those answers could not be read." in text_of(response)
    assert SavedCheck.objects.count() == 0


def test_help_page_shows_the_five_guidance_blocks(client: Client) -> None:
    text = text_of(client.get("/help/gb/"))

    for title in ("overdose", "withdrawal", "struggling"):
        assert title in text.lower()
    assert "Take a short check: pause or act" in text
