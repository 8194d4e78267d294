from __future__ import annotations

from django import forms

from porchlight.coach.models import Outcome
from porchlight.core.forms import text_area

MESSAGE_MAX_LENGTH = 20_000
TEXT_MAX_LENGTH = 2000

GOOD_MOMENTS = [
    ("calm", "They are calm, not angry or upset"),
    ("sober", "They are sober, not drunk, high or hungover"),
    ("private", "Just the two of you, somewhere private"),
    ("rested", "Neither of you is rushed or exhausted"),
    ("no_crisis", "Not in the middle of a crisis or a fight"),
]


class MessageForm(forms.Form):
    text = forms.CharField(
        label="What do you plan to say?",
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Write it as you would say it. Feedback appears as you type.",
        error_messages={"required": "Write a sentence or two to get feedback."},
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it go?", choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Anything to remember?",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConversationPlanForm(forms.Form):
    goal = text_area(
        "What do you hope for from this talk?",
        "Keep it small: to be heard, or to ask one question. Not to win.",
    )
    moment = forms.MultipleChoiceField(
        label="A good moment is when…",
        choices=GOOD_MOMENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="CRAFT calls these windows of opportunity. Tick what you'll wait for.",
    )
    moment_note = text_area("When and where might that be?", required=False)
    opening = text_area(
        "How will you open?",
        "Start with “I”, say what you've noticed and that you care. The coach checks it.",
    )
    listen_for = text_area(
        "What will you listen for?",
        "Any sign they want things to be different, however small.",
        required=False,
    )
    if_no = text_area("What will you say if they say no?")
    closing = text_area("How will you end, with the door open?")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["if_no"].initial = "That's okay. I'm here when you're ready."
        self.fields["closing"].initial = "Thank you for listening. I love you."
