from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from porchlight.circles.models import Membership
from porchlight.safety import helplines

COUNTRY_COOKIE = "porchlight_country"
COUNTRY_COOKIE_AGE = 60 * 60 * 24 * 365


def _remembered_country(request: HttpRequest) -> str | None:
    chosen = request.COOKIES.get(COUNTRY_COOKIE, "")
    if chosen and helplines.get_country(chosen):
        return chosen.lower()
    if request.user.is_authenticated:
        membership = Membership.objects.filter(user=request.user).select_related("circle").first()
        code = str(membership.circle.country) if membership else ""
        if code and helplines.get_country(code):
            return code.lower()
    return None


@require_GET
def help_now(request: HttpRequest) -> HttpResponse:
    picked = request.GET.get("country", "").strip().lower()
    if picked:
        if helplines.get_country(picked) is None:
            return _render_help(request, None, status=400, error="Choose a country from the list.")
        response = redirect("safety:help.country", country=picked)
        response.set_cookie(
            COUNTRY_COOKIE, picked, max_age=COUNTRY_COOKIE_AGE, samesite="Lax", httponly=True
        )
        return response
    remembered = _remembered_country(request)
    if remembered:
        return redirect("safety:help.country", country=remembered)
    return _render_help(request, None)


@require_GET
def help_country(request: HttpRequest, country: str) -> HttpResponse:
    directory = helplines.get_country(country)
    if directory is None:
        raise Http404
    response = _render_help(request, directory)
    response.set_cookie(
        COUNTRY_COOKIE, country.lower(), max_age=COUNTRY_COOKIE_AGE, samesite="Lax", httponly=True
    )
    return response


def _render_help(
    request: HttpRequest,
    directory: helplines.CountryDirectory | None,
    *,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    return render(
        request,
        "safety/help.html",
        {"directory": directory, "countries": helplines.countries(), "error": error},
        status=status,
    )
