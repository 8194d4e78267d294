from __future__ import annotations

import pytest
from django.test import Client

from porchlight.core.models import AuditAction, AuditEvent
from tests.conftest import post_log_in
from tests.factories import PASSWORD, UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_log_in_with_the_right_password_goes_home_and_is_audited(client: Client) -> None:
    UserFactory(email="ana@example.com")

    response = post_log_in(client, "ana@example.com", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert AuditEvent.objects.filter(action=AuditAction.SIGNED_IN).count() == 1


def test_wrong_password_gets_a_clear_message_and_keeps_the_address(client: Client) -> None:
    UserFactory(email="ana@example.com")

    response = post_log_in(client, "ana@example.com", "not it")

    assert response.status_code == 200
    assert "That e-mail address and password don't match an account." in text_of(response)
    assert 'value="ana@example.com"' in response.content.decode()
    failed = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert failed.subject_label == "ana@example.com"
    assert "not it" not in str(failed.details)


def test_five_failures_lock_the_account_even_with_the_right_password(client: Client) -> None:
    UserFactory(email="ana@example.com")
    for _ in range(5):
        post_log_in(client, "ana@example.com", "guess")

    response = post_log_in(client, "ana@example.com", PASSWORD)

    assert response.status_code == 429
    assert "Sign-in is paused for this account" in text_of(response)
    assert "try again in 15 minutes" in text_of(response)
    assert AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).exists()
    assert "_auth_user_id" not in client.session


def test_log_out_needs_post_and_is_audited(client: Client) -> None:
    user = UserFactory()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.SIGNED_OUT).count() == 1


def test_csrf_is_enforced_on_log_in() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "a@example.com", "password": "x"})

    assert response.status_code == 403


def test_password_reset_mails_a_working_link(client: Client, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    UserFactory(email="ana@example.com", display_name="Ana")

    client.post("/accounts/password/reset/", {"email": "ana@example.com"})

    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert body.startswith("Hello Ana,")
    link = next(line for line in body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    follow = client.get(path, follow=True)
    assert "Choose a new password" in follow.content.decode()
