from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.coach import feedback, reflection
from porchlight.content import crisis_lines
from porchlight.core import alerts, pdf
from porchlight.core.actor import Actor
from porchlight.core.downloads import download
from porchlight.core.permissions import Permission, role_has_permission
from porchlight.craft import engine, services
from porchlight.craft.forms import (
    CommentForm,
    OptionFormSet,
    ShareForm,
    StepForm,
    WorksheetForm,
)
from porchlight.craft.models import CraftPlan, CraftPlanVersion
from porchlight.safety import personal_safety

CARD_STYLES = Path(__file__).resolve().parent / "pdf" / "card.css"


def _filled(
    worksheet: engine.Worksheet, answers: dict[str, Any], craft: engine.Craft
) -> list[tuple[str, str]]:
    """(label, answer) for each answered question, moments named by their labels."""
    rows = [(f.label, answers[f.key]) for f in worksheet.fields if answers.get(f.key)]
    for key, label, options in (
        ("good_moments", "Good moments to ask", craft.good_moments),
        ("avoid_moments", "Moments to avoid", craft.avoid_moments),
    ):
        if answers.get(key):
            rows.append((label, ", ".join(craft.label(options, i) for i in answers[key])))
    return rows


def _options(parts: dict[str, Any], craft: engine.Craft) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            **option,
            "kind_label": craft.label(craft.option_kinds, option.get("kind", ""))
            if option.get("kind")
            else "",
            "stale": engine.is_stale(option, today=today, fresh_days=craft.option_fresh_days),
        }
        for option in parts.get("options", [])
    ]


def _words_checked(parts: dict[str, Any]) -> dict[str, Any] | None:
    words = parts.get("invitation", {}).get("exact_words", "")
    return feedback.for_display(feedback.analyse(words)) if words else None


def _plan_context(membership: Membership, version: CraftPlanVersion | None) -> dict[str, Any]:
    craft = engine.load_craft()
    name = membership.circle.name
    parts = dict(version.parts) if version else {}
    sheets = [
        (sheet.for_person(name), _filled(sheet, parts.get(sheet.id, {}), craft))
        for sheet in craft.worksheets
    ]
    return {
        **circle_context(membership),
        "craft": craft,
        "version": version,
        "sheets": sheets,
        "options": _options(parts, craft),
        "invitation": parts.get("invitation", {}),
        "reflection": reflection.grade_answer(
            they_say=parts.get("invitation", {}).get("their_words", ""),
            reply=parts.get("invitation", {}).get("if_no", ""),
        ),
        "path": services.invitation_path(membership),
        "directory": crisis_lines.get_country(str(membership.circle.country)),
    }


@circle_view(Permission.VIEW_SHARED)
def overview(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    version = found.current if found else None
    context = _plan_context(membership, version)
    context.update(
        {
            "plan": found,
            "said": _words_checked(dict(version.parts)) if version else None,
            "comments": found.comments.select_related("author") if found else [],
            "comment_form": CommentForm(),
            "can_see_plans": role_has_permission(membership.role, Permission.VIEW_PLANS),
            "not_shared": found is None
            and CraftPlan.objects.filter(circle_id=membership.circle_id).exists(),
            **personal_safety.gate_context(membership, next_url=request.path),
        }
    )
    return render(request, "craft/overview.html", context)


def _worksheet(request: HttpRequest, membership: Membership, part: str) -> HttpResponse:
    craft = engine.load_craft()
    sheet = craft.worksheet(part).for_person(membership.circle.name)
    context: dict[str, Any] = {**circle_context(membership), "sheet": sheet}
    if sheet.asks_if_safe:
        gate = personal_safety.gate_context(membership, next_url=request.path)
        if gate:  # no advice to step back or let consequences happen until it is safe
            return render(request, "craft/worksheet.html", {**context, **gate})
    saved = services.current_parts(membership.circle).get(part, {})
    form = WorksheetForm(
        request.POST if request.method == "POST" else None,
        worksheet=sheet,
        initial=saved,
        grade_url=request.path,
    )
    if request.method == "POST" and getattr(request, "htmx", False):
        # A field changed: grade the answer as a reflection again; nothing is saved.
        return render(
            request, "coach/_reflection.html", {"reflection": getattr(form, "reflection", None)}
        )
    if request.method == "POST" and form.is_valid():
        result = services.save_part(
            circle=membership.circle, by=Actor.of(request), part=part, value=form.answers()
        )
        alerts.show_next(request, result.alert)
        if result.version is not None:
            messages.success(request, f"Saved as version {result.version.number}.")
        else:
            messages.info(request, "Nothing had changed, so no new version was made.")
        return redirect("craft:overview", circle_id=membership.circle_id)
    context["worksheet_form"] = form
    if part == "invitation":
        context["said"] = _words_checked({"invitation": saved})
        context["noted"] = services.already_noted(membership)
    return render(request, "craft/worksheet.html", context)


@circle_view(Permission.EDIT_PLANS)
def pattern(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _worksheet(request, membership, "pattern")


@circle_view(Permission.EDIT_PLANS)
def rewards(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _worksheet(request, membership, "rewards")


@circle_view(Permission.EDIT_PLANS)
def invitation(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _worksheet(request, membership, "invitation")


@circle_view(Permission.EDIT_PLANS)
def options(request: HttpRequest, membership: Membership) -> HttpResponse:
    saved = services.current_parts(membership.circle).get("options", [])
    formset = OptionFormSet(
        request.POST if request.method == "POST" else None,
        initial=saved,
        prefix="option",
    )
    if request.method == "POST" and formset.is_valid():
        result = services.save_part(
            circle=membership.circle,
            by=Actor.of(request),
            part="options",
            value=[form.cleaned_data for form in formset.forms],
        )
        alerts.show_next(request, result.alert)
        if result.version is not None:
            messages.success(request, f"Saved as version {result.version.number}.")
        else:
            messages.info(request, "Nothing had changed, so no new version was made.")
        return redirect("craft:overview", circle_id=membership.circle_id)
    return render(
        request,
        "craft/options.html",
        {
            **circle_context(membership),
            "formset": formset,
            "fresh_days": engine.load_craft().option_fresh_days,
        },
    )


@circle_view(Permission.EDIT_PLANS)
def outcomes(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = StepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.log_step(
            circle=membership.circle,
            by=Actor.of(request),
            step=form.cleaned_data["step"],
            happened_on=form.cleaned_data["happened_on"],
        )
        messages.success(request, "Noted. Each step counts, whatever the answer was.")
        return redirect("craft:overview", circle_id=membership.circle_id)
    return render(
        request,
        "craft/outcomes.html",
        {
            **circle_context(membership),
            "step_form": form,
            "path": services.invitation_path(membership),
        },
    )


@circle_view(Permission.VIEW_SHARED)
def history(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    craft = engine.load_craft()
    titles = {sheet.id: sheet.title for sheet in craft.worksheets} | {"options": "Where to go"}
    versions = [
        (version, titles.get(version.changed, ""))
        for version in found.versions.select_related("created_by").order_by("-number")
    ]
    return render(
        request, "craft/history.html", {**circle_context(membership), "versions": versions}
    )


@circle_view(Permission.SHARE_SAFETY_PLAN)
@require_POST
def share(request: HttpRequest, membership: Membership) -> HttpResponse:
    shared = ShareForm(request.POST).share()
    services.set_sharing(circle=membership.circle, by=Actor.of(request), shared=shared)
    messages.success(
        request,
        "Professionals in the circle can now read the plan."
        if shared
        else "The plan is no longer shared with professionals.",
    )
    return redirect("craft:overview", circle_id=membership.circle_id)


@circle_view(Permission.WRITE_COMMENTS)
@require_POST
def comment(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        commented = services.add_comment(
            plan=found, by=Actor.of(request), text=form.cleaned_data["text"]
        )
        alerts.show_next(request, commented.alert)
        messages.success(request, "Your comment was added.")
    else:
        messages.error(request, "Write your comment first.")
    return redirect("craft:overview", circle_id=membership.circle_id)


@circle_view(Permission.VIEW_SHARED)
def card(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    version = found.current if found else None
    if version is None:
        raise Http404
    content = pdf.render_pdf("craft/card.html", _plan_context(membership, version), CARD_STYLES)
    services.record_export(circle=membership.circle, by=Actor.of(request), kind="craft_card")
    name = slugify(membership.circle.name) or "plan"
    return download(content, "application/pdf", f"invitation-plan-{name}.pdf")


@circle_view(Permission.EDIT_PLANS)
@require_POST
def rehearse(request: HttpRequest, membership: Membership) -> HttpResponse:
    """ "Rehearse this": open the rehearsal with the invitation's words."""
    made = services.plan_for_rehearsal(circle=membership.circle, by=Actor.of(request))
    if made is None:
        messages.error(request, "Write the words you will use first.")
        return redirect("craft:invitation", circle_id=membership.circle_id)
    alerts.show_next(request, made.alert)
    start = reverse("rehearse:choose", kwargs={"circle_id": membership.circle_id})
    return redirect(f"{start}?{urlencode({'plan': str(made.plan.id)})}")
