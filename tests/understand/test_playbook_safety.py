"""The Understand playbook: a suicide screen for Theo-like answers, and CRAFT steps
behind "Is it safe for you?"."""

from __future__ import annotations

import pytest

from porchlight.safety.models import PersonalSafetyAnswer
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

THEO = {
    "says_when_help": ["im_fine", "whats_the_point"],
    "sees_problem": "minimizes",
    "wants_for_life": ["no_future"],
    "most_days": ["low_flat", "sleeps_withdraws"],
    "with_you": ["still_talks"],
}
SOBER_TIME = "Make sober time rewarding"
GATED = 'Answer "Is it safe for you?" above to see it.'


def answer(personas: Personas, answers: dict[str, object]) -> None:
    client_for(personas.bob).post(f"/c/{personas.circle.id}/understand/questions/", answers)


def overview_text(personas: Personas) -> str:
    return text_of(client_for(personas.bob).get(f"/c/{personas.circle.id}/understand/"))


def test_theo_like_answers_surface_a_suicide_screen(personas: Personas) -> None:
    personas.circle.concerns = ["depression"]
    personas.circle.save()
    answer(personas, THEO)

    text = overview_text(personas)

    assert "Ask about suicide, today" in text
    assert 'ask them calmly and directly: "Are you thinking about suicide?"' in text
    assert text.index("Ask about suicide, today") < text.index("The barrier map")
    assert "Take the safety check" in text


def test_craft_steps_wait_for_is_it_safe_for_you(personas: Personas) -> None:
    answer(personas, {"says_when_help": "no_problem", "change_talk": "never"})  # alcohol

    text = overview_text(personas)

    assert "First, is it safe for you?" in text
    assert GATED in text
    assert SOBER_TIME not in text


def test_craft_steps_show_once_the_supporter_feels_safe(personas: Personas) -> None:
    answer(personas, {"says_when_help": "no_problem", "change_talk": "never"})
    PersonalSafetyAnswer.objects.create(membership=personas.membership(personas.bob), afraid=False)

    text = overview_text(personas)

    assert SOBER_TIME in text
    assert GATED not in text
    assert "First, is it safe for you?" not in text


def test_an_afraid_supporter_is_told_to_plan_craft_steps_with_an_adviser(
    personas: Personas,
) -> None:
    answer(personas, {"says_when_help": "no_problem", "change_talk": "never"})
    PersonalSafetyAnswer.objects.create(membership=personas.membership(personas.bob), afraid=True)

    text = overview_text(personas)

    assert "Your safety first" in text
    assert "Plan this step with a domestic-violence adviser first" in text
    assert SOBER_TIME not in text
    assert "National Domestic Violence Hotline" in text


def test_the_eating_disorder_step_says_what_the_article_and_the_triage_say(
    personas: Personas,
) -> None:
    personas.circle.concerns = ["eating_disorder"]
    personas.circle.save()
    answer(personas, {"says_when_help": "no_problem", "change_talk": "never"})

    text = overview_text(personas)

    assert (
        "Call your local emergency number now if they faint, have chest pain, a racing, "
        "uneven or very slow heartbeat, or are confused."
    ) in text
    assert "Get medical care the same day if they have not eaten or drunk for days." in text
