from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from porchlight.core.models import AuditAction, AuditEvent
from porchlight.journal import timeline
from porchlight.journal.models import JournalEntry
from tests.conftest import Personas, client_for
from tests.factories import JournalEntryFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/journal/{suffix}"


def write(personas: Personas, user=None, **fields):  # type: ignore[no-untyped-def]
    data = {"kind": "conversation", "happened_on": timezone.localdate().isoformat(), **fields}
    return client_for(user or personas.bob).post(url(personas, "new/"), data, follow=True)


def make_entries(personas: Personas, count: int, **fields) -> None:  # type: ignore[no-untyped-def]
    """Bob's entries, three a day going back from today, saved in one query."""
    start = timezone.localdate()
    JournalEntry.objects.bulk_create(
        JournalEntryFactory.build(
            circle=personas.circle,
            author=personas.bob,
            happened_on=start - dt.timedelta(days=n // 3),
            **fields,
        )
        for n in range(count)
    )


def test_an_entry_is_saved_with_its_tags_and_shown_on_the_timeline(personas: Personas) -> None:
    response = write(
        personas,
        tension="3",
        tried="Asked how work was going.",
        happened="We talked for ten minutes without a fight.",
        they_said="Maybe I could cut down on weekdays.",
        tags="Weekdays, work, work",
    )

    entry = JournalEntry.objects.get()
    assert (entry.tension, entry.tags, entry.author) == (3, ["weekdays", "work"], personas.bob)
    text = text_of(response)
    assert "Saved to the journal." in text
    assert "We talked for ten minutes without a fight." in text
    assert "Maybe I could cut down on weekdays." in text


def test_an_empty_entry_is_explained_and_nothing_is_lost(personas: Personas) -> None:
    response = write(personas, tension="4", tags="money")

    assert response.context["form"].errors["happened"] == ["Write a few words about what happened."]
    assert 'value="money"' in response.content.decode()
    assert JournalEntry.objects.count() == 0


def test_a_future_date_is_refused(personas: Personas) -> None:
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    response = write(personas, happened_on=tomorrow, happened="x")

    assert response.context["form"].errors["happened_on"] == ["Choose today or an earlier day."]


def test_private_entries_are_seen_only_by_their_author(personas: Personas) -> None:
    write(personas, happened="I cried in the car.", private="on")
    entry = JournalEntry.objects.get()

    assert "I cried in the car." in text_of(client_for(personas.bob).get(url(personas)))
    assert "I cried in the car." not in text_of(client_for(personas.alice).get(url(personas)))
    assert client_for(personas.alice).get(url(personas, f"{entry.id}/")).status_code == 404


def test_only_the_author_edits_or_deletes(personas: Personas) -> None:
    write(personas, happened="A calm evening.")
    entry = JournalEntry.objects.get()

    assert client_for(personas.alice).get(url(personas, f"{entry.id}/edit/")).status_code == 403
    assert client_for(personas.alice).post(url(personas, f"{entry.id}/delete/")).status_code == 403
    bob = client_for(personas.bob)
    assert "Delete this entry?" in text_of(bob.get(url(personas, f"{entry.id}/delete/")))
    bob.post(url(personas, f"{entry.id}/delete/"))
    assert not JournalEntry.objects.exists()


def test_risk_language_in_an_entry_shows_the_act_now_path(personas: Personas) -> None:
    response = write(personas, they_said="you'd all be better off without me")

    text = text_of(response)
    assert text.index("What you wrote") < text.index("Zephyrine's journal")
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert event.details["where"] == "journal"
    assert "better off" not in str(event.details)


def test_unplaced_words_about_dying_ask_the_supporter_to_ask_directly(personas: Personas) -> None:
    response = write(
        personas, they_said="he mentioned something about goodbye, not sure what he meant"
    )

    text = text_of(response)
    assert "What you wrote has warning signs that need help today" in text
    assert '"Are you thinking about suicide?"' in text
    assert text.index("Are you thinking about suicide") < text.index("Zephyrine's journal")


def test_small_victories_are_quick_to_add_and_easy_to_find(personas: Personas) -> None:
    client = client_for(personas.bob)

    client.post(url(personas, "victory/"), {"text": "He came to Sunday lunch."})
    response = client.post(url(personas, "victory/"), {"text": ""})

    assert response.status_code == 400
    assert "Write a few words about what went a little better." in text_of(response)
    text = text_of(client.get(url(personas, "victories/")))
    assert "He came to Sunday lunch." in text


def test_search_and_filters(personas: Personas) -> None:
    write(personas, happened="Talked about money again.", tags="money")
    write(personas, kind="small_victory", happened="A kind text from him.")
    client = client_for(personas.bob)

    assert [
        e.happened for e in client.get(url(personas), {"q": "MONEY"}).context["page"].entries
    ] == ["Talked about money again."]
    assert [
        e.kind for e in client.get(url(personas), {"kind": "small_victory"}).context["page"].entries
    ] == ["small_victory"]
    assert len(client.get(url(personas), {"tag": "money"}).context["page"].entries) == 1
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert client.get(url(personas), {"date_from": later}).context["page"].entries == []


def test_keyset_pages_cover_every_entry_once(personas: Personas) -> None:
    make_entries(personas, 45)
    client = client_for(personas.bob)
    seen: list[str] = []
    cursor = ""

    while True:
        page = client.get(url(personas), {"after": cursor} if cursor else {}).context["page"]
        seen.extend(str(e.id) for e in page.entries)
        cursor = page.next_cursor
        if not cursor:
            break

    assert len(seen) == len(set(seen)) == 45
    assert seen == [
        str(e.id) for e in JournalEntry.objects.order_by("-happened_on", "-created_at", "-id")
    ]


def test_a_broken_cursor_starts_from_the_top(personas: Personas) -> None:
    make_entries(personas, 3)

    page = client_for(personas.bob).get(url(personas), {"after": "%%%"}).context["page"]

    assert len(page.entries) == 3


def test_older_entries_load_with_htmx_as_a_fragment(personas: Personas) -> None:
    make_entries(personas, 25)
    first = client_for(personas.bob).get(url(personas)).context["page"]

    response = client_for(personas.bob).get(
        url(personas), {"after": first.next_cursor}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "<html" not in html
    assert html.count('class="card entry') == 5


def test_the_timeline_query_count_does_not_grow_with_entries(personas: Personas) -> None:
    make_entries(personas, 5)
    client = client_for(personas.bob)
    client.get(url(personas))
    with CaptureQueriesContext(connection) as few:
        client.get(url(personas))
    make_entries(personas, 30)
    with CaptureQueriesContext(connection) as many:
        client.get(url(personas))

    assert len(many) == len(few)


def test_cursor_round_trip() -> None:
    entry = JournalEntry(happened_on=dt.date(2026, 1, 2), created_at=timezone.now())

    day, created, entry_id = timeline.decode_cursor(timeline.encode_cursor(entry))  # type: ignore[misc]

    assert (day, created, entry_id) == (entry.happened_on, entry.created_at, entry.id)
