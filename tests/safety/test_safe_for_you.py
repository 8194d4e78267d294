from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from porchlight.safety.models import PersonalSafetyAnswer
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def boundaries(personas: Personas) -> str:
    return f"/c/{personas.circle.id}/s/boundaries/"


def answer(personas: Personas, afraid: str):  # type: ignore[no-untyped-def]
    return client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safe-for-you/",
        {"afraid": afraid, "next": boundaries(personas)},
        follow=True,
    )


def test_boundary_advice_first_asks_if_it_is_safe(personas: Personas) -> None:
    text = text_of(client_for(personas.bob).get(boundaries(personas)))

    assert "First, is it safe for you?" in text
    assert "Are you ever afraid of what Zephyrine might do to you?" in text
    assert "A boundary is about what you do" not in text


def test_feeling_safe_shows_the_usual_boundary_advice(personas: Personas) -> None:
    text = text_of(answer(personas, "no"))

    assert "A boundary is about what you do, not what they must do." in text
    assert "Your safety first" not in text


def test_fear_changes_the_advice_and_shows_domestic_violence_lines(personas: Personas) -> None:
    text = text_of(answer(personas, "yes"))

    assert "Your safety first" in text
    assert "don't set limits or consequences face to face for now" in text
    assert "National Domestic Violence Hotline" in text
    assert "A boundary is about what you do" not in text


def test_the_answer_is_asked_again_after_a_month(personas: Personas) -> None:
    answer(personas, "no")
    PersonalSafetyAnswer.objects.update(answered_at=timezone.now() - timedelta(days=31))

    text = text_of(client_for(personas.bob).get(boundaries(personas)))

    assert "First, is it safe for you?" in text


def test_each_member_answers_for_themself(personas: Personas) -> None:
    answer(personas, "yes")

    text = text_of(client_for(personas.alice).get(boundaries(personas)))

    assert "First, is it safe for you?" in text


def test_no_answer_is_explained(personas: Personas) -> None:
    response = client_for(personas.bob).post(f"/c/{personas.circle.id}/safe-for-you/", {})

    assert response.context["form"].errors["afraid"] == [
        "Please choose one answer. Either is fine."
    ]
    assert PersonalSafetyAnswer.objects.count() == 0
