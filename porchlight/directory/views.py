from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Concern, Membership
from porchlight.core.permissions import Permission
from porchlight.directory.catalogue import load_legal
from porchlight.directory.forms import DirectoryFilterForm
from porchlight.directory.listing import listing


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The public directory: no account needed, filtered by country and concern."""
    form = DirectoryFilterForm(request.GET or None)
    country = concern = ""
    if form.is_valid():
        country = form.cleaned_data["country"]
        concern = form.cleaned_data["concern"]
    return render(
        request,
        "directory/index.html",
        {
            "form": form,
            "listing": listing(country=country, concerns=[concern] if concern else []),
            "concern_label": dict(Concern.choices).get(concern, ""),
            "filtered": bool(country or concern),
        },
    )


@require_GET
def legal(request: HttpRequest, slug: str) -> HttpResponse:
    page = load_legal().get(slug)
    if page is None:
        raise Http404("No such legal-options page")
    return render(request, "directory/legal.html", {"page": page})


@circle_view(Permission.VIEW_CIRCLE)
def circle(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Where to get help, for this circle's country and concerns."""
    circle = membership.circle
    return render(
        request,
        "directory/circle.html",
        {
            **circle_context(membership),
            "listing": listing(country=str(circle.country), concerns=circle.concerns),
        },
    )
