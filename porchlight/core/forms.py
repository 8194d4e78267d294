"""The project's form renderer, and helpers shared by the guided questionnaires."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from django import forms
from django.forms.renderers import DjangoTemplates


class PlainTextFormRenderer(DjangoTemplates):
    """Django's form renderer, with help text escaped like every other text.

    Django's own field template marks help text safe. Ours is plain text and can
    hold what people typed (a circle's name in the safety-plan prompts), so it is
    escaped: a name like `<i hx-post=...>` stays a name. Labels, choices, errors
    and values are escaped by Django already. Forms render through
    `as_field_group` (the div layout); the older `as_p`, `as_ul` and `as_table`
    layouts, which mark help text safe too, are not used.
    """

    field_template_name = "core/forms/field.html"


def text_area(
    label: str,
    help_text: str = "",
    *,
    required: bool = True,
    max_length: int = 2000,
    rows: int = 2,
) -> forms.CharField:
    """A free-text answer: a short textarea with a length limit."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class _Option(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


class _Question(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def help(self) -> str: ...

    @property
    def multiple(self) -> bool: ...

    @property
    def options(self) -> Sequence[_Option]: ...


def question_field(question: _Question) -> forms.Field:
    """An optional radio or checkbox field for one question kept as content."""
    choices = [(option.id, option.label) for option in question.options]
    field: forms.Field
    if question.multiple:
        field = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, choices=choices)
    else:
        field = forms.ChoiceField(widget=forms.RadioSelect, choices=choices)
    field.required = False
    field.label = question.text
    field.help_text = question.help
    return field


def chosen_answers(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    """The questions that were answered, without the empty ones."""
    return {key: value for key, value in cleaned_data.items() if value}
