"""What a page does with its query string: every one is read through a form, so a
good value is used and a bad or hand-edited one is ignored or answered plainly."""

from __future__ import annotations

import re

import pytest

from porchlight.boundaries import engine as enabling
from porchlight.safety.models import PersonalSafetyAnswer
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def _selected_kind(html: str) -> str:
    select = re.search(r'<select name="kind".*?</select>', html, re.S)
    assert select is not None
    chosen = re.search(r'<option value="([^"]+)"[^>]*selected', select.group(0))
    assert chosen is not None
    return chosen.group(1)


@pytest.mark.parametrize(
    ("asked", "shown"),
    [
        ("small_victory", "small_victory"),
        ("no-such-kind", "conversation"),
        ("safety_check", "conversation"),
        ("", "conversation"),
    ],
)
def test_new_entry_starts_on_the_kind_asked_for_or_a_conversation(
    personas: Personas, asked: str, shown: str
) -> None:
    response = client_for(personas.alice).get(
        f"/c/{personas.circle.id}/journal/new/", {"kind": asked}
    )

    assert response.status_code == 200
    assert _selected_kind(response.content.decode()) == shown


def test_boundary_builder_starts_from_a_known_suggestion_only(personas: Personas) -> None:
    PersonalSafetyAnswer.objects.create(
        membership=personas.membership(personas.alice), afraid=False
    )
    client = client_for(personas.alice)
    url = f"/c/{personas.circle.id}/boundaries/new/"
    question = enabling.questions()[0]

    suggested = client.get(url, {"from": question.id})
    unknown = client.get(url, {"from": "no-such-question"})

    assert suggested.context["form"]["why"].value() == question.suggestion.why
    assert question.suggestion.why in text_of(suggested)
    assert unknown.status_code == 200
    assert unknown.context["form"]["why"].value() in (None, "")


@pytest.mark.parametrize("asked", ["zz", "x" * 300, "<b>us</b>"])
def test_help_now_with_an_unknown_country_asks_to_choose_from_the_list(asked: str) -> None:
    response = client_for(None).get("/help/", {"country": asked})

    assert response.status_code == 400
    assert "Choose a country from the list." in text_of(response)


def test_learn_library_with_an_unknown_topic_says_so_and_a_long_search_is_cut() -> None:
    unknown = client_for(None).get("/learn/", {"tag": "no-such-topic"})
    long_search = client_for(None).get("/learn/", {"q": "drinking " * 50})

    assert unknown.status_code == 400
    assert "We have no topic by that name." in text_of(unknown)
    assert long_search.status_code == 200
    assert long_search.context["query"] == ("drinking " * 50)[:100]


def test_learn_library_refuses_a_search_it_cannot_read_in_plain_words() -> None:
    response = client_for(None).get("/learn/", {"q": "drink\x00ing"})

    assert response.status_code == 400
    assert "Search with words only." in text_of(response)


def test_article_gate_ignores_an_answer_that_is_not_yes_or_no() -> None:
    text = text_of(client_for(None).get("/learn/craft/", {"safe": "maybe"}))

    assert "First, is it safe for you?" in text
