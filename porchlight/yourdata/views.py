"""Export a circle (JSON, PDF) and delete an account.

The URL names stay where people and templates know them (`circles:export.json`,
`accounts:delete`): porchlight/urls.py mounts these views into those namespaces.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.debug import sensitive_post_parameters

from porchlight.accounts import lockout
from porchlight.accounts.models import User
from porchlight.accounts.views import locked_out
from porchlight.circles.access import circle_view
from porchlight.circles.models import Membership
from porchlight.circles.services import CircleRuleError, sole_owner_circles
from porchlight.core import pdf
from porchlight.core.actor import Actor
from porchlight.core.downloads import download
from porchlight.core.permissions import Permission
from porchlight.safety.services import record_export
from porchlight.yourdata import portability, report, services
from porchlight.yourdata.forms import DeleteAccountForm

EXPORT_STYLES = Path(__file__).resolve().parent / "pdf" / "export.css"


@circle_view(Permission.VIEW_CIRCLE)
def export_json(request: HttpRequest, membership: Membership) -> HttpResponse:
    document = portability.export_circle(membership)
    record_export(circle=membership.circle, by=Actor.of(request), kind="circle_json")
    name = slugify(membership.circle.name) or "circle"
    content = json.dumps(document, ensure_ascii=False, indent=2)
    return download(content, "application/json", f"porchlight-{name}.json")


@circle_view(Permission.VIEW_CIRCLE)
def export_pdf(request: HttpRequest, membership: Membership) -> HttpResponse:
    document = portability.export_circle(membership)
    content = pdf.render_pdf(
        "yourdata/export_pdf.html", report.report(document, membership), EXPORT_STYLES
    )
    record_export(circle=membership.circle, by=Actor.of(request), kind="circle_pdf")
    name = slugify(membership.circle.name) or "circle"
    return download(content, "application/pdf", f"porchlight-{name}.pdf")


@login_required
@sensitive_post_parameters("password")
def delete_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    if lockout.password_paused(user=user, request=request):
        return locked_out(request)
    owned = sole_owner_circles(user)
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None,
        user=user,
        owned=owned,
        request=request,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=user, decisions=form.decisions(), by=Actor.of(request))
        except CircleRuleError as error:
            # Someone changed a circle meanwhile (e.g. the other owner left): choose again.
            messages.error(request, str(error))
            return redirect("accounts:delete")
        # Then end the session; the account is gone, so nothing is recorded against it.
        logout(request)
        messages.success(request, "Your account and what you wrote have been deleted.")
        return redirect("core:home")
    return render(request, "yourdata/delete_account.html", {"form": form, "owned": owned})
