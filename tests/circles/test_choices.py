"""Circle concerns and relationships come from content; the stored values never change."""

from __future__ import annotations

import importlib
from io import StringIO

import pytest
from django.core.management import call_command

from porchlight.circles.forms import CircleForm
from porchlight.circles.models import Circle
from porchlight.content.circle_choices import concern_choices, relationship_choices

#: Concern ids stored in circles before the list moved to content. Never remove one:
#: circles made on an older Porchlight still hold them.
STORED_CONCERNS = (
    "alcohol",
    "drugs",
    "depression",
    "anxiety",
    "bpd",
    "bipolar",
    "psychosis",
    "hoarding",
    "eating_disorder",
    "gambling",
    "other",
)


def _initial_relationship_choices() -> list[tuple[str, str]]:
    initial = importlib.import_module("porchlight.circles.migrations.0001_initial")
    circle = next(op for op in initial.Migration.operations if op.name == "Circle")
    field = dict(circle.fields)["relationship"]
    return list(field.choices)


def test_relationship_choices_are_the_stored_values_and_labels_of_the_first_migration() -> None:
    assert relationship_choices() == _initial_relationship_choices()


def test_every_stored_concern_is_still_a_choice_with_its_label() -> None:
    assert [value for value, _ in concern_choices()] == list(STORED_CONCERNS)
    assert dict(concern_choices())["bpd"] == "Borderline personality disorder"


def test_the_circle_form_offers_the_content_choices() -> None:
    form = CircleForm()

    assert list(form.fields["relationship"].choices) == relationship_choices()
    assert list(form.fields["concerns"].choices) == concern_choices()


@pytest.mark.django_db
def test_a_circle_shows_its_relationship_and_concerns_from_content() -> None:
    circle = Circle(name="Sam", relationship="adult_child", concerns=["bpd", "other"])

    assert circle.get_relationship_display() == "My adult child"
    assert circle.concern_labels == ["Borderline personality disorder", "Something else"]


@pytest.mark.django_db(transaction=True)
def test_moving_the_choices_to_content_changes_no_table() -> None:
    out = StringIO()
    call_command("sqlmigrate", "circles", "0002", stdout=out)

    assert "(no-op)" in out.getvalue()
    assert "ALTER TABLE" not in out.getvalue().upper()
