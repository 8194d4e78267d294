from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.coach.models import ConversationPlan
from porchlight.core.actor import Actor
from porchlight.core.permissions import Permission
from porchlight.core.risk_watch import RiskAlert
from porchlight.rehearse import services
from porchlight.rehearse.content import load_content
from porchlight.rehearse.forms import PlanLinkForm, ShareForm, StartForm, TurnForm
from porchlight.rehearse.models import RehearsalSession


def _plan(membership: Membership, form: PlanLinkForm | StartForm) -> ConversationPlan | None:
    """The plan a form names, fetched through the member's circle (another's is 404)."""
    if not form.is_valid():  # a plan id that is not an id names nothing here
        if "plan" in form.errors:
            raise Http404
        return None
    return services.get_plan_for_user(membership, form.cleaned_data.get("plan"))


@circle_view(Permission.EDIT_PLANS)
def choose(request: HttpRequest, membership: Membership) -> HttpResponse:
    content = load_content()
    plan = _plan(membership, PlanLinkForm(request.GET))
    form = StartForm(initial={"plan": plan.id if plan else None})
    past = services.sessions_for(membership).select_related("author")[:50]
    return render(
        request,
        "rehearse/choose.html",
        {
            **circle_context(membership),
            "form": form,
            "plan": plan,
            "scenarios": services.scenarios_for(membership.circle),
            "sample": services.SAMPLE,
            "past": [(s, content.scenarios.get(s.scenario)) for s in past],
        },
    )


@circle_view(Permission.EDIT_PLANS)
@require_POST
def start(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = StartForm(request.POST)
    if not form.is_valid():
        if "plan" in form.errors:
            raise Http404
        return render(
            request,
            "rehearse/choose.html",
            {
                **circle_context(membership),
                "form": form,
                "plan": None,
                "scenarios": services.scenarios_for(membership.circle),
                "sample": services.SAMPLE,
                "past": [],
            },
            status=400,
        )
    session = services.start_session(
        circle=membership.circle,
        by=Actor.of(request),
        scenario_id=form.cleaned_data["scenario"],
        personality_id=form.cleaned_data["personality"],
        plan=_plan(membership, form),
    )
    return redirect("rehearse:session", circle_id=membership.circle_id, session_id=session.id)


def _context(
    request: HttpRequest,
    membership: Membership,
    session: RehearsalSession,
    form: TurnForm | None = None,
    alert: RiskAlert | None = None,
) -> dict[str, Any]:
    content = load_content()
    scenario, personality = services.scenario_of(session)
    turns = list(session.turns.all())
    level = content.state(session.state["level"])
    if alert is None and turns and turns[-1].alert:
        last = turns[-1].alert
        alert = RiskAlert(last["level"], tuple(last["categories"]), "")
    initial = {"text": session.opening} if session.opening and not turns else None
    return {
        **circle_context(membership),
        "session": session,
        "scenario": scenario,
        "personality": personality,
        "opening": services.last_reply(session, []),
        "turns": turns,
        "level": level,
        "states": content.states,
        "form": form or TurnForm(initial=initial),
        "alert": alert,
        "can_play": services.can_play(session, request.user),
        "content": content,
        "summary": session.summary if session.finished_at else None,
        "share_form": ShareForm(initial={"private": session.private}),
        "at_limit": len(turns) >= services.MAX_TURNS,
    }


@circle_view(Permission.EDIT_PLANS)
def session(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> HttpResponse:
    found = services.get_session_for_user(membership, session_id)
    return render(request, "rehearse/session.html", _context(request, membership, found))


def _own(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> RehearsalSession:
    found = services.get_session_for_user(membership, session_id)
    if not services.can_play(found, request.user):
        raise PermissionDenied
    return found


@circle_view(Permission.EDIT_PLANS)
@require_POST
def turn(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> HttpResponse:
    found = _own(request, membership, session_id)
    form = TurnForm(request.POST)
    is_htmx = getattr(request, "htmx", False)
    alert = None
    if form.is_valid() and found.turns.count() < services.MAX_TURNS:
        text = form.cleaned_data["text"]
        played = services.play_turn(session=found, by=Actor.of(request), text=text)
        alert = played.alert
        if not is_htmx:
            return redirect("rehearse:session", circle_id=membership.circle_id, session_id=found.id)
        form = TurnForm()
    context = _context(request, membership, found, form=form, alert=alert)
    if is_htmx:
        return render(request, "rehearse/session.html#exchange", context)
    return render(request, "rehearse/session.html", context, status=400)


@circle_view(Permission.EDIT_PLANS)
@require_POST
def rewind(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> HttpResponse:
    found = _own(request, membership, session_id)
    if services.rewind(session=found, by=Actor.of(request)) is None:
        messages.info(request, "Nothing to take back yet.")
    if getattr(request, "htmx", False):
        return render(
            request, "rehearse/session.html#exchange", _context(request, membership, found)
        )
    return redirect("rehearse:session", circle_id=membership.circle_id, session_id=found.id)


@circle_view(Permission.EDIT_PLANS)
@require_POST
def finish(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> HttpResponse:
    found = _own(request, membership, session_id)
    services.finish(session=found, by=Actor.of(request))
    return redirect("rehearse:session", circle_id=membership.circle_id, session_id=found.id)


@circle_view(Permission.EDIT_PLANS)
@require_POST
def share(request: HttpRequest, membership: Membership, session_id: uuid.UUID) -> HttpResponse:
    found = _own(request, membership, session_id)
    form = ShareForm(request.POST)
    private = form.cleaned_data["private"] if form.is_valid() else True
    services.set_private(session=found, by=Actor.of(request), private=private)
    messages.success(
        request,
        "Only you can see this rehearsal."
        if private
        else "Supporters in the circle can now read this rehearsal.",
    )
    return redirect("rehearse:session", circle_id=membership.circle_id, session_id=found.id)
