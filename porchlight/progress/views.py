from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.core.permissions import Permission
from porchlight.craft.services import invitation_path
from porchlight.progress.services import progress_charts


@circle_view(Permission.VIEW_JOURNAL)
def overview(request: HttpRequest, membership: Membership) -> HttpResponse:
    return render(
        request,
        "progress/overview.html",
        {
            **circle_context(membership),
            "charts": progress_charts(membership),
            "invitation_path": invitation_path(membership),
        },
    )
