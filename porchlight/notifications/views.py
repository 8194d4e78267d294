from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from porchlight.notifications import services


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    found = services.for_user(request.user).select_related("circle", "actor")
    return render(
        request,
        "notifications/list.html",
        {"notifications": found[: services.LIST_LIMIT]},
    )


@login_required
@require_POST
def open_notification(request: HttpRequest, notification_id: uuid.UUID) -> HttpResponse:
    """Mark one read and go to the page it is about (POST: it changes what is unread)."""
    found = services.get_for_user(request.user, notification_id)
    if found is None:
        raise Http404
    services.mark_read(
        user=request.user, notifications=services.for_user(request.user).filter(pk=found.pk)
    )
    return redirect(found.target)


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_read(user=request.user)
    return redirect("notifications:list")
