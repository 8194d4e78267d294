from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from porchlight.core.actor import Actor
from porchlight.core.models import AuditAction, AuditEvent
from porchlight.directory import services
from porchlight.directory.models import EntryReport
from tests.factories import UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_reporting_a_wrong_entry_stores_it_audits_it_and_marks_the_entry(client: Client) -> None:
    response = client.post(
        "/where-to-get-help/report/family_drug_support/",
        {"reason": "wrong_phone", "next": "/where-to-get-help/?country=AU"},
        follow=True,
    )

    report = EntryReport.objects.get()
    assert (report.entry_id, report.reason, report.resolved_at) == (
        "family_drug_support",
        "wrong_phone",
        None,
    )
    event = AuditEvent.objects.get(action=AuditAction.DIRECTORY_ENTRY_REPORTED)
    assert (event.subject_label, event.details["reason"]) == ("family_drug_support", "wrong_phone")
    text = text_of(response)
    assert "Thank you. We will check this entry." in text
    assert "Reported, being checked" in text
    # The number keeps showing, with the emergency route next to it.
    assert "1300 368 186 . Someone told us this may be wrong" in text
    assert "call your local emergency number instead" in text


def test_a_report_needs_a_known_entry_and_a_reason(client: Client) -> None:
    assert client.post("/where-to-get-help/report/nobody/", {"reason": "closed"}).status_code == 404
    client.post("/where-to-get-help/report/adfam/", {"reason": "it is bad"})

    assert EntryReport.objects.count() == 0


@pytest.mark.parametrize(
    "back", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "abc", ""]
)
def test_a_report_never_redirects_off_site(client: Client, back: str) -> None:
    response = client.post("/where-to-get-help/report/adfam/", {"reason": "closed", "next": back})

    assert response["Location"] == "/where-to-get-help/"


def test_a_report_without_a_reason_still_goes_back_to_the_page(client: Client) -> None:
    response = client.post(
        "/where-to-get-help/report/adfam/", {"next": "/where-to-get-help/?country=GB"}
    )

    assert response["Location"] == "/where-to-get-help/?country=GB"
    assert EntryReport.objects.count() == 0


def test_report_entry_audits_the_actor_it_is_given() -> None:
    user = UserFactory()

    report = services.report_entry(
        entry_id="adfam", reason="wrong_website", by=Actor(user, ip="203.0.113.7")
    )

    event = AuditEvent.objects.get(action=AuditAction.DIRECTORY_ENTRY_REPORTED)
    assert (event.actor, event.actor_label, event.ip_address, event.subject_label) == (
        user,
        user.email,
        "203.0.113.7",
        "adfam",
    )
    assert event.details == {"reason": "wrong_website", "report": report.id}


def test_a_signed_in_report_is_audited_as_that_user(client: Client) -> None:
    user = UserFactory()
    client.force_login(user)

    client.post("/where-to-get-help/report/adfam/", {"reason": "closed"})

    event = AuditEvent.objects.get(action=AuditAction.DIRECTORY_ENTRY_REPORTED)
    assert (event.actor, event.ip_address) == (user, "127.0.0.1")


def test_resolving_a_report_clears_the_mark_and_is_audited(client: Client) -> None:
    client.post("/where-to-get-help/report/adfam/", {"reason": "closed"})
    report = EntryReport.objects.get()
    out = StringIO()
    call_command("directory", "--reports", stdout=out)
    assert out.getvalue().startswith(f"{report.id}\tadfam\tclosed\t")

    call_command("directory", "--resolve", str(report.id), stdout=StringIO())

    assert "Reported, being checked" not in text_of(client.get("/where-to-get-help/?country=GB"))
    assert AuditEvent.objects.filter(action=AuditAction.DIRECTORY_REPORT_RESOLVED).count() == 1
    out = StringIO()
    call_command("directory", "--reports", stdout=out)
    assert out.getvalue() == "No reports waiting.\n"
