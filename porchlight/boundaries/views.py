from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from porchlight.boundaries import engine as enabling
from porchlight.boundaries import services
from porchlight.boundaries.forms import (
    BoundaryForm,
    BoundaryTestForm,
    EnablingCheckForm,
    SuggestionQuery,
)
from porchlight.boundaries.models import Boundary
from porchlight.circles.access import circle_context, circle_view, get_in_circle
from porchlight.circles.models import Membership
from porchlight.coach import feedback
from porchlight.core import alerts
from porchlight.core.actor import Actor
from porchlight.core.permissions import Permission
from porchlight.safety import personal_safety


@circle_view(Permission.VIEW_PLANS)
def boundaries(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = list(
        Boundary.objects.filter(circle_id=membership.circle_id)
        .select_related("author")
        .prefetch_related("tests")
    )
    rows = [(b, services.consistency(list(b.tests.all()))) for b in found]
    return render(
        request,
        "boundaries/list.html",
        {
            **circle_context(membership),
            "rows": rows,
            "overall": services.consistency([t for b in found for t in b.tests.all()]),
            **personal_safety.gate_context(membership, next_url=request.path),
        },
    )


@circle_view(Permission.EDIT_PLANS)
def boundary_form(
    request: HttpRequest, membership: Membership, boundary_id: uuid.UUID | None = None
) -> HttpResponse:
    boundary = get_in_circle(Boundary, membership, boundary_id) if boundary_id else None
    if boundary is not None and not services.can_edit(boundary, request.user):
        raise PermissionDenied
    gate = personal_safety.gate_context(membership, next_url=request.path)
    if gate:
        return render(
            request, "boundaries/list.html", {**circle_context(membership), "rows": [], **gate}
        )
    initial = {f: getattr(boundary, f) for f in services.FIELDS} if boundary else None
    suggested = _suggestion(SuggestionQuery(request.GET).question_id())
    if boundary is None and suggested is not None:
        initial = suggested
    form = BoundaryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_boundary(
            circle=membership.circle,
            by=Actor.of(request),
            data=form.cleaned_data,
            boundary=boundary,
        )
        alerts.show_next(request, saved.alert)
        messages.success(request, "Your boundary is saved.")
        return redirect(
            "boundaries:detail", circle_id=membership.circle_id, boundary_id=saved.boundary.id
        )
    return render(
        request,
        "boundaries/form.html",
        {**circle_context(membership), "form": form, "boundary": boundary},
    )


@circle_view(Permission.VIEW_PLANS)
def detail(request: HttpRequest, membership: Membership, boundary_id: uuid.UUID) -> HttpResponse:
    boundary = get_in_circle(Boundary, membership, boundary_id)
    tests = list(boundary.tests.select_related("created_by"))
    return render(
        request,
        "boundaries/detail.html",
        {
            **circle_context(membership),
            "boundary": boundary,
            "tests": tests,
            "consistency": services.consistency(tests),
            "said": feedback.for_display(feedback.analyse(boundary.how_to_say))
            if boundary.how_to_say
            else None,
            "test_form": BoundaryTestForm(),
            "can_edit": services.can_edit(boundary, request.user),
        },
    )


@circle_view(Permission.EDIT_PLANS)
def log_test(request: HttpRequest, membership: Membership, boundary_id: uuid.UUID) -> HttpResponse:
    boundary = get_in_circle(Boundary, membership, boundary_id)
    form = BoundaryTestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        logged = services.log_test(boundary=boundary, by=Actor.of(request), data=form.cleaned_data)
        alerts.show_next(request, logged.alert)
        messages.success(request, "Noted. Every time you notice, you learn what helps you hold it.")
        return redirect(
            "boundaries:detail", circle_id=membership.circle_id, boundary_id=boundary.id
        )
    return render(
        request,
        "boundaries/test_form.html",
        {**circle_context(membership), "boundary": boundary, "form": form},
    )


def _strip(text: str, *prefixes: str) -> str:
    for prefix in prefixes:
        if text.startswith(prefix):
            return text.removeprefix(prefix).strip()
    return text


def _suggestion(question_id: str) -> dict[str, str] | None:
    """A suggested boundary from the enabling check, shaped for the builder's form."""
    question = next((q for q in enabling.questions() if q.id == question_id), None)
    if question is None:
        return None
    s = question.suggestion
    return {
        "wont_do": _strip(s.wont_do, "I won't ", "I will not ", "I will no longer "),
        "will_do": _strip(s.will_do, "I will ", "I'll "),
        "why": s.why,
        "if_crossed": s.if_crossed,
        "how_to_say": s.how_to_say,
    }


@circle_view(Permission.VIEW_PLANS)
def enabling_check(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = EnablingCheckForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {
        **circle_context(membership),
        "form": form,
        "check": enabling.load_enabling(),
        **personal_safety.gate_context(membership, next_url=request.path),
    }
    if request.method == "POST" and form.is_valid():
        context["result"] = enabling.evaluate(form.answers())
    return render(request, "boundaries/enabling.html", context)
