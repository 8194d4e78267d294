"""Form helpers shared by the guided questionnaires (triage, barrier questions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from django import forms


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
