from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from porchlight.boundaries import engine as enabling
from porchlight.boundaries.models import TestResult
from porchlight.core.forms import chosen_answers, text_area

TEXT_MAX_LENGTH = 2000


class BoundaryForm(forms.Form):
    wont_do = text_area(
        "What won't you do any more?",
        "About your own actions. For example: lend money, call in sick for them.",
    )
    will_do = text_area(
        "What will you still do?",
        "What stays, so they know you are not leaving. For example: have dinner on Sundays.",
    )
    why = text_area("Why does this matter to you?", "The value or need behind it.")
    if_crossed = text_area(
        "What will you do if it is crossed?",
        "Something you control and can do calmly every time, not a threat or a punishment.",
    )
    how_to_say = text_area(
        "How will you say it?",
        "Kind and short, starting with “I”. The coach checks it.",
        required=False,
    )


class BoundaryTestForm(forms.Form):
    happened_on = forms.DateField(label="When?", widget=forms.DateInput(attrs={"type": "date"}))
    result = forms.ChoiceField(
        label="How did it go?", choices=TestResult.choices, widget=forms.RadioSelect
    )
    note = text_area(
        "Anything to remember?", "No judgement: bending is part of learning.", required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("happened_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_happened_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Choose today or an earlier day.")
        return day


class EnablingCheckForm(forms.Form):
    """The support-vs-enabling questions, each on the same often…never scale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = [(option.id, option.label) for option in enabling.load_enabling().scale]
        for question in enabling.questions():
            self.fields[question.id] = forms.ChoiceField(
                label=question.text, choices=scale, widget=forms.RadioSelect, required=False
            )

    def answers(self) -> dict[str, Any]:
        return chosen_answers(self.cleaned_data)


class SuggestionQuery(forms.Form):
    """``?from=<question id>``: start the builder from an enabling-check suggestion."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the field is added by name.
        self.fields["from"] = forms.ChoiceField(
            choices=[(q.id, q.id) for q in enabling.questions()], required=False
        )

    def question_id(self) -> str:
        return self.cleaned_data["from"] if self.is_valid() else ""
