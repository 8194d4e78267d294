"""An e-mail address works however it is capitalised."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.test import Client

from porchlight.accounts.models import User
from tests.conftest import post_log_in, sign_up_link
from tests.factories import PASSWORD, UserFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def test_an_address_signed_up_with_capitals_logs_in_typed_any_way(client: Client) -> None:
    link = sign_up_link(
        client, {"display_name": "Maria", "email": "Maria@Example.com", "password": PASSWORD}
    )
    client.post(link, {"password": PASSWORD})
    client.post("/accounts/logout/")

    typed_ways = ("Maria@Example.com", " MARIA@example.COM")
    assert [post_log_in(Client(), typed).status_code for typed in typed_ways] == [302, 302]
    assert User.objects.get().email == "maria@example.com"


def test_wrong_passwords_typed_with_different_capitals_share_one_lockout_count() -> None:
    UserFactory(email="ana@example.com")
    for typed in ("Ana@example.com", "ANA@example.com", "ana@Example.com", "aNa@example.com"):
        post_log_in(Client(), typed, "guess")
    post_log_in(Client(), "ana@EXAMPLE.com", "guess")

    response = Client().post(
        "/accounts/login/", {"username": "ana@example.com", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert "Sign-in is paused for this account" in text_of(response)


def test_password_reset_with_capitals_sends_the_link(client: Client) -> None:
    UserFactory(email="ana@example.com")

    client.post("/accounts/password/reset/", {"email": "Ana@Example.COM"})

    assert [message.to for message in mail.outbox] == [["ana@example.com"]]


def test_the_migration_lowers_addresses_unless_two_accounts_would_collide() -> None:
    UserFactory(email="Mixed@Example.com")
    UserFactory(email="Bo@example.com")
    UserFactory(email="bo@example.com")
    migration = importlib.import_module(
        "porchlight.accounts.migrations.0002_lowercase_email_addresses"
    )

    migration.lowercase_addresses(apps, None)

    assert sorted(User.objects.values_list("email", flat=True)) == [
        "Bo@example.com",
        "bo@example.com",
        "mixed@example.com",
    ]
