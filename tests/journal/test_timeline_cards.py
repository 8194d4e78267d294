"""What a timeline card shows: long entries folded with "Read more", empty ones said so."""

from __future__ import annotations

import pytest

from porchlight.journal.models import PREVIEW_CHARACTERS, fold
from tests.conftest import Personas, client_for
from tests.factories import JournalEntryFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

LONG = " ".join(f"Sentence {n} about a long evening talking with him." for n in range(40))


def journal(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/journal/{suffix}"


def test_fold_keeps_a_short_text_whole() -> None:
    assert fold("  We had a calm dinner.  ") == "We had a calm dinner."


def test_fold_cuts_a_long_text_at_a_word_with_an_ellipsis() -> None:
    folded = fold(LONG)

    assert folded.endswith("…")
    assert len(folded) <= PREVIEW_CHARACTERS + 1
    assert LONG.startswith(folded.removesuffix("…"))
    assert folded.removesuffix("…").split()[-1] in LONG.split()


def test_fold_keeps_the_first_lines_of_a_tall_text() -> None:
    assert fold("one\ntwo\nthree\nfour\nfive\nsix") == "one\ntwo\nthree\nfour…"


def test_timeline_folds_a_long_entry_with_read_more(personas: Personas) -> None:
    long_entry = JournalEntryFactory(
        circle=personas.circle, author=personas.bob, happened=LONG, they_said="Leave me be."
    )
    JournalEntryFactory(circle=personas.circle, author=personas.bob, happened="A short note.")

    response = client_for(personas.bob).get(journal(personas))
    text = text_of(response)

    assert fold(LONG) in text
    assert "Sentence 39" not in text
    assert "Leave me be." not in text
    assert "A short note." in text
    assert text.count("Read more") == 1
    assert f'href="/c/{personas.circle.id}/journal/{long_entry.id}/">Read more' in (
        response.content.decode()
    )


def test_read_more_opens_the_whole_entry(personas: Personas) -> None:
    entry = JournalEntryFactory(circle=personas.circle, author=personas.bob, happened=LONG)

    text = text_of(client_for(personas.bob).get(journal(personas, f"{entry.id}/")))

    assert "Sentence 39 about a long evening talking with him." in text


def test_small_victory_with_nothing_written_says_so_on_both_pages(personas: Personas) -> None:
    JournalEntryFactory(
        circle=personas.circle, author=personas.bob, kind="small_victory", happened=""
    )
    client = client_for(personas.bob)

    assert "Nothing written down for this one." in text_of(client.get(journal(personas)))
    assert "Nothing written down for this one, and it still counts." in text_of(
        client.get(journal(personas, "victories/"))
    )


def test_small_victory_written_as_their_words_shows_them_on_the_victories_page(
    personas: Personas,
) -> None:
    JournalEntryFactory(
        circle=personas.circle,
        author=personas.bob,
        kind="small_victory",
        happened="",
        they_said="Maybe I'll see someone.",
    )

    text = text_of(client_for(personas.bob).get(journal(personas, "victories/")))

    assert "Maybe I'll see someone." in text
    assert "Nothing written down" not in text


def test_quick_victory_with_nothing_typed_says_what_to_write(personas: Personas) -> None:
    response = client_for(personas.bob).post(journal(personas, "victory/"), {"text": "   "})

    assert response.status_code == 400
    assert "Write a few words about what went a little better." in text_of(response)
    assert not personas.circle.journal_entries.exists()
