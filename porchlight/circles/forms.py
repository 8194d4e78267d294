from __future__ import annotations

from django import forms
from django_countries import countries

from porchlight.circles.models import Circle
from porchlight.content.circle_choices import concern_choices, relationship_choices
from porchlight.core.permissions import ROLE_DESCRIPTIONS, Role


class CircleForm(forms.Form):
    name = forms.CharField(
        label=Circle._meta.get_field("name").verbose_name.capitalize(),
        max_length=40,
        help_text=Circle._meta.get_field("name").help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    relationship = forms.ChoiceField(
        label="Who are they to you?", choices=relationship_choices, widget=forms.RadioSelect
    )
    concerns = forms.MultipleChoiceField(
        label="What worries you?",
        choices=concern_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that fit. You can change this later.",
        error_messages={"required": "Choose at least one thing that worries you."},
    )
    country = forms.ChoiceField(
        label="Which country do they live in?",
        choices=lambda: [("", "Choose a country"), *countries],
        help_text="Used to show the right crisis lines.",
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Please enter a first name or a nickname.")
        return name


def _role_choices() -> list[tuple[str, str]]:
    return [(role.value, f"{role.label}: {ROLE_DESCRIPTIONS[role]}") for role in Role]


class InvitationForm(forms.Form):
    label = forms.CharField(
        label="Who is this invitation for?",
        max_length=60,
        help_text="A name so you can recognise it later, for example 'Aunt Mia' or 'Dr Okafor'.",
    )
    role = forms.ChoiceField(
        label="What can they do?",
        choices=_role_choices,
        widget=forms.RadioSelect,
        initial=Role.SUPPORTER,
    )

    def clean_label(self) -> str:
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError("Please say who this invitation is for.")
        return label


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)


class ConfirmNameForm(forms.Form):
    """Type the circle's name to confirm deleting it."""

    confirm_name = forms.CharField(required=False, max_length=200)

    def confirms(self, name: str) -> bool:
        return self.is_valid() and self.cleaned_data["confirm_name"] == name
