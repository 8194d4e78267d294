"""Bad input that fuzzing turned into server errors now gets a clear answer.

Each was a 500 before: an unknown topic on /learn/, saved check answers that are
JSON but not an object, `next=abc` on "is it safe for you?" and on sign-up, and
forms sent in another text encoding than UTF-8.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, TestCase

from porchlight.accounts.models import PendingSignUp, User
from porchlight.safety.models import SavedCheck
from tests.conftest import Personas, client_for
from tests.html import text_of

pytestmark = pytest.mark.django_db

SIGN_UP = {"display_name": "Maria", "email": "maria@example.com", "password": "porch light at dusk"}


@pytest.mark.parametrize("tag", ["x", "\x00", "FEAR"])
def test_learn_with_an_unknown_topic_says_so_and_shows_every_article(
    client: Client, tag: str
) -> None:
    response = client.get("/learn/", {"tag": tag})

    assert response.status_code == 400
    text = text_of(response)
    assert "We have no topic by that name. Here are all the articles." in text
    assert len(response.context["articles"]) == len(client.get("/learn/").context["articles"])


def test_learn_with_a_known_topic_still_filters(client: Client) -> None:
    response = client.get("/learn/", {"tag": "fear"})

    assert response.status_code == 200
    assert "4 articles about Fear of change." in text_of(response)


@pytest.mark.parametrize("answers", ["[]", "[1, 2]", '"text"', "3", "null", "true", "{", ""])
def test_saving_check_answers_that_are_not_an_object_asks_to_take_it_again(
    personas: Personas, answers: str
) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/save/", {"answers": answers}
    )

    assert response.status_code == 400
    assert "Those answers could not be read. Please take the check again." in text_of(response)
    assert SavedCheck.objects.count() == 0
    # The check is there to take again, and it posts to the check, not to the save.
    assert f'action="/c/{personas.circle.id}/safety-check/"' in response.content.decode()


def test_saving_check_answers_that_are_an_object_still_saves(personas: Personas) -> None:
    response = client_for(personas.bob).post(
        f"/c/{personas.circle.id}/safety-check/save/",
        {"answers": json.dumps({"talk_of_dying": "hinted"})},
    )

    assert response.status_code == 302
    assert SavedCheck.objects.get().answers == {"talk_of_dying": "hinted"}


@pytest.mark.parametrize("next_url", ["abc", "//evil.example/", "https://evil.example/", "/\\x"])
def test_safe_for_you_with_a_bad_next_goes_to_the_circle(personas: Personas, next_url: str) -> None:
    url = f"/c/{personas.circle.id}/safe-for-you/"
    client = client_for(personas.bob)

    assert client.get(url, {"next": next_url}).status_code == 200
    response = client.post(url, {"afraid": "no", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == f"/c/{personas.circle.id}/"


def test_safe_for_you_with_a_good_next_goes_there(personas: Personas) -> None:
    url = f"/c/{personas.circle.id}/safe-for-you/"
    boundaries = f"/c/{personas.circle.id}/s/boundaries/"

    response = client_for(personas.bob).post(url, {"afraid": "no", "next": boundaries})

    assert response["Location"] == boundaries


@pytest.mark.parametrize("next_url", ["abc", "//evil.example/", "javascript:alert(1)"])
def test_sign_up_with_a_bad_next_creates_the_account_and_asks_for_a_circle(
    client: Client, next_url: str
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(f"/accounts/signup/?next={next_url}", SIGN_UP)
    assert sent.status_code == 200
    link = re.search(r"http://testserver(/accounts/signup/finish/[^/\s]+/)", mail.outbox[-1].body)
    assert link is not None

    response = client.post(link.group(1), {"password": SIGN_UP["password"]})

    assert response.status_code == 302
    assert response["Location"] == "/circles/new/"
    assert User.objects.get().email == "maria@example.com"
    assert client.get(response["Location"]).status_code == 200


def test_log_in_with_a_bad_next_goes_home(client: Client, personas: Personas) -> None:
    response = client.post(
        "/accounts/login/?next=abc",
        {"username": "alice@example.com", "password": "a calm lighthouse keeper"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=foo",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data; boundary=x; charset=foo",
    ],
)
@pytest.mark.parametrize("path", ["/accounts/signup/", "/accounts/login/", "/help/check/"])
def test_form_in_another_encoding_gets_a_clear_400_page(path: str, content_type: str) -> None:
    client = Client(raise_request_exception=False)

    response = client.generic("POST", path, b"display_name=Maria", content_type=content_type)

    assert response.status_code == 400
    assert "The form was sent in a text encoding Porchlight can't read." in text_of(response)
    assert "Get help now" in text_of(response)
    assert User.objects.count() == 0


def test_form_in_another_encoding_gets_the_400_page_under_debug_too(settings: Any) -> None:
    # Django's debug page read the refused form again and failed (`make run` has DEBUG on).
    settings.DEBUG = True
    client = Client(raise_request_exception=False)

    response = client.generic(
        "POST",
        "/accounts/login/",
        b"username=a",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )

    assert response.status_code == 400
    assert "The form was sent in a text encoding Porchlight can't read." in text_of(response)


def test_form_in_another_encoding_inside_a_circle_changes_nothing(personas: Personas) -> None:
    client = client_for(personas.alice)
    client.raise_request_exception = False

    response = client.generic(
        "POST",
        f"/c/{personas.circle.id}/edit/",
        b"name=Renamed",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )

    assert response.status_code == 400
    personas.circle.refresh_from_db()
    assert personas.circle.name == "Zephyrine"


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_form_in_utf8_named_as_such_is_read(client: Client, charset: str) -> None:
    response = client.generic(
        "POST",
        "/accounts/signup/",
        "display_name=Mar%C3%ADa&email=maria%40example.com&password=porch+light+at+dusk",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    # Read as UTF-8: the sign-up is accepted and waits for its e-mailed link.
    assert response.status_code == 200
    assert "Check your e-mail" in response.content.decode()
    assert PendingSignUp.objects.get().display_name == "María"


def test_unreadable_multipart_body_gets_the_400_page() -> None:
    client = Client(raise_request_exception=False)

    response = client.generic("POST", "/accounts/signup/", b"x", content_type="multipart/form-data")

    assert response.status_code == 400
    assert "We couldn't read that request" in text_of(response)
