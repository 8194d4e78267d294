from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from porchlight.circles.models import Circle, Membership
from porchlight.journal.models import JournalEntry
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_demo_loads_four_circles_under_a_printed_login_and_can_run_twice() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=StringIO())

    printed = out.getvalue()
    assert "Log in at /accounts/login/ as demo@porchlight.example" in printed
    assert "Password: porchlight-demo" in printed
    owned = Circle.objects.filter(
        memberships__user__email="demo@porchlight.example", memberships__role="owner"
    )
    assert sorted((c.name, tuple(c.concerns)) for c in owned) == [
        ("Dan", ("alcohol",)),
        ("Mum", ("hoarding",)),
        ("Sam", ("bpd",)),
        ("Theo", ("depression",)),
    ]
    assert Membership.objects.filter(circle__name="Dan", role="professional").count() == 1


def test_demo_login_works(client) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", stdout=StringIO())

    response = client.post(
        "/accounts/login/",
        {"username": "demo@porchlight.example", "password": "porchlight-demo"},
        follow=True,
    )

    assert response.redirect_chain == [("/", 302)]
    text = text_of(response)
    assert "Your circles Dan My partner · Alcohol You are owner. Mum My parent" in text


def test_demo_journal_shows_change_over_time() -> None:

    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())

    dan = JournalEntry.objects.filter(circle__name="Dan")
    assert dan.count() == 6
    assert dan.filter(talk_kind="change").exists()
