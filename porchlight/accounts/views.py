from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters

from porchlight.accounts import services
from porchlight.accounts.forms import DeleteAccountForm, LogInForm, SignUpForm
from porchlight.accounts.models import User
from porchlight.circles.services import sole_owner_circles


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` path asked for, if it is a path on this site; otherwise `default`.

    Only absolute paths count ("/c/..."): "abc" or "//elsewhere" fall back to the
    default, so a bad `next` never sends anyone off the site or to an error.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if (
        candidate.startswith("/")
        and not candidate.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default


@sensitive_post_parameters("password")
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponseRedirect(safe_next_url(request, reverse("core:home")))
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.sign_up(form=form, request=request)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.display_name}. Your account is ready.")
        return HttpResponseRedirect(safe_next_url(request, reverse("circles:create")))
    return render(
        request,
        "accounts/sign_up.html",
        {"form": form, "next": safe_next_url(request, "")},
    )


class LogInView(auth_views.LoginView):
    form_class = LogInForm
    template_name = "accounts/log_in.html"
    redirect_authenticated_user = True

    def get_redirect_url(self, request: HttpRequest | None = None) -> str:
        return safe_next_url(request or self.request, "")


def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the log-in form once too many attempts have failed."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
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

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


@login_required
@sensitive_post_parameters("password")
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    owned = sole_owner_circles(user)
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, user=user, owned=owned
    )
    if request.method == "POST" and form.is_valid():
        # Sign out first: the sign-out is recorded against the account while it still exists.
        logout(request)
        services.delete_account(user=user, decisions=form.decisions(), request=request)
        messages.success(request, "Your account and what you wrote have been deleted.")
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form, "owned": owned})
