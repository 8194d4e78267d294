from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import check_password
from django.http import HttpRequest

from porchlight.accounts.lockout import confirm_password
from porchlight.accounts.models import PendingSignUp, User, normalize_address


class SignUpForm(forms.ModelForm):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few unrelated words work well.",
    )

    class Meta:
        model = User
        fields = ["display_name", "email"]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_email(self) -> str:
        # Whether the address already has an account is not said here: the sign-up
        # answers the same either way, and that account's owner hears by e-mail.
        return normalize_address(self.cleaned_data["email"])

    def validate_unique(self) -> None:
        """Not here: see clean_email. The account is created when the link is opened."""

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us what to call you.")
        return name

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # ModelForm hook, untyped in stubs
        password = self.cleaned_data.get("password")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password", error)


class LogInForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": (
            "That e-mail address and password don't match an account. "
            "Check both and try again; passwords are case-sensitive."
        ),
        "inactive": "This account has been switched off.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self) -> str:
        return normalize_address(self.cleaned_data["username"])


class FinishSignUpForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="The one you chose when you signed up.",
    )

    def __init__(self, *args: Any, pending: PendingSignUp, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending = pending

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not check_password(password, self.pending.password):
            raise forms.ValidationError(
                "That is not the password chosen for this sign-up. "
                "If you did not sign up, you can ignore the e-mail."
            )
        return password


class PasswordResetForm(auth_forms.PasswordResetForm):
    def clean_email(self) -> str:
        return normalize_address(self.cleaned_data["email"])


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form; a wrong current password counts like a failed log-in."""

    def __init__(self, *args: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:

        old_password: str = self.cleaned_data["old_password"]
        if not confirm_password(user=self.user, password=old_password, request=self.request):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password
