"""`core.links` and `{% link %}` give exactly what Django's `reverse` and `{% url %}` give."""

from __future__ import annotations

import uuid

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from porchlight.core.links import link


def test_link_is_the_reversed_path_for_names_positional_and_keyword_arguments() -> None:
    circle = uuid.uuid4()
    assert link("journal:entries", circle_id=circle) == reverse(
        "journal:entries", kwargs={"circle_id": circle}
    )
    assert link("understand:article", "boundaries-that-hold") == reverse(
        "understand:article", args=["boundaries-that-hold"]
    )
    assert link("core:home") == "/"


def test_link_follows_the_script_prefix_of_the_request() -> None:
    circle = uuid.uuid4()
    try:
        set_script_prefix("/porchlight/")
        assert link("journal:entries", circle_id=circle) == f"/porchlight/c/{circle}/journal/"
    finally:
        set_script_prefix("/")
    assert link("journal:entries", circle_id=circle) == f"/c/{circle}/journal/"


def test_an_unknown_name_is_an_error_every_time() -> None:
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            link("journal:nowhere", circle_id=uuid.uuid4())


def test_the_template_tag_matches_url_and_needs_no_load() -> None:
    circle = uuid.uuid4()
    template = engines["django"].from_string(
        "{% link 'journal:entries' circle_id=c %}|{% url 'journal:entries' circle_id=c %}"
        "|{% link 'core:home' as home %}[{{ home }}]"
    )
    ours, django, stored = template.render({"c": circle}).split("|")
    assert ours == django == f"/c/{circle}/journal/"
    assert stored == "[/]"
