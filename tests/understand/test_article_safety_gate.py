"""Learn articles: advice to step back or let consequences happen waits for
"Is it safe for you?", and the CRAFT article puts staying safe first."""

from __future__ import annotations

import pytest
from django.test import Client

from porchlight.content import library
from porchlight.safety.models import PersonalSafetyAnswer
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

GATE = "First, is it safe for you?"
STEP_BACK = "pull back your attention and rewards"


@pytest.mark.parametrize(
    ("slug", "hidden"),
    [
        ("craft", STEP_BACK),
        ("support-vs-enabling", "Let natural consequences happen"),
        ("love-from-a-distance", "I'm going to step back for a while"),
        ("boundaries-that-hold", "I won't lend money any more"),
        ("gambling", "Not paying off gambling debts for them"),
    ],
)
def test_risky_steps_wait_for_the_safety_question(client: Client, slug: str, hidden: str) -> None:
    text = text_of(client.get(f"/learn/{slug}/"))
    assert GATE in text
    assert hidden not in text

    safe = text_of(client.get(f"/learn/{slug}/", {"safe": "yes"}))
    assert hidden in safe
    assert GATE not in safe

    afraid = text_of(client.get(f"/learn/{slug}/", {"safe": "no"}))
    assert "Plan those steps with a domestic-violence adviser first" in afraid
    assert hidden not in afraid


def test_the_gate_shows_once_even_when_several_sections_are_gated(client: Client) -> None:
    text = text_of(client.get("/learn/boundaries-that-hold/"))

    assert text.count(GATE) == 1


def test_the_craft_article_puts_staying_safe_first(client: Client) -> None:
    text = text_of(client.get("/learn/craft/", {"safe": "yes"}))

    assert text.index("Stay safe first") < text.index("The main skills")
    skills = text[text.index("The main skills") :]
    assert skills.index("Stay safe.") < skills.index("Understand the pattern.")
    # Before answering, the safety advice is still there: only the skills wait.
    assert "Stay safe first" in text_of(client.get("/learn/craft/"))


def test_a_signed_in_supporters_answer_counts(personas: Personas) -> None:
    client = client_for(personas.bob)
    membership = personas.membership(personas.bob)

    PersonalSafetyAnswer.objects.create(membership=membership, afraid=False)
    assert STEP_BACK in text_of(client.get("/learn/craft/"))

    PersonalSafetyAnswer.objects.create(membership=membership, afraid=True)
    assert STEP_BACK not in text_of(client.get("/learn/craft/"))


def test_articles_without_risky_steps_have_no_gate(client: Client) -> None:
    assert GATE not in text_of(client.get("/learn/validation/"))


def test_a_gated_heading_must_exist() -> None:
    text = (library.DEFAULT_DIRECTORY / "craft.md").read_text(encoding="utf-8")
    broken = text.replace('safety_gated: ["The main skills"]', 'safety_gated: ["Main skills"]')

    with pytest.raises(library.ArticleError, match="'safety_gated' names no such section"):
        library.parse_article(library.DEFAULT_DIRECTORY / "craft.md", broken)


def test_the_eating_disorder_article_matches_the_triage(client: Client) -> None:
    text = text_of(client.get("/learn/eating-disorders/"))

    assert (
        "Call your local emergency number now if your loved one faints, has chest pain, "
        "has a racing, uneven or very slow heartbeat, is confused"
    ) in text
    assert "Get medical care the same day if they have not eaten or drunk for days" in text


def test_the_warning_signs_article_says_signs_add_up_and_to_ask_when_unsure(
    client: Client,
) -> None:
    text = text_of(client.get("/learn/warning-signs-and-when-to-act/"))

    assert "Warning signs add up." in text
    assert "Not knowing is a reason to ask, not a reason to wait." in text
    assert "Do not stay near someone who may hurt you." in text
