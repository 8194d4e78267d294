"""A saved check that holds the supporter's own distress or fear is theirs by default."""

from __future__ import annotations

import json

import pytest

from porchlight.journal.models import JournalEntry
from porchlight.safety.models import SavedCheck
from porchlight.yourdata import portability
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db


def check_url(personas: Personas, suffix: str = "") -> str:
    return f"/c/{personas.circle.id}/safety-check/{suffix}"


def save(personas: Personas, answers: dict[str, object], **extra: str):  # type: ignore[no-untyped-def]
    return client_for(personas.bob).post(
        check_url(personas, "save/"), {"answers": json.dumps(answers), **extra}, follow=True
    )


def test_the_result_page_offers_privacy_when_answers_are_about_the_supporter(
    personas: Personas,
) -> None:
    page = client_for(personas.bob).post(
        check_url(personas), {"talk_of_dying": "hinted", "own_thoughts": "at_times"}
    )

    text = text_of(page)
    assert "Some answers are about you. Who should see this result?" in text
    assert 'name="share" value="private" checked' in page.content.decode()
    assert "Save this result to Zephyrine's circle" not in text


def test_a_check_with_the_supporters_distress_is_private_by_default(personas: Personas) -> None:
    response = save(personas, {"talk_of_dying": "hinted", "own_thoughts": "at_times"})

    saved = SavedCheck.objects.get()
    entry = JournalEntry.objects.get()
    assert (saved.private, entry.private) == (True, True)
    assert "Only you can see it." in text_of(response)
    alice = client_for(personas.alice)
    assert list(alice.get(f"/c/{personas.circle.id}/journal/").context["page"].entries) == []
    assert alice.get(check_url(personas, "saved/")).context["checks"] == []
    bob = client_for(personas.bob)
    assert len(bob.get(check_url(personas, "saved/")).context["checks"]) == 1


def test_a_supporters_fear_is_private_by_default_too(personas: Personas) -> None:
    save(personas, {"afraid": "often"})

    assert SavedCheck.objects.get().private is True


def test_sharing_only_what_is_about_the_loved_one_leaves_out_the_supporter(
    personas: Personas,
) -> None:
    save(
        personas,
        {"talk_of_dying": "hinted", "own_thoughts": "unsafe_now", "afraid": "often"},
        share="about_them",
    )

    saved = SavedCheck.objects.get()
    entry = JournalEntry.objects.get()
    assert (saved.private, saved.level, saved.answers) == (
        False,
        "urgent",
        {"talk_of_dying": "hinted"},
    )
    assert "harming yourself" not in entry.happened
    assert "afraid" not in entry.happened
    alice_view = client_for(personas.alice).get(f"/c/{personas.circle.id}/journal/")
    assert [e.id for e in alice_view.context["page"].entries] == [entry.id]


def test_sharing_all_of_it_is_the_supporters_choice(personas: Personas) -> None:
    save(personas, {"own_thoughts": "at_times"}, share="all")

    assert SavedCheck.objects.get().private is False


def test_about_them_with_nothing_about_them_stays_private(personas: Personas) -> None:
    save(personas, {"own_thoughts": "at_times"}, share="about_them")

    saved = SavedCheck.objects.get()
    assert (saved.private, saved.answers) == (True, {"own_thoughts": "at_times"})


def test_a_check_about_the_loved_one_only_is_shared_as_before(personas: Personas) -> None:
    save(personas, {"talk_of_dying": "hinted"})

    assert SavedCheck.objects.get().private is False
    assert JournalEntry.objects.get().private is False


def test_an_empty_check_is_not_saved(personas: Personas) -> None:
    response = save(personas, {})

    assert "There was nothing to save." in text_of(response)
    assert SavedCheck.objects.count() == 0


def test_a_stranger_cannot_see_a_private_check(personas: Personas) -> None:
    save(personas, {"own_thoughts": "at_times"})

    response = client_for(personas.dave).get(check_url(personas, "saved/"))

    assert response.status_code == 404


def test_another_members_export_leaves_out_a_private_check(personas: Personas) -> None:
    save(personas, {"own_thoughts": "at_times"})

    alice = portability.export_circle(personas.membership(personas.alice))
    bob = portability.export_circle(personas.membership(personas.bob))

    assert alice["safety_checks"] == []
    assert alice["journal_entries"] == []
    assert [check["answers"] for check in bob["safety_checks"]] == [{"own_thoughts": "at_times"}]
