from __future__ import annotations

from typing import Any

from django import forms

from porchlight.content import library
from porchlight.core.forms import chosen_answers, question_field
from porchlight.understand import engine


class BarrierQuestionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in engine.load_content().questions:
            self.fields[question.id] = question_field(question)

    def answers(self) -> dict[str, Any]:
        return chosen_answers(self.cleaned_data)


def _barrier_choices() -> list[tuple[str, str]]:
    return [(b.id, f"{b.title}: {b.meaning}") for b in engine.load_content().scoring.barriers]


class AdjustBarriersForm(forms.Form):
    barriers = forms.MultipleChoiceField(
        label="Which of these fit?",
        choices=_barrier_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Untick what doesn't fit and tick what you recognise. You know them best.",
    )
    top = forms.ChoiceField(
        label="Which matters most right now?",
        choices=lambda: [("", "Leave the order to the answers"), *_barrier_choices()],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        top = cleaned.get("top")
        if top and top not in cleaned.get("barriers", []):
            self.add_error("top", "Choose one of the barriers you ticked.")
        return cleaned

    def ordered(self, scored: tuple[str, ...]) -> list[str]:
        chosen = self.cleaned_data["barriers"]
        rank = {barrier: n for n, barrier in enumerate(scored)}
        ordered = sorted(chosen, key=lambda b: rank.get(b, len(rank)))
        top = self.cleaned_data.get("top")
        if top:
            ordered.remove(top)
            ordered.insert(0, top)
        return ordered


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="Where are they now?",
        widget=forms.RadioSelect,
        choices=lambda: [
            (s.id, f"{s.title}: “{s.quote}”") for s in engine.load_content().scoring.stages
        ],
    )
    relapse = forms.BooleanField(
        label="They had changed, and have slipped back recently", required=False
    )


class ResetForm(forms.Form):
    """ "Go back to the answers": the map follows the answers again."""

    reset = forms.BooleanField(required=False)

    def wanted(self) -> bool:
        return self.is_valid() and self.cleaned_data["reset"]


class LearnQuery(forms.Form):
    """``?q=`` (a search), ``?concern=``, ``?barrier=``, ``?technique=`` (filters) and
    ``?tag=`` (a topic, from links on other pages) on the learn library."""

    q = forms.CharField(
        required=False,
        error_messages={"null_characters_not_allowed": "Search with words only."},
    )
    tag = forms.ChoiceField(
        choices=[(tag, tag) for tag in sorted(library.KNOWN_TAGS)],
        required=False,
        error_messages={"invalid_choice": "We have no topic by that name."},
    )

    concern = forms.ChoiceField(
        label="What they are living with",
        choices=[("", "Any"), *library.ALLOWED_TAGS["concern"].items()],
        required=False,
        error_messages={"invalid_choice": "We have no topic by that name."},
    )
    barrier = forms.ChoiceField(
        label="Why they say no",
        choices=[("", "Any"), *library.ALLOWED_TAGS["barrier"].items()],
        required=False,
        error_messages={"invalid_choice": "We have no topic by that name."},
    )
    technique = forms.ChoiceField(
        label="Ways to help",
        choices=[("", "Any"), *library.ALLOWED_TAGS["technique"].items()],
        required=False,
        error_messages={"invalid_choice": "We have no topic by that name."},
    )

    def clean_q(self) -> str:
        # Long pasted text is cut, not refused: the search still runs on its start.
        return self.cleaned_data["q"][:100]

    def wanted_tags(self) -> list[str]:
        """The topics every article shown must carry (the filters, and an old ``?tag=``)."""
        data = self.cleaned_data
        return [data[f] for f in ("tag", "concern", "barrier", "technique") if data[f]]


class ArticleGateQuery(forms.Form):
    """``?safe=yes|no``: a reader's answer to "is it safe for you?" on a public article."""

    safe = forms.ChoiceField(choices=[("yes", "yes"), ("no", "no")], required=False)

    def answer(self) -> str:
        return self.cleaned_data["safe"] if self.is_valid() else ""
