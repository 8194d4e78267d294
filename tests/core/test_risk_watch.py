"""Every save path reads its text for risk, and the next page shows the act-now path first.

One row per place a supporter saves free text: the banner is the first thing in the
page's content (before its heading), it is shown once, and the audit row has one
shape (level, categories and where; never the words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from porchlight.boundaries.models import Boundary
from porchlight.core import risk_watch
from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.journal.models import JournalEntry
from porchlight.safety import personal_safety
from tests.conftest import Personas, client_for
from tests.html import text_of
from tests.selfcare.test_selfcare import CALM

pytestmark = pytest.mark.django_db

RISKY = "you'd all be better off without me"
BANNER = "What you wrote"
TODAY = timezone.localdate().isoformat()


@dataclass(frozen=True)
class SavePath:
    where: str
    heading: str  # the page's own heading, which the banner must come before
    post: Callable[[Personas], tuple[str, dict[str, str]]]


def _journal_new(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/journal/new/", {
        "kind": "conversation", "happened_on": TODAY, "they_said": RISKY,
    }  # fmt: skip


def _journal_edit(p: Personas) -> tuple[str, dict[str, str]]:
    entry = JournalEntry.objects.create(
        circle=p.circle, author=p.bob, kind="note", happened_on=timezone.localdate()
    )
    return f"/c/{p.circle.id}/journal/{entry.id}/edit/", {
        "kind": "note", "happened_on": TODAY, "happened": RISKY,
    }  # fmt: skip


def _victory(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/journal/victory/", {"text": RISKY}


def _message(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/talk/save/", {"text": RISKY}


def _plan(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/talk/plans/new/", {
        "goal": "Be heard.", "opening": RISKY, "if_no": "Okay.", "closing": "Thank you.",
    }  # fmt: skip


def _boundary(p: Personas) -> tuple[str, dict[str, str]]:
    personal_safety.record_answer(membership=p.membership(p.bob), afraid=False)
    return f"/c/{p.circle.id}/boundaries/new/", {
        "wont_do": "lend money", "will_do": "listen", "why": RISKY, "if_crossed": "say no",
    }  # fmt: skip


def _boundary_test(p: Personas) -> tuple[str, dict[str, str]]:
    boundary = Boundary.objects.create(
        circle=p.circle, author=p.bob, wont_do="lend money", will_do="listen", why="Savings",
        if_crossed="say no",
    )  # fmt: skip
    return f"/c/{p.circle.id}/boundaries/{boundary.id}/test/", {
        "happened_on": TODAY, "result": "held", "note": RISKY,
    }  # fmt: skip


def _safety_plan(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/safety-plan/edit/", {"people_places": RISKY}


def _comment(p: Personas) -> tuple[str, dict[str, str]]:
    client_for(p.bob).post(f"/c/{p.circle.id}/safety-plan/edit/", {"calming": "Tea"})
    return f"/c/{p.circle.id}/safety-plan/comment/", {"text": RISKY}


def _selfcare_plan(p: Personas) -> tuple[str, dict[str, str]]:
    return f"/c/{p.circle.id}/you/plan/", {"if_things_get_hard": RISKY}


SAVE_PATHS = [
    pytest.param(SavePath("journal", "Zephyrine's journal", _journal_new), id="journal-new"),
    pytest.param(SavePath("journal", "Zephyrine's journal", _journal_edit), id="journal-edit"),
    pytest.param(SavePath("journal", "Zephyrine's journal", _victory), id="small-victory"),
    pytest.param(SavePath("coach", "Saved messages", _message), id="coached-message"),
    pytest.param(SavePath("coach", "Talking with Zephyrine", _plan), id="conversation-plan"),
    pytest.param(SavePath("boundaries", "I won't lend money", _boundary), id="boundary"),
    pytest.param(SavePath("boundaries", "I won't lend money", _boundary_test), id="boundary-test"),
    pytest.param(SavePath("safety_plan", "crisis and safety plan", _safety_plan), id="safety-plan"),
    pytest.param(SavePath("safety_plan", "crisis and safety plan", _comment), id="plan-comment"),
    pytest.param(SavePath("selfcare", "Look after yourself", _selfcare_plan), id="selfcare-plan"),
]


@pytest.mark.parametrize("save_path", SAVE_PATHS)
def test_risky_words_saved_show_the_act_now_path_first_on_the_next_page(
    personas: Personas, save_path: SavePath
) -> None:
    url, data = save_path.post(personas)
    client = client_for(personas.bob)

    response = client.post(url, data, follow=True)

    assert response.status_code == 200
    text = text_of(response)
    assert text.count(BANNER) == 1
    assert text.index(BANNER) < text.index(save_path.heading)
    assert text.index("Get help now", text.index(BANNER)) < text.index(save_path.heading)
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert set(event.details) == {"level", "categories", "where"}
    assert event.details["where"] == save_path.where
    assert "better off" not in str(event.details)
    # Shown once: the page after that is calm again.
    assert BANNER not in text_of(client.get(response.redirect_chain[-1][0]))


def test_an_htmx_fragment_in_between_does_not_swallow_the_alert(personas: Personas) -> None:
    client = client_for(personas.bob)
    url, data = _journal_new(personas)
    client.post(url, data)

    fragment = client.get(f"/c/{personas.circle.id}/journal/?after=x", HTTP_HX_REQUEST="true")
    page = client.get(f"/c/{personas.circle.id}/journal/")

    assert BANNER not in text_of(fragment)
    assert BANNER in text_of(page)


def test_calm_words_raise_no_alert_and_write_no_row(personas: Personas) -> None:
    alert = risk_watch.check(
        texts=["We had dinner and talked about the garden."],
        actor=Actor(personas.bob, "203.0.113.9"),
        circle_id=personas.circle.id,
        where="journal",
    )

    assert alert is None
    assert not AuditEvent.objects.filter(action=AuditAction.RISK_FLAGGED).exists()


def test_the_audit_row_names_the_actor_and_their_address_never_the_text(
    personas: Personas,
) -> None:
    alert = risk_watch.check(
        texts=["", RISKY], actor=Actor(personas.bob, "203.0.113.9"), circle_id=None, where="x"
    )

    assert alert is not None
    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert (event.actor, event.ip_address, event.details["level"]) == (
        personas.bob, "203.0.113.9", alert.level,
    )  # fmt: skip


def test_the_selfcare_check_in_flag_has_the_same_shape_as_every_other(
    personas: Personas,
) -> None:
    client_for(personas.bob).post(
        f"/c/{personas.circle.id}/you/check-in/", {**CALM, "self_harm": "several_days"}
    )

    event = AuditEvent.objects.get(action=AuditAction.RISK_FLAGGED)
    assert set(event.details) == {"level", "categories", "where"}
    assert event.details["where"] == "selfcare"
    assert event.actor == personas.bob
