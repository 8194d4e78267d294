"""Notifications: a professional's comment or a change to the safety plan tells the others."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from porchlight.core.actor import Actor
from porchlight.notifications import services, tasks
from porchlight.notifications.models import Notification, NotificationKind
from porchlight.safety.services import set_sharing
from porchlight.yourdata.services import delete_account
from tests.conftest import Personas, client_for
from tests.factories import SafetyPlanFactory, SafetyPlanVersionFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db

COMMENT = "Add the crisis team's number, 0800 111 222."


@pytest.fixture
def shared_plan(personas: Personas):  # type: ignore[no-untyped-def]
    plan = SafetyPlanFactory(circle=personas.circle)
    SafetyPlanVersionFactory(plan=plan, created_by=personas.alice)
    set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    return plan


def comment_as_professional(personas: Personas) -> None:
    client_for(personas.carol).post(
        f"/c/{personas.circle.id}/safety-plan/comment/", {"text": COMMENT}
    )


def recipients() -> set[str]:
    return {n.user.display_name for n in Notification.objects.select_related("user")}


@pytest.mark.usefixtures("shared_plan")
def test_a_professional_comment_notifies_the_owner_and_supporters(personas: Personas) -> None:
    comment_as_professional(personas)

    assert recipients() == {"Alice", "Bob"}
    assert {n.kind for n in Notification.objects.all()} == {NotificationKind.PLAN_COMMENT}


@pytest.mark.usefixtures("shared_plan")
def test_a_notification_is_shown_with_who_did_what_and_an_unread_count(
    personas: Personas,
) -> None:
    comment_as_professional(personas)
    client = client_for(personas.alice)

    listing = text_of(client.get("/notifications/"))
    header = text_of(client.get("/learn/"))

    assert "New Carol commented on the safety plan for Zephyrine." in listing
    assert COMMENT not in listing
    assert "What's new 1 unread" in header


@pytest.mark.usefixtures("shared_plan")
def test_opening_a_notification_marks_it_read_and_goes_to_the_plan(personas: Personas) -> None:
    comment_as_professional(personas)
    client = client_for(personas.alice)
    notification = Notification.objects.get(user=personas.alice)

    response = client.post(f"/notifications/{notification.id}/")

    assert response["Location"] == f"/c/{personas.circle.id}/safety-plan/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert services.unread_count(personas.alice) == 0
    assert services.unread_count(personas.bob) == 1
    assert "unread" not in text_of(client.get("/learn/"))


@pytest.mark.usefixtures("shared_plan")
def test_mark_all_as_read_leaves_nothing_unread(personas: Personas) -> None:
    comment_as_professional(personas)
    comment_as_professional(personas)
    client = client_for(personas.bob)

    client.post("/notifications/read/")

    assert services.unread_count(personas.bob) == 0
    assert "New" not in text_of(client.get("/notifications/")).split("What's new", 2)[-1]


@pytest.mark.usefixtures("shared_plan")
def test_someone_elses_notification_cannot_be_opened(personas: Personas) -> None:
    comment_as_professional(personas)
    alices = Notification.objects.get(user=personas.alice)

    response = client_for(personas.bob).post(f"/notifications/{alices.id}/")

    assert response.status_code == 404
    alices.refresh_from_db()
    assert alices.read_at is None


def test_a_plan_change_notifies_professionals_only_once_it_is_shared(
    personas: Personas,
) -> None:
    url = f"/c/{personas.circle.id}/safety-plan/edit/"
    client = client_for(personas.bob)

    client.post(url, {"calming": "A walk by the river."})
    assert recipients() == {"Alice"}

    set_sharing(circle=personas.circle, by=Actor(personas.alice), shared=True)
    client.post(url, {"calming": "A walk by the river, then tea."})
    assert recipients() == {"Alice", "Carol"}
    assert set(Notification.objects.values_list("kind", flat=True)) == {
        NotificationKind.PLAN_CHANGED
    }


def test_saving_the_plan_unchanged_notifies_no_one(personas: Personas) -> None:
    url = f"/c/{personas.circle.id}/safety-plan/edit/"
    client = client_for(personas.bob)
    client.post(url, {"calming": "A walk by the river."})

    client.post(url, {"calming": "A walk by the river."})

    assert Notification.objects.count() == 1


@pytest.mark.usefixtures("shared_plan")
def test_the_email_names_no_one_and_quotes_nothing(
    personas: Personas, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_NOTIFICATIONS = True

    with django_capture_on_commit_callbacks(execute=True):
        comment_as_professional(personas)
    queued = DBTaskResult.objects.all()
    for result in queued:
        tasks.send_notification_email.call(*result.args_kwargs["args"])

    assert {r.task_path for r in queued} == {
        "porchlight.notifications.tasks.send_notification_email"
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]
    for message in mail.outbox:
        assert message.subject == "Something new in Porchlight"
        assert message.body == (
            "Hello,\n\nThere is something new for you in Porchlight.\n\n"
            "Log in to see it: http://testserver/notifications/\n"
        )


@pytest.mark.usefixtures("shared_plan")
def test_no_email_when_not_hosted_with_mail(personas: Personas, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EMAIL_NOTIFICATIONS = False

    comment_as_professional(personas)

    assert Notification.objects.count() == 2
    assert not DBTaskResult.objects.exists()


@pytest.mark.usefixtures("shared_plan")
def test_leaving_the_circle_hides_its_notifications(personas: Personas) -> None:
    comment_as_professional(personas)
    client = client_for(personas.bob)

    client.post(f"/c/{personas.circle.id}/leave/")

    assert services.unread_count(personas.bob) == 0
    assert "What's new Nothing new." in text_of(client.get("/notifications/"))


@pytest.mark.usefixtures("shared_plan")
def test_deleting_an_account_removes_its_notifications_and_those_about_it(
    personas: Personas,
) -> None:
    comment_as_professional(personas)

    delete_account(user=personas.carol, decisions={}, by=Actor(personas.carol))
    assert not Notification.objects.exists()


@pytest.mark.usefixtures("shared_plan")
def test_the_list_takes_the_same_queries_however_many_notifications(
    personas: Personas,
) -> None:
    client = client_for(personas.alice)
    comment_as_professional(personas)
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    for _ in range(9):
        comment_as_professional(personas)

    with CaptureQueriesContext(connection) as ten:
        response = client.get("/notifications/")

    assert len(response.context["notifications"]) == 10
    assert len(ten) == len(one) <= 7  # session, user, count, list, session save, savepoints
