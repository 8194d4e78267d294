"""The learn library's search: trimmed endings and synonyms ("drinking husband")."""

from __future__ import annotations

from pathlib import Path

import pytest

from porchlight.content.library import (
    SearchWordsError,
    load_search_words,
    search_articles,
)


def slugs(query: str) -> list[str]:
    return [article.slug for article in search_articles(query)]


def test_search_drinking_husband_finds_the_article_on_drinking_first() -> None:
    assert slugs("drinking husband")[0] == "when-drinking-is-the-problem"


def test_search_with_everyday_words_finds_the_articles_words() -> None:
    assert "when-drinking-is-the-problem" in slugs("my wife drinks")
    assert "hoarding" in slugs("clutter")
    assert slugs("booze")[0] == "when-drinking-is-the-problem"


def test_search_without_synonyms_needs_the_articles_own_words() -> None:
    assert search_articles("husband booze", synonyms={}) == []


def test_search_words_map_each_word_and_its_trimmed_form_to_its_group() -> None:
    words = load_search_words()

    assert words["husband"] == words["partner"]
    assert "alcohol" in words["drinking"]
    assert words["drink"] == words["drinking"]


def test_search_words_file_refuses_a_word_in_two_groups(tmp_path: Path) -> None:
    path = tmp_path / "learn_search.yaml"
    path.write_text(
        "groups:\n"
        "  - {about: one, words: [partner, husband]}\n"
        "  - {about: two, words: [husband, wife]}\n",
        encoding="utf-8",
    )

    with pytest.raises(SearchWordsError, match="'husband' is already in another group"):
        load_search_words(path)


def test_search_words_file_refuses_two_words_in_one(tmp_path: Path) -> None:
    path = tmp_path / "learn_search.yaml"
    path.write_text("groups:\n  - {about: one, words: [loved one]}\n", encoding="utf-8")

    with pytest.raises(SearchWordsError, match="'loved one' must be one word"):
        load_search_words(path)
