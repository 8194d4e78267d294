from __future__ import annotations

from django import forms

from porchlight.rehearse.content import load_content

TURN_MAX_LENGTH = 2000


def _scenario_choices() -> list[tuple[str, str]]:
    return [(s.id, s.title) for s in load_content().scenarios.values()]


def _personality_choices() -> list[tuple[str, str]]:
    return [(p.id, p.title) for p in load_content().personalities.values()]


class StartForm(forms.Form):
    scenario = forms.ChoiceField(label="Scenario", choices=_scenario_choices)
    personality = forms.ChoiceField(label="How they tend to react", choices=_personality_choices)
    plan = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean() or {}
        scenario = load_content().scenarios.get(data.get("scenario", ""))
        if scenario and data.get("personality") and not scenario.personality(data["personality"]):
            names = ", ".join(p.title.lower() for p in scenario.personalities)
            self.add_error("personality", f"For this scenario, choose one of: {names}.")
        return data


class PlanLinkForm(forms.Form):
    """The ``?plan=`` of a "Rehearse this" link on a conversation plan."""

    plan = forms.UUIDField(required=False)


class TurnForm(forms.Form):
    text = forms.CharField(
        label="What would you say?",
        max_length=TURN_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say it as you would out loud. A sentence or two is plenty.",
        error_messages={
            "required": "Type what you would say to them, even a few words.",
            "max_length": "That is a lot to say at once. Try a sentence or two "
            "(at most %(limit_value)d characters; you wrote %(show_value)d).",
        },
    )


class ShareForm(forms.Form):
    private = forms.BooleanField(required=False)
