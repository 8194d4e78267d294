from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from porchlight.circles.models import Membership


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/welcome.html")
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("circle")
        .order_by("circle__name")
    )
    return render(request, "core/home.html", {"memberships": memberships})


def health(request: HttpRequest) -> HttpResponse:
    """For a load balancer: answers only when the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
