"""Wrong passwords on password change and account deletion count like failed log-ins."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import Client

from porchlight.accounts.models import User
from tests.conftest import client_for
from tests.factories import PASSWORD, UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

PAUSED = (
    "This is paused for your account. The password was wrong too many times, "
    "so to protect the account you can try again in 15 minutes."
)


NEW = "a new long passphrase"


def change_password(client: Client, old: str) -> HttpResponse:
    data = {"old_password": old, "new_password1": NEW, "new_password2": NEW}
    return client.post("/accounts/password/", data)


def test_five_wrong_passwords_pause_password_change_even_with_the_right_one() -> None:
    user = UserFactory(email="ana@example.com")
    client = client_for(user)
    statuses = [change_password(client, "guess").status_code for _ in range(5)]

    response = change_password(client, PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert PAUSED in text_of(response)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_four_wrong_passwords_still_let_the_password_change() -> None:
    user = UserFactory()
    client = client_for(user)
    for _ in range(4):
        change_password(client, "guess")

    response = change_password(client, PASSWORD)

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_five_wrong_passwords_pause_account_deletion_even_with_the_right_one() -> None:
    user = UserFactory()
    client = client_for(user)
    statuses = [
        client.post("/accounts/delete/", {"password": "guess"}).status_code for _ in range(5)
    ]

    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assert statuses == [200, 200, 200, 200, 429]
    assert PAUSED in text_of(response)
    assert User.objects.filter(pk=user.pk).exists()


def test_wrong_passwords_on_password_change_count_towards_the_log_in_lockout() -> None:
    user = UserFactory(email="ana@example.com")
    for _ in range(5):
        change_password(client_for(user), "guess")

    response = client_for(None).post(
        "/accounts/login/", {"username": "ana@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Sign-in is paused for this account" in text_of(response)
