"""`--database-tests-only`: keep the tests that use the database, deselect the rest.

The PostgreSQL stage of `make test` runs with this option. Thousands of tests
(content, language, engines) never open the database; they give the same result
on any database, so the SQLite stage runs them once and the PostgreSQL stage
runs everything that can reach the database.

The rule follows pytest-django's own gate. pytest-django refuses every database
query from a test unless the test asked for the database in one of these ways,
so a test outside the rule cannot touch the database in either stage:

- the `django_db` mark (on the test, its class or its module);
- a database fixture anywhere in its fixtures (`db`, `transactional_db`,
  `live_server`, ... all of which need `django_db_setup`), so a test that uses
  `personas` is in;
- a Django `TestCase` class with databases;
- a fixture of ours (or the test itself) that asks for `django_db_blocker`,
  the fixture that can lift the gate by hand.

A module-scoped fixture that lifts the gate would leave it open for the later
tests of its module, so `database_only_when_asked` closes it again around every
test outside the rule: the rule and the gate are the same in every stage.
tests/architecture/test_database_selection.py runs the rule on one test of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

OPTION = "--database-tests-only"
DATABASE_FIXTURES = {"django_db_setup", "live_server", "django_db_blocker"}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTION,
        action="store_true",
        help="run only the tests that use the database (the PostgreSQL stage of make test)",
    )


_uses = pytest.StashKey[bool]()


def uses_database(item: pytest.Item) -> bool:
    if _uses not in item.stash:
        item.stash[_uses] = _uses_database(item)
    return item.stash[_uses]


def _uses_database(item: pytest.Item) -> bool:
    if item.get_closest_marker("django_db") is not None:
        return True
    cls = getattr(item, "cls", None)
    if cls is not None and getattr(cls, "databases", None):
        from django.test import SimpleTestCase  # noqa: PLC0415  Django is set up by now

        if issubclass(cls, SimpleTestCase):
            return True
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    if DATABASE_FIXTURES & set(info.argnames):
        return True
    for name in info.names_closure:
        if name in {"django_db_setup", "live_server"}:
            return True
        for fixturedef in info.name2fixturedefs.get(name, ()):
            own = not fixturedef.func.__module__.startswith(("pytest_django", __name__))
            if own and "django_db_blocker" in fixturedef.argnames:
                return True
    return False


@pytest.fixture(autouse=True)
def database_only_when_asked(
    request: pytest.FixtureRequest, django_db_blocker: Any
) -> Iterator[None]:
    if django_db_blocker is None or uses_database(request.node):
        yield
        return
    with django_db_blocker.block():
        yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption(OPTION):
        return
    kept = [item for item in items if uses_database(item)]
    left = [item for item in items if not uses_database(item)]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
    config.stash[_counts] = (len(kept), len(left))


_counts = pytest.StashKey[tuple[int, int]]()


def pytest_report_collectionfinish(config: pytest.Config) -> str | None:
    if _counts not in config.stash:
        return None
    kept, left = config.stash[_counts]
    return (
        f"{OPTION}: {kept} tests use the database and run here; "
        f"{left} that never touch it are left to the SQLite stage"
    )
