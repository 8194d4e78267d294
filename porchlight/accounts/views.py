from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters

from porchlight.accounts import lockout, services
from porchlight.accounts.forms import (
    FinishSignUpForm,
    LogInForm,
    PasswordChangeForm,
    PasswordResetForm,
    SignUpForm,
)
from porchlight.accounts.models import User, normalize_address
from porchlight.core.actor import Actor
from porchlight.core.http import safe_next_url


@sensitive_post_parameters("password")
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next_url(request, reverse("core:home")))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.start_sign_up(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            password=form.cleaned_data["password"],
            next_url=safe_next_url(request, ""),
            site_url=request.build_absolute_uri("/").rstrip("/"),
        )
        # The same page whether or not the address has an account.
        return render(
            request,
            "accounts/sign_up_sent.html",
            {
                "email": form.cleaned_data["email"],
                "hours": int(services.SIGN_UP_LINK_LIFETIME.total_seconds() // 3600),
                "mail_in_terminal": settings.EMAIL_BACKEND.endswith("console.EmailBackend"),
            },
        )
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "next": safe_next_url(request, "")},
    )


@sensitive_post_parameters("password")
def finish_sign_up(request: HttpRequest, token: str) -> HttpResponse:
    pending = services.find_pending_sign_up(token)
    if pending is None:
        return render(request, "accounts/sign_up_finish.html", {"invalid": True}, status=404)
    form = FinishSignUpForm(request.POST or None, pending=pending)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.finish_sign_up(pending=pending, by=Actor.of(request))
        except services.SignUpError as error:
            messages.error(request, str(error))
            return redirect("accounts:login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.display_name}. Your account is ready.")
        next_url = pending.next_url
        if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}
        ):
            next_url = reverse("circles:create")
        return HttpResponseRedirect(next_url)
    return render(request, "accounts/sign_up_finish.html", {"form": form, "email": pending.email})


class LogInView(auth_views.LoginView):
    form_class = LogInForm
    template_name = "accounts/log_in.html"
    redirect_authenticated_user = True

    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        return safe_next_url(request or self.request, "")


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The address django-axes counts failures for: as stored, so capitals don't reset it."""
    typed = (credentials or {}).get("username") or request.POST.get("username") or ""
    return normalize_address(str(typed))


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the form once too many passwords have been wrong."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name != "accounts:login":
        # Password change or account deletion: the same pause, said for a logged-in person.
        return render(
            request, "accounts/password_paused.html", {"lockout_minutes": minutes}, status=429
        )
    return render(
        request,
        "accounts/log_in.html",
        {"form": LogInForm(request), "locked_out": True, "lockout_minutes": minutes},
        status=429,
    )


class LogOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")
    form_class = PasswordChangeForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if isinstance(user, User) and lockout.password_paused(user=user, request=request):
            return locked_out(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response
