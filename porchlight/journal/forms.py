from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from porchlight.core.forms import text_area
from porchlight.journal.models import EntryKind

TEXT_MAX_LENGTH = 5000
MAX_TAGS = 10
TAG_MAX_LENGTH = 30
WRITABLE_KINDS = [(k.value, k.label) for k in EntryKind if k != EntryKind.SAFETY_CHECK]


def _text_field(label: str, help_text: str = "") -> forms.CharField:
    return text_area(label, help_text, required=False, max_length=TEXT_MAX_LENGTH, rows=3)


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of moment?", choices=WRITABLE_KINDS)
    happened_on = forms.DateField(
        label="When did it happen?", widget=forms.DateInput(attrs={"type": "date"})
    )
    tension = forms.TypedChoiceField(
        label="How tense was it?",
        choices=[("", "Skip")] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="1 is calm, 5 is very tense.",
    )
    tried = _text_field("What did you try?")
    happened = _text_field("What happened?")
    they_said = _text_field(
        "What did they say?", "Their words, as near as you remember. Helps you notice change."
    )
    tags = forms.CharField(
        label="Tags",
        required=False,
        help_text="Words to find this again, separated by commas. For example: money, sunday.",
    )
    private = forms.BooleanField(label="Only me: keep this entry private", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("happened_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_happened_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Choose today or an earlier day.")
        return day

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data.get("tags", "")
        tags: list[str] = []
        for part in raw.split(","):
            tag = " ".join(part.strip().lower().split())
            if not tag or tag in tags:
                continue
            if len(tag) > TAG_MAX_LENGTH:
                raise forms.ValidationError(f"Keep each tag under {TAG_MAX_LENGTH} characters.")
            tags.append(tag)
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(f"Use at most {MAX_TAGS} tags.")
        return tags

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f, "").strip() for f in ("tried", "happened", "they_said")):
            self.add_error("happened", "Write a few words about what happened.")
        return cleaned


class VictoryForm(forms.Form):
    text = forms.CharField(
        label="A small victory",
        max_length=TEXT_MAX_LENGTH,
        help_text="Something that went a little better. It counts.",
        error_messages={"required": "Write a few words about what went a little better."},
    )


class FilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *EntryKind.choices]
    )
    tag = forms.CharField(label="Tag", required=False, max_length=TAG_MAX_LENGTH)
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PageForm(forms.Form):
    """Where the next page of the timeline starts (an opaque cursor)."""

    after = forms.CharField(required=False, max_length=200)

    def cursor(self) -> str:
        return self.cleaned_data["after"] if self.is_valid() else ""


class NewEntryQuery(forms.Form):
    """``?kind=`` on the new-entry link (e.g. "a small victory" from the home page)."""

    kind = forms.ChoiceField(choices=WRITABLE_KINDS, required=False)

    def initial_kind(self) -> str:
        return (self.is_valid() and self.cleaned_data["kind"]) or EntryKind.CONVERSATION
