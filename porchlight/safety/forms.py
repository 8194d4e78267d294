from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.utils import timezone

from porchlight.core.forms import chosen_answers, question_field
from porchlight.safety import emergency, triage
from porchlight.safety.plan_sections import PlanSection
from porchlight.safety.triage import Step, TriageResult

SECTION_MAX_LENGTH = 4000


class SafetyPlanForm(forms.Form):
    review_on = forms.DateField(
        label="When will you look at this plan again?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Plans work best when reviewed every few months, or after any crisis.",
    )

    def __init__(self, *args: Any, sections: tuple[PlanSection, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        review = self.fields.pop("review_on")
        for section in sections:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                help_text=section.prompt,
                required=False,
                max_length=SECTION_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["review_on"] = review
        self.section_keys = [section.key for section in sections]

    def clean_review_on(self) -> dt.date | None:
        review_on: dt.date | None = self.cleaned_data.get("review_on")
        if review_on and review_on < timezone.localdate():
            raise forms.ValidationError("Choose today or a date in the future.")
        return review_on

    def section_texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.section_keys}


class TriageForm(forms.Form):
    """One field per question of the "pause or act" check; every answer is optional."""

    def __init__(self, *args: Any, steps: tuple[Step, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.steps = steps
        for step in steps:
            for question in step.questions:
                self.fields[question.id] = question_field(question)

    def grouped(self) -> list[tuple[Step, list[forms.BoundField]]]:
        return [(step, [self[q.id] for q in step.questions]) for step in self.steps]

    def answers(self) -> dict[str, Any]:
        return chosen_answers(self.cleaned_data)


class SafeForYouForm(forms.Form):
    afraid = forms.ChoiceField(
        label="Are you ever afraid of what they might do to you?",
        choices=[
            ("no", "No, I feel safe with them"),
            ("yes", "Yes, or I'm not sure"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose one answer. Either is fine."},
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["afraid"].label = (
            f"Are you ever afraid of what {name} might do to you? "
            f"Has {name} hurt or threatened you?"
        )


class CountryQuery(forms.Form):
    """``?country=`` on the "Get help now" page: which country's numbers to show."""

    country = forms.CharField(required=False)

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].strip().lower()
        if emergency.for_country(code) is None:
            raise forms.ValidationError("Choose a country from the list.")
        return code


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Add a comment",
        max_length=SECTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by everyone who can read this plan.",
        error_messages={"required": "Write your comment first."},
    )


class SaveCheckForm(forms.Form):
    """The answers of a finished check, sent back from its result page to be saved.

    They come from a hidden field, so they are checked again like new answers.
    """

    UNREADABLE = "Those answers could not be read. Please take the check again."

    answers = forms.CharField(
        max_length=20_000,
        strip=False,
        widget=forms.HiddenInput,
        error_messages={"required": UNREADABLE, "max_length": UNREADABLE},
    )

    #: Who sees the saved result; missing means the default for these answers, and
    #: anything unknown keeps it private.
    share = forms.CharField(required=False, max_length=20, strip=True)

    SHARE_CHOICES = ("private", "about_them", "all")

    def clean_share(self) -> str:
        share = self.cleaned_data.get("share", "")
        if share and share not in self.SHARE_CHOICES:
            return "private"
        return share

    def clean_answers(self) -> dict[str, Any]:
        try:
            answers = json.loads(self.cleaned_data["answers"])
        except ValueError:
            raise forms.ValidationError(self.UNREADABLE) from None
        if not isinstance(answers, dict):
            raise forms.ValidationError(self.UNREADABLE)
        try:
            self.result: TriageResult = triage.evaluate(answers)
        except (ValueError, TypeError):
            raise forms.ValidationError(self.UNREADABLE) from None
        return answers


class ShareWithProfessionalsForm(forms.Form):
    """Share the plan read-only with the circle's professionals, or stop."""

    shared = forms.ChoiceField(choices=[("yes", "Share"), ("no", "Stop sharing")])

    def share(self) -> bool:
        """Anything but a clear "yes" keeps the plan unshared."""
        return self.is_valid() and self.cleaned_data["shared"] == "yes"
