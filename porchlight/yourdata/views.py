"""Export a circle (JSON, PDF) and delete an account.

The URL names stay where people and templates know them (`circles:export.json`,
`accounts:delete`): porchlight/urls.py mounts these views into those namespaces.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
from porchlight.craft import engine as craft_engine
from porchlight.safety.plan_sections import plan_template
from porchlight.safety.services import record_export
from porchlight.selfcare import engine as checkin
from porchlight.yourdata import portability, services
from porchlight.yourdata.forms import DeleteAccountForm

EXPORT_STYLES = Path(__file__).resolve().parent / "pdf" / "export.css"


@circle_view(Permission.VIEW_CIRCLE)
def export_json(request: HttpRequest, membership: Membership) -> HttpResponse:
    document = portability.export_circle(membership)
    record_export(circle=membership.circle, by=Actor.of(request), kind="circle_json")
    name = slugify(membership.circle.name) or "circle"
    content = json.dumps(document, ensure_ascii=False, indent=2)
    return download(content, "application/json", f"porchlight-{name}.json")


def _export_readable(document: dict[str, Any], membership: Membership) -> dict[str, object]:
    """The export's ids as words: plan parts, check-in bands and self-care prompts."""
    titles = {s.key: s.title for s in plan_template().for_person(membership.circle.name)}
    bands = {band.id: band.label for band in checkin.load_checkin().bands}
    prompts = {prompt.id: prompt.prompt for prompt in checkin.plan_prompts()}
    latest = document["safety_plan_versions"][-1] if document["safety_plan_versions"] else None
    plan = document["selfcare_plan"]
    craft = craft_engine.load_craft()
    craft_latest = document["craft_plan_versions"][-1] if document["craft_plan_versions"] else {}
    return {
        "craft_rows": craft_engine.readable_rows(craft_latest.get("parts", {}), craft),
        "craft_steps": [
            (s["happened_on"], craft.label(craft.steps, s["step"]))
            for s in document["invitation_steps"]
        ],
        "plan_parts": [
            (titles.get(key, key), text) for key, text in (latest or {}).get("sections", {}).items()
        ],
        "checkin_rows": [
            (c["created_at"][:10], bands.get(c["band"], c["band"]), c["score"])
            for c in document["checkins"]
        ],
        "selfcare_rows": [
            (prompts.get(key, key), text) for key, text in (plan["answers"] if plan else {}).items()
        ],
    }


@circle_view(Permission.VIEW_CIRCLE)
def export_pdf(request: HttpRequest, membership: Membership) -> HttpResponse:
    document = portability.export_circle(membership)
    content = pdf.render_pdf(
        "yourdata/export_pdf.html",
        {
            "document": document,
            "circle": membership.circle,
            **_export_readable(document, membership),
        },
        EXPORT_STYLES,
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
