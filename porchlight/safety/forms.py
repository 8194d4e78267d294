from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from porchlight.safety.plan_sections import PlanSection

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
