"""The learn library filtered by concern, barrier and technique, and searched."""

from __future__ import annotations

import pytest
from django.test import Client

from porchlight.content import library
from tests.html import text_of

pytestmark = pytest.mark.django_db


def shown(client: Client, **query: str) -> list[str]:
    return [article.slug for article in client.get("/learn/", query).context["articles"]]


def test_learn_filter_by_concern_shows_only_articles_about_it(client: Client) -> None:
    found = shown(client, concern="hoarding")

    assert "hoarding" in found
    assert all("hoarding" in library.get_article(slug).tags for slug in found)  # type: ignore[union-attr]
    assert len(found) < len(library.load_articles())


def test_learn_filters_combine(client: Client) -> None:
    found = shown(client, concern="alcohol", technique="craft")

    assert "when-drinking-is-the-problem" in found
    for slug in found:
        tags = library.get_article(slug).tags  # type: ignore[union-attr]
        assert {"alcohol", "craft"} <= set(tags)


def test_learn_filter_by_barrier_says_how_many_and_about_what(client: Client) -> None:
    expected = library.articles_with_tag("shame")

    text = text_of(client.get("/learn/", {"barrier": "shame"}))

    assert (
        f"{len(expected)} article{'s' if len(expected) != 1 else ''} about Shame and stigma."
        in text
    )


def test_learn_search_drinking_husband_finds_the_article_on_drinking(client: Client) -> None:
    response = client.get("/learn/", {"q": "drinking husband"})

    assert shown(client, q="drinking husband")[0] == "when-drinking-is-the-problem"
    assert "When drinking is the problem" in text_of(response)


def test_learn_search_within_a_filter(client: Client) -> None:
    assert shown(client, q="drinking husband", concern="hoarding") == []
    assert "when-drinking-is-the-problem" in shown(client, q="drinking husband", concern="alcohol")


def test_learn_filter_with_an_unknown_topic_says_so_and_shows_everything(client: Client) -> None:
    response = client.get("/learn/", {"concern": "astrology"})

    assert response.status_code == 400
    assert "We have no topic by that name. Here are all the articles." in text_of(response)
    assert len(response.context["articles"]) == len(library.load_articles())


def test_learn_filters_keep_what_was_chosen(client: Client) -> None:
    html = client.get("/learn/", {"concern": "alcohol", "q": "money"}).content.decode()

    assert '<option value="alcohol" selected>Alcohol</option>' in html
    assert 'value="money"' in html
