from __future__ import annotations

from typing import Any

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
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
    """Report a wrong entry: a reason only, so nothing private is typed into a public form.

    ``next`` is the page to go back to; anything but a path on this site is dropped
    (``"abc"`` would be read as a view name by ``redirect()``, ``//x`` is another site).
    """

    reason = forms.ChoiceField(
        label="What is wrong?", choices=ReportReason.choices, widget=forms.RadioSelect
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args: Any, host: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.host = host

    def clean_next(self) -> str:
        back: str = self.cleaned_data["next"]
        if (
            back.startswith("/")
            and not back.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(back, allowed_hosts={self.host})
        ):
            return back
        return ""

    def back(self, default: str) -> str:
        """Where to send the reporter afterwards, whether or not the reason was valid."""
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned.get("next") or default
