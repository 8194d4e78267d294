from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from porchlight.coach.forms import grade_reflection
from porchlight.craft import engine

TEXT_MAX_LENGTH = 2000
SHORT_MAX_LENGTH = 300


class WorksheetForm(forms.Form):
    """One worksheet's questions, built from content/craft/craft.yaml; every answer optional.

    The invitation worksheet also asks which good moments to look for and which to avoid.
    """

    def __init__(
        self,
        *args: Any,
        worksheet: engine.Worksheet,
        grade_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.worksheet = worksheet
        craft = engine.load_craft()
        for field in worksheet.fields:
            self.fields[field.key] = forms.CharField(
                label=field.label,
                help_text=field.help,
                required=False,
                max_length=TEXT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if worksheet.id == "invitation" and field.key == "good_moment_note":
                self.fields["good_moments"] = forms.MultipleChoiceField(
                    label="Good moments to ask",
                    choices=[(o.id, o.label) for o in craft.good_moments],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            if worksheet.id == "invitation" and field.key == "avoid_note":
                self.fields["avoid_moments"] = forms.MultipleChoiceField(
                    label="Moments to avoid",
                    choices=[(o.id, o.label) for o in craft.avoid_moments],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
        if {"their_words", "if_no"} <= set(worksheet.keys):
            # What they might say, and the answer graded as a reflection of it (the coach's).
            grade_reflection(self, they_say="their_words", reply="if_no", grade_url=grade_url)

    def answers(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class OptionForm(forms.Form):
    """One place to get help, lined up before asking, and who checked it and when."""

    kind = forms.ChoiceField(label="What kind of help?", required=False)
    name = forms.CharField(
        label="Name", max_length=SHORT_MAX_LENGTH, required=False, help_text="Who or where."
    )
    how_to_get_in = forms.CharField(
        label="How to get in",
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A phone number, a website, a referral, or walk in.",
    )
    cost = forms.CharField(label="Cost", max_length=SHORT_MAX_LENGTH, required=False)
    wait = forms.CharField(label="Wait", max_length=SHORT_MAX_LENGTH, required=False)
    checked_by = forms.CharField(
        label="Who checked it", max_length=SHORT_MAX_LENGTH, required=False
    )
    checked_on = forms.DateField(
        label="When was it checked?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = engine.load_craft().option_kinds
        self.fields["kind"].choices = [("", "Choose one"), *((o.id, o.label) for o in kinds)]  # type: ignore[attr-defined]

    def clean_checked_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("checked_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("Choose today or an earlier day.")
        return day


OptionFormSet = forms.formset_factory(
    OptionForm, extra=0, min_num=engine.MAX_OPTIONS, max_num=engine.MAX_OPTIONS, validate_max=True
)


class StepForm(forms.Form):
    step = forms.ChoiceField(label="What happened?", widget=forms.RadioSelect)
    happened_on = forms.DateField(label="When?", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("happened_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        steps = engine.load_craft().steps
        self.fields["step"].choices = [(o.id, o.label) for o in steps]  # type: ignore[attr-defined]

    def clean_happened_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Choose today or an earlier day.")
        return day


class ShareForm(forms.Form):
    shared = forms.ChoiceField(choices=[("yes", "Share"), ("no", "Stop sharing")])

    def share(self) -> bool:
        return self.is_valid() and self.cleaned_data["shared"] == "yes"


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
