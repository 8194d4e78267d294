from __future__ import annotations

from django import forms
from django_countries import countries

from porchlight.content.circle_choices import concern_choices
from porchlight.directory.models import ReportReason


class DirectoryFilterForm(forms.Form):
    """The public directory's filters; both are optional."""

    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "Any country"), *countries]
    )
    concern = forms.ChoiceField(
        label="What worries you",
        required=False,
        choices=lambda: [("", "Anything"), *concern_choices()],
    )


class ReportForm(forms.Form):
    """Report a wrong entry: a reason only, so nothing private is typed into a public form."""

    reason = forms.ChoiceField(
        label="What is wrong?", choices=ReportReason.choices, widget=forms.RadioSelect
    )
