"""The lobby: the signed-in home page, a circle's home page and its section pages.

They link to every feature, so they stand on the top floor. URL names stay
`core:home`, `circles:home` and `circles:section` (porchlight/urls.py mounts them).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.circles.sections import get_section, section_url, sections_for
from porchlight.core.permissions import Permission
from porchlight.home.dashboard import dashboard_for
from porchlight.safety import personal_safety


def welcome(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/welcome.html")
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("circle")
        .order_by("circle__name")
    )
    return render(request, "home/home.html", {"memberships": memberships})


def _personalise(text: str, membership: Membership) -> str:
    return text.replace("{name}", membership.circle.name)


@circle_view(Permission.VIEW_CIRCLE)
def home(request: HttpRequest, membership: Membership) -> HttpResponse:
    sections = [
        {
            "title": s.title,
            "summary": _personalise(s.summary, membership),
            "url": section_url(s, membership.circle_id),
        }
        for s in sections_for(membership)
    ]
    return render(
        request,
        "home/circle.html",
        {
            **circle_context(membership),
            "sections": sections,
            "dashboard": dashboard_for(membership),
        },
    )


@circle_view(Permission.VIEW_CIRCLE)
def section(request: HttpRequest, membership: Membership, slug: str) -> HttpResponse:
    found = get_section(slug)
    if found is None:
        raise Http404
    context: dict[str, object] = {
        **circle_context(membership),
        "section": found,
        "summary": _personalise(found.summary, membership),
        "empty_title": _personalise(found.empty_title, membership),
        "steps": [_personalise(step, membership) for step in found.empty_steps],
        "source": found.source,
    }
    if found.asks_if_safe:
        context.update(personal_safety.gate_context(membership, next_url=request.path))
        if context.get("safety_first"):
            context["steps"] = [_personalise(s, membership) for s in found.safety_first_steps]
            context["source"] = found.safety_first_source
    return render(request, "home/section.html", context)
