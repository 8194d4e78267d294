from __future__ import annotations

from typing import Any

from django import forms

from porchlight.coach import reflection
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


REFLECTED_FIELD_TEMPLATE = "coach/forms/reflected_field.html"
THEY_SAY_HELP = (
    "Their likely words if they say no, as they would say them. "
    "Your answer below is checked as a reflection of them."
)


def grade_reflection(
    form: forms.Form, *, they_say: str, reply: str, grade_url: str | None = None
) -> None:
    """Grade ``form``'s ``reply`` field as a reflection of its ``they_say`` field.

    The grade (``form.reflection``, see coach/reflection.py) is shown below the reply
    field by its template; with ``grade_url`` both fields also ask for it again with
    htmx when they change (the page still works, and grades on save, without JS).
    The coach's planner and the CRAFT invitation both use this.
    """
    if form.is_bound:
        said, answer = (
            form.data.get(form.add_prefix(they_say)),
            form.data.get(form.add_prefix(reply)),
        )
    else:
        said, answer = form.initial.get(they_say), form.initial.get(reply)
    form.reflection = reflection.grade_answer(  # type: ignore[attr-defined]
        they_say=str(said or ""), reply=str(answer or "")
    )
    form.fields[reply].template_name = REFLECTED_FIELD_TEMPLATE  # type: ignore[attr-defined]  # Django 5.0+, not in the stubs
    if grade_url:
        live = {
            "hx-post": grade_url,
            "hx-trigger": "change",
            "hx-target": "#reflection-grade",
            "hx-swap": "outerHTML",
            "hx-include": "closest form",
        }
        for name in (they_say, reply):
            form.fields[name].widget.attrs.update(live)


class ConversationPlanForm(forms.Form):
    reflection: reflection.Graded | None  # set by grade_reflection
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
    their_words = text_area("What might they say?", THEY_SAY_HELP, required=False)
    if_no = text_area("What will you say if they say no?")
    closing = text_area("How will you end, with the door open?")

    def __init__(self, *args: Any, grade_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["if_no"].initial = "That's okay. I'm here when you're ready."
        self.fields["closing"].initial = "Thank you for listening. I love you."
        grade_reflection(self, they_say="their_words", reply="if_no", grade_url=grade_url)
