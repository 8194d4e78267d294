from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from porchlight.circles.access import circle_context, circle_view, get_in_circle
from porchlight.circles.models import Membership
from porchlight.coach import feedback, reflection, services
from porchlight.coach.forms import GOOD_MOMENTS, ConversationPlanForm, MessageForm, OutcomeForm
from porchlight.coach.models import CoachedMessage, ConversationPlan
from porchlight.content.crisis_lines import get_country
from porchlight.core import alerts, pdf, risk_watch
from porchlight.core.actor import Actor
from porchlight.core.downloads import download
from porchlight.core.permissions import Permission

CARD_STYLES = Path(__file__).resolve().parent / "pdf" / "conversation_card.css"


def _analysis(text: str) -> dict[str, Any]:
    """The coach's feedback plus, when the words carry risk, the act-now path."""
    return {
        "analysis": feedback.for_display(feedback.analyse(text)),
        "alert": risk_watch.assess([text]),
    }


@circle_view(Permission.EDIT_PLANS)
def talk(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = MessageForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {**circle_context(membership), "form": form}
    if request.method == "POST" and form.is_valid():
        context.update(_analysis(form.cleaned_data["text"]))
    is_htmx = getattr(request, "htmx", False)
    if is_htmx and request.method == "POST":
        return render(request, "coach/talk.html#feedback", context)
    return render(request, "coach/talk.html", context)


@circle_view(Permission.EDIT_PLANS)
@require_POST
def save(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = MessageForm(request.POST)
    if not form.is_valid():
        return render(
            request, "coach/talk.html", {**circle_context(membership), "form": form}, status=400
        )
    saved = services.save_message(
        circle=membership.circle, by=Actor.of(request), text=form.cleaned_data["text"]
    )
    alerts.show_next(request, saved.alert)
    messages.success(request, "Saved. After you have the talk, come back and note how it went.")
    return redirect("coach:messages", circle_id=membership.circle_id)


@circle_view(Permission.VIEW_PLANS)
def saved_messages(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = CoachedMessage.objects.filter(circle_id=membership.circle_id).select_related("author")
    return render(
        request,
        "coach/messages.html",
        {
            **circle_context(membership),
            "saved": [(m, feedback.for_display(m.feedback)) for m in found[:100]],
            "outcome_form": OutcomeForm(),
        },
    )


@circle_view(Permission.EDIT_PLANS)
@require_POST
def outcome(request: HttpRequest, membership: Membership, message_id: uuid.UUID) -> HttpResponse:
    message = get_in_circle(CoachedMessage, membership, message_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.record_outcome(
            message=message, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"]
        )
        messages.success(request, "Thank you. Noticing how talks go is how they get easier.")
    else:
        messages.error(request, "Choose how it went, then save.")
    return redirect("coach:messages", circle_id=membership.circle_id)


# --- Conversation planner ------------------------------------------------------------


def _plan_initial(plan: ConversationPlan) -> dict[str, Any]:
    return {field: getattr(plan, field) for field in services.PLAN_FIELDS}


@circle_view(Permission.VIEW_PLANS)
def plans(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = ConversationPlan.objects.filter(circle_id=membership.circle_id).select_related("author")
    return render(request, "coach/plans.html", {**circle_context(membership), "plans": found[:100]})


@circle_view(Permission.EDIT_PLANS)
def plan_form(
    request: HttpRequest, membership: Membership, plan_id: uuid.UUID | None = None
) -> HttpResponse:
    plan = get_in_circle(ConversationPlan, membership, plan_id) if plan_id else None
    if plan is not None and not services.can_edit_plan(plan, request.user):
        raise PermissionDenied
    form = ConversationPlanForm(
        request.POST if request.method == "POST" else None,
        initial=_plan_initial(plan) if plan else None,
        grade_url=request.path,
    )
    if request.method == "POST" and getattr(request, "htmx", False):
        # A field changed: grade the answer as a reflection again; nothing is saved.
        return render(request, "coach/_reflection.html", {"reflection": form.reflection})
    context: dict[str, Any] = {**circle_context(membership), "form": form, "plan": plan}
    if request.method == "POST" and form.is_valid():
        saved = services.save_plan(
            circle=membership.circle, by=Actor.of(request), data=form.cleaned_data, plan=plan
        )
        alerts.show_next(request, saved.alert)
        messages.success(request, "Your conversation plan is saved.")
        return redirect("coach:plan", circle_id=membership.circle_id, plan_id=saved.plan.id)
    if request.method == "POST" and form.data.get("opening"):
        context["opening_feedback"] = _analysis(form.data["opening"])
    return render(request, "coach/plan_form.html", context)


def _plan_context(membership: Membership, plan: ConversationPlan) -> dict[str, Any]:
    moments = dict(GOOD_MOMENTS)
    return {
        **circle_context(membership),
        "plan": plan,
        "moments": [moments[m] for m in plan.moment if m in moments],
        "opening": feedback.for_display(feedback.analyse(plan.opening)),
        "reflection": reflection.grade_answer(they_say=plan.their_words, reply=plan.if_no),
        "directory": get_country(str(membership.circle.country)),
    }


@circle_view(Permission.VIEW_PLANS)
def plan(request: HttpRequest, membership: Membership, plan_id: uuid.UUID) -> HttpResponse:
    found = get_in_circle(ConversationPlan, membership, plan_id)
    return render(
        request,
        "coach/plan.html",
        {
            **_plan_context(membership, found),
            "can_edit": services.can_edit_plan(found, request.user),
        },
    )


@circle_view(Permission.VIEW_PLANS)
def plan_card(request: HttpRequest, membership: Membership, plan_id: uuid.UUID) -> HttpResponse:
    found = get_in_circle(ConversationPlan, membership, plan_id)
    content = pdf.render_pdf("coach/plan_card.html", _plan_context(membership, found), CARD_STYLES)
    name = slugify(membership.circle.name) or "talk"
    return download(content, "application/pdf", f"conversation-plan-{name}.pdf")
