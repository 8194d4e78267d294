from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.content import crisis_lines as helplines
from porchlight.core import alerts, charts
from porchlight.core.actor import Actor
from porchlight.core.permissions import Permission
from porchlight.selfcare import engine as checkin
from porchlight.selfcare import services
from porchlight.selfcare.forms import CheckInForm, SelfCarePlanForm
from porchlight.selfcare.models import SelfCarePlan


def _trend(history: list[Any]) -> charts.Chart:
    return charts.line(
        "Your check-ins",
        "Strain score of each check-in, from 0 (doing okay) to 100 (at risk of burnout).",
        [f"{c.created_at:%d %b}" for c in history],
        [float(c.score) for c in history],
        top=100,
        series_name="Strain score",
    )


@circle_view(Permission.VIEW_CIRCLE)
def overview(request: HttpRequest, membership: Membership) -> HttpResponse:
    history = services.history(membership.user)
    latest = history[-1] if history else None
    plan = SelfCarePlan.objects.filter(user=membership.user).first()
    prompts = checkin.plan_prompts()
    return render(
        request,
        "selfcare/overview.html",
        {
            **circle_context(membership),
            "latest": latest,
            "band": checkin.band_for(latest.score) if latest else None,
            "trend": _trend(history) if len(history) > 1 else None,
            "decline": checkin.decline_support()
            if services.needs_more_support(membership.user)
            else (),
            "plan": [(p, (plan.answers if plan else {}).get(p.id, "")) for p in prompts],
        },
    )


@circle_view(Permission.VIEW_CIRCLE)
def check_in(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        recorded = services.record_checkin(by=Actor.of(request), answers=form.cleaned_data)
        result = recorded.result
        return render(
            request,
            "selfcare/result.html",
            {
                **circle_context(membership),
                "result": result,
                "directory": helplines.get_country(str(membership.circle.country)),
                "decline": checkin.decline_support(
                    supporter_crisis=result.supporter_crisis,
                    unsafe_at_home=result.unsafe_at_home,
                )
                if services.needs_more_support(membership.user) or result.supporter_crisis
                else (),
            },
        )
    return render(
        request,
        "selfcare/checkin.html",
        {**circle_context(membership), "form": form, "intro": checkin.load_checkin().intro},
    )


@circle_view(Permission.VIEW_CIRCLE)
def plan(request: HttpRequest, membership: Membership) -> HttpResponse:
    existing = SelfCarePlan.objects.filter(user=membership.user).first()
    form = SelfCarePlanForm(
        request.POST if request.method == "POST" else None,
        initial=existing.answers if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        saved = services.save_plan(by=Actor.of(request), answers=form.cleaned_data)
        alerts.show_next(request, saved.alert)
        messages.success(request, "Your self-care plan is saved.")
        return redirect("selfcare:overview", circle_id=membership.circle_id)
    return render(request, "selfcare/plan.html", {**circle_context(membership), "form": form})
