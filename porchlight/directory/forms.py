from __future__ import annotations

from django import forms
from django_countries import countries

from porchlight.circles.models import Concern


class DirectoryFilterForm(forms.Form):
    """The public directory's filters; both are optional."""

    country = forms.ChoiceField(
        label="Country", required=False, choices=[("", "Any country"), *countries]
    )
    concern = forms.ChoiceField(
        label="What worries you", required=False, choices=[("", "Anything"), *Concern.choices]
    )
