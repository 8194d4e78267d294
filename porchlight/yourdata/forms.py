from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from porchlight.accounts.lockout import confirm_password
from porchlight.accounts.models import User


class DeleteAccountForm(forms.Form):
    """Confirm with the password, and decide what happens to circles only you own."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is really you.",
    )

    def __init__(
        self,
        *args: Any,
        user: User,
        owned: list[Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.owned = owned
        for membership in owned:
            others = membership.circle.memberships.exclude(user=user).select_related("user")
            choices = [(str(m.id), f"Hand it over to {m.user.display_name}") for m in others]
            choices.append(("delete", "Delete the circle and everything in it"))
            self.fields[f"circle_{membership.circle_id}"] = forms.ChoiceField(
                label=f"{membership.circle.name}'s circle: you are its only owner",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose what happens to this circle."},
            )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not confirm_password(user=self.user, password=password, request=self.request):
            raise forms.ValidationError("That password is not right.")
        return password

    def decisions(self) -> dict[str, str]:
        return {
            name.removeprefix("circle_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("circle_")
        }
