"""The PostgreSQL stage (`--database-tests-only`) keeps every test that can reach the database.

A small test file with one test of each kind is collected with and without the
option, in a fresh pytest. A test outside the rule that still queries the
database fails in any stage, so it cannot slip past PostgreSQL unseen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = """
import pytest
from django.test import SimpleTestCase, TestCase

from porchlight.accounts.models import User


@pytest.fixture
def someone(db):
    return User.objects.create(email="someone@example.com")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_plain():
    assert 1 + 1 == 2


def test_db_fixture(db):
    assert User.objects.count() == 0


def test_transactional(transactional_db):
    assert User.objects.count() == 0


def test_fixture_that_uses_db(someone):
    assert User.objects.count() == 1


def test_module_fixture_that_lifts_the_gate(seeded):
    pass


def test_blocker_by_hand(django_db_blocker):
    with django_db_blocker.unblock():
        pass


@pytest.mark.django_db
def test_marked():
    assert User.objects.count() == 0


@pytest.mark.django_db
class TestMarkedClass:
    def test_in_class(self):
        assert User.objects.count() == 0


class TestPlainClass:
    def test_in_plain_class(self):
        assert True


class DjangoCase(TestCase):
    def test_django_case(self):
        assert User.objects.count() == 0


class DjangoSimpleCase(SimpleTestCase):
    def test_simple_case(self):
        assert True


@pytest.mark.parametrize("n", [1, 2])
def test_parametrized_plain(n):
    assert n


def test_sneaks_a_query():
    User.objects.count()
"""

USING_THE_DATABASE = [
    "test_db_fixture",
    "test_transactional",
    "test_fixture_that_uses_db",
    "test_module_fixture_that_lifts_the_gate",
    "test_blocker_by_hand",
    "test_marked",
    "TestMarkedClass::test_in_class",
    "DjangoCase::test_django_case",
]
PLAIN = [
    "test_plain",
    "TestPlainClass::test_in_plain_class",
    "DjangoSimpleCase::test_simple_case",
    "test_parametrized_plain[1]",
    "test_parametrized_plain[2]",
    "test_sneaks_a_query",
]


def run_pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTEST_ADDOPTS"}}
    env.update(PYTHONPATH=str(ROOT), PORCHLIGHT_DATA_DIR=str(tmp_path / "data"))
    command = [sys.executable, "-m", "pytest", "-p", "tests.database_selection"]
    command += ["-p", "no:cacheprovider", "--ds=porchlight.settings", *args, "test_sample.py"]
    return subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def collected(result: subprocess.CompletedProcess[str]) -> list[str]:
    prefix = "test_sample.py::"
    return sorted(
        line[len(prefix) :] for line in result.stdout.splitlines() if line.startswith(prefix)
    )


def test_database_tests_only_keeps_exactly_the_tests_that_use_the_database(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "--collect-only", "-q", "--database-tests-only")

    assert collected(result) == sorted(USING_THE_DATABASE), result.stdout + result.stderr
    assert "8 tests use the database and run here; 6 that never touch it" in result.stdout


def test_without_the_option_all_run_and_a_test_outside_the_rule_cannot_query(
    tmp_path: Path,
) -> None:
    result = run_pytest(tmp_path, "-v")

    outcomes = {
        line.split(" ")[0][len("test_sample.py::") :]: line.split(" ")[1]
        for line in result.stdout.splitlines()
        if line.startswith("test_sample.py::")
    }
    expected = dict.fromkeys(USING_THE_DATABASE + PLAIN, "PASSED")
    expected["test_sneaks_a_query"] = "FAILED"
    assert outcomes == expected, result.stdout + result.stderr
    assert "Database access not allowed" in result.stdout
