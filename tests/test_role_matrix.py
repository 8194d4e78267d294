"""Every URL of the project, for every kind of visitor.

The URL list is walked from the resolver, so a new view fails this test until
it is added to EXPECTED_GET: nobody can ship a view whose access nobody decided.
A stranger must get 404 on everything inside someone else's circle and must
never see that circle's name.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from porchlight.boundaries.models import Boundary
from porchlight.circles import services
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.core.models import AuditEvent
from porchlight.journal.models import JournalEntry
from porchlight.notifications.models import Notification, NotificationKind
from porchlight.rehearse.models import RehearsalSession
from porchlight.team.models import Letter
from tests.conftest import Personas, client_for

VISITORS = ("anonymous", "stranger", "professional", "supporter", "owner")

LOGIN = "login"  # a redirect to the log-in page
REDIRECT = "redirect"  # some other redirect

# name -> expected GET outcome per visitor, in the order of VISITORS. A 405 means
# the URL takes POST only: EXPECTED_POST below says who may POST to it.
EXPECTED_GET: dict[str, tuple[int | str, ...]] = {
    "core:home": (200, 200, 200, 200, 200),
    "core:health": (200, 200, 200, 200, 200),
    "accounts:signup": (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    # The e-mailed link that finishes a sign-up; a made-up token finds nothing.
    "accounts:signup.finish": (404, 404, 404, 404, 404),
    "accounts:login": (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "accounts:logout": (405, 405, 405, 405, 405),
    "accounts:password_change": (LOGIN, 200, 200, 200, 200),
    "accounts:password_reset": (200, 200, 200, 200, 200),
    "accounts:password_reset_done": (200, 200, 200, 200, 200),
    "accounts:password_reset_confirm": (200, 200, 200, 200, 200),
    "accounts:password_reset_complete": (200, 200, 200, 200, 200),
    "circles:create": (LOGIN, 200, 200, 200, 200),
    "circles:home": (LOGIN, 404, 200, 200, 200),
    "circles:edit": (LOGIN, 404, 403, 403, 200),
    "circles:section": (LOGIN, 404, 200, 200, 200),
    "circles:members": (LOGIN, 404, 200, 200, 200),
    "circles:invite": (LOGIN, 404, 403, 403, 200),
    "circles:member.role": (LOGIN, 404, 403, 403, 405),
    "circles:member.remove": (LOGIN, 404, 403, 403, 200),
    "circles:invitation.revoke": (LOGIN, 404, 403, 403, 405),
    "circles:leave": (LOGIN, 404, 200, 200, 200),
    "circles:activity": (LOGIN, 404, 403, 403, 200),
    "circles:delete": (LOGIN, 404, 403, 403, 200),
    "circles:export.json": (LOGIN, 404, 200, 200, 200),
    "circles:export.pdf": (LOGIN, 404, 200, 200, 200),
    "accounts:delete": (LOGIN, 200, 200, 200, 200),
    "reminders:settings": (LOGIN, 200, 200, 200, 200),
    "reminders:new_link": (LOGIN, 405, 405, 405, 405),
    "reminders:feed": (404, 404, 404, 404, 404),
    "circles:invitation.accept": (200, 200, 200, 200, 200),
    # Signed-in visitors are sent to the country of their first circle.
    "safety:help": (200, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "safety:help.country": (200, 200, 200, 200, 200),
    "safety:help.worker": (200, 200, 200, 200, 200),
    "safety:check": (200, 200, 200, 200, 200),
    "safety:circle_check": (LOGIN, 404, 200, 200, 200),
    "safety:circle_check.save": (LOGIN, 404, 403, 405, 405),
    "safety:checks": (LOGIN, 404, 403, 200, 200),
    "safety:safe_for_you": (LOGIN, 404, 200, 200, 200),
    # The fixture entry was written by the owner; only its author may change it.
    "journal:entries": (LOGIN, 404, 403, 200, 200),
    "journal:new": (LOGIN, 404, 403, 200, 200),
    "journal:victory": (LOGIN, 404, 403, 405, 405),
    "journal:victories": (LOGIN, 404, 403, 200, 200),
    "journal:entry": (LOGIN, 404, 403, 200, 200),
    "journal:entry.edit": (LOGIN, 404, 403, 403, 200),
    "journal:entry.delete": (LOGIN, 404, 403, 403, 200),
    "coach:talk": (LOGIN, 404, 403, 200, 200),
    "boundaries:list": (LOGIN, 404, 403, 200, 200),
    "boundaries:new": (LOGIN, 404, 403, 200, 200),
    "boundaries:enabling": (LOGIN, 404, 403, 200, 200),
    "boundaries:detail": (LOGIN, 404, 403, 200, 200),
    # The fixture boundary and conversation plan are the owner's; only their author edits them.
    "boundaries:edit": (LOGIN, 404, 403, 403, 200),
    "boundaries:test": (LOGIN, 404, 403, 200, 200),
    "progress:overview": (LOGIN, 404, 403, 200, 200),
    "selfcare:overview": (LOGIN, 404, 200, 200, 200),
    "selfcare:checkin": (LOGIN, 404, 200, 200, 200),
    "selfcare:plan": (LOGIN, 404, 200, 200, 200),
    "understand:overview": (LOGIN, 404, 403, 200, 200),
    "understand:questions": (LOGIN, 404, 403, 200, 200),
    "understand:adjust": (LOGIN, 404, 403, 200, 200),
    "understand:stage": (LOGIN, 404, 403, 200, 200),
    "understand:learn": (200, 200, 200, 200, 200),
    "understand:article": (200, 200, 200, 200, 200),
    "coach:save": (LOGIN, 404, 403, 405, 405),
    "coach:messages": (LOGIN, 404, 403, 200, 200),
    "coach:message.outcome": (LOGIN, 404, 403, 405, 405),
    "coach:plans": (LOGIN, 404, 403, 200, 200),
    "coach:plan.new": (LOGIN, 404, 403, 200, 200),
    "coach:plan": (LOGIN, 404, 403, 200, 200),
    "coach:plan.edit": (LOGIN, 404, 403, 403, 200),
    "coach:plan.card": (LOGIN, 404, 403, 200, 200),
    # The fixture rehearsal is the owner's and private: another supporter gets 404.
    "rehearse:choose": (LOGIN, 404, 403, 200, 200),
    "rehearse:start": (LOGIN, 404, 403, 405, 405),
    "rehearse:session": (LOGIN, 404, 403, 404, 200),
    "rehearse:turn": (LOGIN, 404, 403, 405, 405),
    "rehearse:rewind": (LOGIN, 404, 403, 405, 405),
    "rehearse:finish": (LOGIN, 404, 403, 405, 405),
    "rehearse:share": (LOGIN, 404, 403, 405, 405),
    # The plan fixture is shared with professionals and has a review date.
    "safety:plan": (LOGIN, 404, 200, 200, 200),
    "safety:plan.edit": (LOGIN, 404, 403, 200, 200),
    "safety:plan.history": (LOGIN, 404, 200, 200, 200),
    "safety:plan.version": (LOGIN, 404, 200, 200, 200),
    "safety:plan.share": (LOGIN, 404, 403, 403, 405),
    "safety:plan.comment": (LOGIN, 404, 405, 405, 405),
    "safety:plan.pdf": (LOGIN, 404, 200, 200, 200),
    "safety:plan.card": (LOGIN, 404, 200, 200, 200),
    "safety:plan.ics": (LOGIN, 404, 200, 200, 200),
    # Where to get help: public directory and legal pages; the circle's own view.
    "directory:index": (200, 200, 200, 200, 200),
    "directory:legal": (200, 200, 200, 200, 200),
    "directory:report": (405, 405, 405, 405, 405),
    "directory:circle": (LOGIN, 404, 200, 200, 200),
    # The CRAFT plan fixture is shared with professionals: they read it and comment.
    "craft:overview": (LOGIN, 404, 200, 200, 200),
    "craft:pattern": (LOGIN, 404, 403, 200, 200),
    "craft:rewards": (LOGIN, 404, 403, 200, 200),
    "craft:invitation": (LOGIN, 404, 403, 200, 200),
    "craft:options": (LOGIN, 404, 403, 200, 200),
    "craft:outcomes": (LOGIN, 404, 403, 200, 200),
    "craft:history": (LOGIN, 404, 200, 200, 200),
    "craft:share": (LOGIN, 404, 403, 403, 405),
    "craft:comment": (LOGIN, 404, 405, 405, 405),
    "craft:card": (LOGIN, 404, 200, 200, 200),
    "craft:rehearse": (LOGIN, 404, 403, 405, 405),
    # Issue #15: the family team plan is shared with professionals in the fixture; the
    # letter is alice's and private, so another supporter gets 404.
    "team:plan": (LOGIN, 404, 200, 200, 200),
    "team:plan.edit": (LOGIN, 404, 403, 200, 200),
    "team:plan.history": (LOGIN, 404, 200, 200, 200),
    "team:plan.version": (LOGIN, 404, 200, 200, 200),
    "team:plan.share": (LOGIN, 404, 403, 403, 405),
    "team:plan.comment": (LOGIN, 404, 405, 405, 405),
    "team:plan.cards": (LOGIN, 404, 200, 200, 200),
    "team:letters": (LOGIN, 404, 403, 200, 200),
    "team:letter.new": (LOGIN, 404, 403, 200, 200),
    "team:letter": (LOGIN, 404, 403, 404, 200),
    "team:letter.edit": (LOGIN, 404, 403, 404, 200),
    "team:letter.share": (LOGIN, 404, 403, 405, 405),
    # Notifications are each person's own: the list, opening one (POST), all read (POST).
    "notifications:list": (LOGIN, 200, 200, 200, 200),
    "notifications:open": (LOGIN, 405, 405, 405, 405),
    "notifications:read_all": (LOGIN, 405, 405, 405, 405),
}

DONE = "done"  # redirected on with no error message: the change was made

# What POST means on each URL that takes POST only (its GET row above says 405).
# name -> (the form a member would send, the outcome per visitor in the order of
# VISITORS). DONE proves the visitor may make the change; 403 and 404 that they
# may not. The fixture objects are the owner's, as in EXPECTED_GET.
EXPECTED_POST: dict[str, tuple[dict[str, str], tuple[int | str, ...]]] = {
    # Anyone may log out, even when not logged in.
    "accounts:logout": ({}, (DONE, DONE, DONE, DONE, DONE)),
    # Only an owner withdraws invitations and changes roles (here: Bob to professional).
    "circles:invitation.revoke": ({}, (LOGIN, 404, 403, 403, DONE)),
    "circles:member.role": ({"role": "professional"}, (LOGIN, 404, 403, 403, DONE)),
    # Any supporter notes how a talk went, also on a message another member saved.
    "coach:message.outcome": ({"outcome": "calm"}, (LOGIN, 404, 403, DONE, DONE)),
    "coach:save": ({"text": "I love you and I'm worried."}, (LOGIN, 404, 403, DONE, DONE)),
    # A public form: anyone may report a wrong directory entry.
    "directory:report": (
        {"reason": "wrong_phone", "next": "/where-to-get-help/"},
        (DONE, DONE, DONE, DONE, DONE),
    ),
    "journal:victory": ({"text": "We had a calm dinner."}, (LOGIN, 404, 403, DONE, DONE)),
    # Supporters start their own rehearsals; the owner's private one answers 404 to
    # everyone else, so only she plays, rewinds, finishes or shares it.
    "rehearse:start": (
        {"scenario": "alcohol_first_time", "personality": "guarded"},
        (LOGIN, 404, 403, DONE, DONE),
    ),
    "rehearse:turn": ({"text": "How have you been sleeping?"}, (LOGIN, 404, 403, 404, DONE)),
    "rehearse:rewind": ({}, (LOGIN, 404, 403, 404, DONE)),
    "rehearse:finish": ({}, (LOGIN, 404, 403, 404, DONE)),
    "rehearse:share": ({}, (LOGIN, 404, 403, 404, DONE)),
    # Each signed-in person has their own calendar link, stranger or not.
    "reminders:new_link": ({}, (LOGIN, DONE, DONE, DONE, DONE)),
    "safety:circle_check.save": (
        {"answers": '{"talk_of_dying": "hinted"}'},
        (LOGIN, 404, 403, DONE, DONE),
    ),
    # Professionals may comment on the shared plan; only an owner stops sharing it.
    "safety:plan.comment": ({"text": "Add the crisis team."}, (LOGIN, 404, DONE, DONE, DONE)),
    "safety:plan.share": ({"shared": "no"}, (LOGIN, 404, 403, 403, DONE)),
    # The CRAFT plan, as the safety plan: professionals comment, only an owner shares.
    "craft:comment": ({"text": "Try the Tuesday group."}, (LOGIN, 404, DONE, DONE, DONE)),
    "craft:share": ({"shared": "no"}, (LOGIN, 404, 403, 403, DONE)),
    # "Rehearse this" saves the invitation's words as the member's own conversation plan.
    "craft:rehearse": ({}, (LOGIN, 404, 403, DONE, DONE)),
    # Issue #15: as the safety plan; only a letter's writer shares it.
    "team:plan.comment": ({"text": "Add the family worker."}, (LOGIN, 404, DONE, DONE, DONE)),
    "team:plan.share": ({"shared": "no"}, (LOGIN, 404, 403, 403, DONE)),
    "team:letter.share": ({"shared": "yes"}, (LOGIN, 404, 403, 404, DONE)),
    # The fixture notification is the owner's: anyone else's POST finds nothing.
    "notifications:open": ({}, (LOGIN, 404, 404, 404, DONE)),
    "notifications:read_all": ({}, (LOGIN, DONE, DONE, DONE, DONE)),
}


def walk(
    patterns: list[URLPattern | URLResolver], namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """Every named URL, flattened: its pattern is the whole route, prefixes included
    (the circle pages are mounted under one ``c/<uuid:circle_id>/`` include)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif entry.name:
            route = RoutePattern(prefix + str(entry.pattern), name=entry.name, is_endpoint=True)
            flat = URLPattern(route, entry.callback, entry.default_args, entry.name)
            yield f"{namespace}{entry.name}", flat


def all_url_names() -> set[str]:
    return {name for name, _ in walk(get_resolver().url_patterns)}


def url_for(name: str, personas: Personas, invitation_token: str, pending_id: str) -> str:
    _, pattern = next((n, p) for n, p in walk(get_resolver().url_patterns) if n == name)
    values = {
        "circle_id": personas.circle.id,
        "membership_id": personas.membership(personas.bob).id,
        "invitation_id": pending_id,
        "slug": {
            "understand:article": "craft",
            "directory:legal": "england-wales",
            "directory:report": "adfam",
        }.get(name, "understand"),
        "country": "us",
        "token": "set-password" if name.startswith("accounts:") else invitation_token,
        "uidb64": "MQ",
        "number": 1,
        "entry_id": JournalEntry.objects.get(circle=personas.circle).id,
        "message_id": CoachedMessage.objects.get(circle=personas.circle).id,
        "plan_id": ConversationPlan.objects.get(circle=personas.circle).id,
        "boundary_id": Boundary.objects.get(circle=personas.circle).id,
        "session_id": RehearsalSession.objects.get(circle=personas.circle).id,
        "letter_id": Letter.objects.get(circle=personas.circle).id,  # issue #15
    }
    if "notification_id" in pattern.pattern.converters:
        values["notification_id"] = owners_notification(personas).id
    kwargs = {key: values[key] for key in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def owners_notification(personas: Personas) -> Notification:
    """A notification for the owner (a professional commented on the plan)."""
    found, _ = Notification.objects.get_or_create(
        user=personas.alice,
        circle=personas.circle,
        kind=NotificationKind.PLAN_COMMENT,
        defaults={"actor": personas.carol},
    )
    return found


def outcome(response: HttpResponse) -> int | str:
    if response.status_code == 302:
        return LOGIN if "/accounts/login/" in response["Location"] else REDIRECT
    return response.status_code


def post_outcome(response: HttpResponse) -> int | str:
    errors = [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
    found = outcome(response)
    return DONE if found == REDIRECT and not errors else found


def visitor_user(visitor: str, personas: Personas):  # type: ignore[no-untyped-def]
    return {
        "anonymous": None,
        "stranger": personas.dave,
        "professional": personas.carol,
        "supporter": personas.bob,
        "owner": personas.alice,
    }[visitor]


def test_every_url_has_an_expected_outcome() -> None:
    assert all_url_names() == set(EXPECTED_GET)


def test_every_circle_url_goes_through_the_access_helper() -> None:
    for name, pattern in walk(get_resolver().url_patterns):
        if "circle_id" in pattern.pattern.converters:
            assert hasattr(pattern.callback, "required_permission"), name


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("name", sorted(EXPECTED_GET))
@pytest.mark.parametrize("visitor", VISITORS)
def test_get_outcome_matches_the_matrix(
    name: str, visitor: str, personas: Personas, invitation: services.NewInvitation
) -> None:
    url = url_for(name, personas, invitation.token, str(invitation.invitation.id))
    response = client_for(visitor_user(visitor, personas)).get(url)
    assert outcome(response) == EXPECTED_GET[name][VISITORS.index(visitor)], url


def test_every_post_only_url_says_what_post_means() -> None:
    post_only = {name for name, codes in EXPECTED_GET.items() if 405 in codes}
    assert set(EXPECTED_POST) == post_only


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("name", sorted(EXPECTED_POST))
@pytest.mark.parametrize("visitor", VISITORS)
def test_post_outcome_matches_the_matrix(
    name: str, visitor: str, personas: Personas, invitation: services.NewInvitation
) -> None:
    url = url_for(name, personas, invitation.token, str(invitation.invitation.id))
    data, expected = EXPECTED_POST[name]

    response = client_for(visitor_user(visitor, personas)).post(url, data)

    assert post_outcome(response) == expected[VISITORS.index(visitor)], url


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize("name", sorted(EXPECTED_GET))
def test_stranger_sees_nothing_of_another_circle(
    name: str, personas: Personas, invitation: services.NewInvitation
) -> None:
    url = url_for(name, personas, invitation.token, str(invitation.invitation.id))
    client = client_for(personas.dave)
    for response in (client.get(url), client.post(url, {"role": "owner"})):
        body = response.content.decode()
        if name == "circles:invitation.accept":
            # The invitation link itself is the key: holding it shows whose circle it is.
            continue
        assert "Zephyrine" not in body, url
        if url.startswith("/c/"):
            assert response.status_code == 404, url


@pytest.mark.usefixtures("populated_circle")
@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n in EXPECTED_GET
        if n.startswith("circles:") and n not in {"circles:create", "circles:invitation.accept"}
    ),
)
def test_stranger_post_changes_nothing(
    name: str, personas: Personas, invitation: services.NewInvitation
) -> None:
    url = url_for(name, personas, invitation.token, str(invitation.invitation.id))
    client = client_for(personas.dave)
    events_before = AuditEvent.objects.count()
    memberships_before = sorted(personas.circle.memberships.values_list("user__email", "role"))

    response = client.post(url, {"role": "owner", "name": "Hacked"})

    assert response.status_code == 404
    assert AuditEvent.objects.count() == events_before
    assert (
        sorted(personas.circle.memberships.values_list("user__email", "role")) == memberships_before
    )
    personas.circle.refresh_from_db()
    assert personas.circle.name == "Zephyrine"
