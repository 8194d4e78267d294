from __future__ import annotations

from typing import Any

from django import forms

from porchlight.core.forms import text_area
from porchlight.selfcare import engine as checkin

TEXT_MAX_LENGTH = 2000


class CheckInForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in checkin.questions():
            self.fields[question.id] = forms.ChoiceField(
                label=question.text,
                help_text=question.help,
                choices=[(o.id, o.label) for o in question.options],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose the answer closest to how it is."},
            )


class SelfCarePlanForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for prompt in checkin.plan_prompts():
            self.fields[prompt.id] = text_area(
                prompt.prompt, prompt.help, required=False, max_length=TEXT_MAX_LENGTH
            )
