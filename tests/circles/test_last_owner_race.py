"""A circle keeps at least one owner even when two owners act at the same moment.

These tests run real concurrent transactions: two threads, each with its own
database connection, released together by a barrier. On PostgreSQL (READ
COMMITTED) two owners demoting each other used to both see "someone else is
still an owner" and both commit, leaving none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from porchlight.circles import services
from porchlight.circles.models import Circle, Membership
from porchlight.core.actor import Actor
from porchlight.core.permissions import Role
from tests.factories import CircleFactory, MembershipFactory, UserFactory

TRIES = 10

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "Needs concurrent writers: SQLite's IMMEDIATE transactions let one writer in at a "
        "time, and the in-memory test database is private to one connection. "
        "Run with scripts/with_postgres.py."
    ),
)


def two_owners() -> tuple[Circle, Membership, Membership]:
    circle = CircleFactory()
    first = MembershipFactory(circle=circle, user=UserFactory(), role=Role.OWNER)
    second = MembershipFactory(circle=circle, user=UserFactory(), role=Role.OWNER)
    return circle, first, second


def at_once(*actions: Callable[[], Any]) -> list[str]:
    """Run each action in its own thread and connection, started together.

    Returns "ok" or the CircleRuleError message for each action, in order.
    """
    barrier = threading.Barrier(len(actions))
    outcomes = [""] * len(actions)

    def run(index: int, action: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            action()
            outcomes[index] = "ok"
        except services.CircleRuleError as error:
            outcomes[index] = str(error)
        except Exception as error:  # reported in the assertion below
            outcomes[index] = f"crashed: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def owners(circle: Circle) -> int:
    return Membership.objects.filter(circle=circle, role=Role.OWNER).count()


def race(make: Callable[[Membership, Membership], tuple[Callable[[], Any], ...]]) -> list[Any]:
    """TRIES fresh circles with two owners; for each, the owner count and outcomes."""
    results = []
    for _ in range(TRIES):
        circle, first, second = two_owners()
        outcomes = at_once(*make(first, second))
        results.append((owners(circle), sorted(outcomes)))
    return results


LAST_OWNER = "A circle needs at least one owner. Make someone else an owner first."
ONLY_OWNER = (
    "You are the only owner. Make someone else an owner before you leave, "
    "so the circle is still looked after."
)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_once_leave_one_owner() -> None:
    results = race(
        lambda first, second: (
            lambda: services.change_role(
                membership=second, role=Role.SUPPORTER, by=Actor(first.user)
            ),
            lambda: services.change_role(
                membership=first, role=Role.SUPPORTER, by=Actor(second.user)
            ),
        )
    )

    # The second to commit is no longer an owner, so it may not change roles at all.
    assert results == [(1, [services.NO_LONGER_MANAGES, "ok"])] * TRIES


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_owners_leaving_at_once_leave_one_owner() -> None:
    results = race(
        lambda first, second: (
            lambda: services.leave_circle(membership=first, by=Actor(first.user)),
            lambda: services.leave_circle(membership=second, by=Actor(second.user)),
        )
    )

    assert results == [(1, [ONLY_OWNER, "ok"])] * TRIES


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_owner_leaving_while_removing_the_other_owner_leaves_one_owner() -> None:
    # The same person in two browser tabs.
    results = race(
        lambda first, second: (
            lambda: services.leave_circle(membership=first, by=Actor(first.user)),
            lambda: services.remove_member(membership=second, by=Actor(first.user)),
        )
    )

    assert [count for count, _ in results] == [1] * TRIES
