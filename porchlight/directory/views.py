from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.content.circle_choices import concern_choices
from porchlight.core.actor import Actor
from porchlight.core.http import safe_next_url
from porchlight.core.permissions import Permission
from porchlight.directory import services
from porchlight.directory.catalogue import load_directory, load_legal
from porchlight.directory.forms import DirectoryFilterForm, ReportForm
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
            "concern_label": dict(concern_choices()).get(concern, ""),
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


@require_POST
def report(request: HttpRequest, slug: str) -> HttpResponse:
    """Report a wrong entry. Stored and audited; the entry then shows it is being checked."""
    if load_directory().entry(slug) is None:
        raise Http404("No such directory entry")
    form = ReportForm(request.POST)
    if form.is_valid():
        services.report_entry(
            entry_id=slug, reason=form.cleaned_data["reason"], by=Actor.of(request)
        )
        messages.success(request, "Thank you. We will check this entry.")
    else:
        messages.error(request, "Choose what is wrong, then send the report again.")
    # Back to the page the report came from, if it is a path on this site.
    return HttpResponseRedirect(safe_next_url(request, reverse("directory:index")))
