from __future__ import annotations

import json

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.content import crisis_lines as helplines
from porchlight.core import alerts
from porchlight.core.actor import Actor
from porchlight.core.downloads import download
from porchlight.core.http import safe_next_url
from porchlight.core.permissions import Permission
from porchlight.safety import (
    crisis,
    emergency,
    exports,
    guidance,
    personal_safety,
    services,
    triage,
)
from porchlight.safety.forms import (
    CommentForm,
    CountryQuery,
    SafeForYouForm,
    SafetyPlanForm,
    SaveCheckForm,
    ShareWithProfessionalsForm,
    TriageForm,
)
from porchlight.safety.models import SafetyPlan, SafetyPlanVersion, SavedCheck
from porchlight.safety.plan_sections import plan_template

COUNTRY_COOKIE = crisis.COUNTRY_COOKIE
COUNTRY_COOKIE_AGE = 60 * 60 * 24 * 365


def _remembered_country(request: HttpRequest) -> str | None:
    code = crisis.remembered_country(request)
    return code.lower() if code else None


def _remember(response: HttpResponse, code: str) -> HttpResponse:
    response.set_cookie(
        COUNTRY_COOKIE, code.lower(), max_age=COUNTRY_COOKIE_AGE, samesite="Lax", httponly=True
    )
    return response


@require_GET
def help_now(request: HttpRequest) -> HttpResponse:
    picked = CountryQuery(request.GET)
    if picked.has_changed():
        if not picked.is_valid():
            return _render_help(request, None, status=400, error=str(picked.errors["country"][0]))
        code = picked.cleaned_data["country"]
        return _remember(redirect("safety:help.country", country=code), code)
    remembered = _remembered_country(request)
    if remembered:
        return redirect("safety:help.country", country=remembered)
    return _render_help(request, None)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "safety/sw.js",
        {
            "stylesheet": static("porchlight/app.css"),
            "icon": static("porchlight/icon.svg"),
            "quick_exit": static("porchlight/quick-exit.js"),
        },
        content_type="text/javascript",
    )
    # Browsers check for a new worker on each visit; never let a proxy pin an old one.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def help_country(request: HttpRequest, country: str) -> HttpResponse:
    """Any country we know answers, with at least its emergency number; others are 404."""
    if emergency.for_country(country) is None:
        raise Http404
    return _remember(_render_help(request, country.upper()), country)


def _render_help(
    request: HttpRequest,
    code: str | None,
    *,
    status: int = 200,
    error: str = "",
) -> HttpResponse:
    contacts = crisis.contacts_for(request=None, country=code) if code else None
    return render(
        request,
        "safety/help.html",
        {
            "contacts": contacts,
            "directory": contacts.directory if contacts else None,
            "crisis_country": code,
            "verified_countries": helplines.countries(),
            "error": error,
            "guidance_blocks": guidance.help_page_blocks(),
        },
        status=status,
    )


# --- The family crisis and safety plan ---------------------------------------------


def _plan_context(membership: Membership, version: SafetyPlanVersion | None) -> dict[str, object]:
    circle = membership.circle
    sections = plan_template().for_person(circle.name)
    texts = version.sections if version else {}
    return {
        **circle_context(membership),
        "version": version,
        "filled_sections": [(section, texts.get(section.key, "")) for section in sections],
        "directory": helplines.get_country(str(circle.country)),
        "plan_crisis": crisis.contacts_for(request=None, circle=circle, level="act_now"),
        "sources": plan_template().sources,
        "today": timezone.localdate(),
    }


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    context = _plan_context(membership, found.current if found else None)
    context.update(
        {
            "plan": found,
            "comments": found.comments.select_related("author") if found else [],
            "comment_form": CommentForm(),
            "not_shared": found is None
            and SafetyPlan.objects.filter(circle_id=membership.circle_id).exists(),
        }
    )
    return render(request, "safety/plan.html", context)


@circle_view(Permission.WRITE_COMMENTS)
@require_POST
def plan_comment(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        commented = services.add_comment(
            plan=found,
            by=Actor.of(request),
            text=form.cleaned_data["text"],
            site_url=request.build_absolute_uri("/"),
        )
        alerts.show_next(request, commented.alert)
        messages.success(request, "Your comment was added.")
    else:
        messages.error(request, "Write your comment first.")
    return redirect("safety:plan", circle_id=membership.circle_id)


@circle_view(Permission.EDIT_SAFETY_PLAN)
def plan_edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    existing = SafetyPlan.objects.filter(circle=circle).first()
    current = existing.current if existing else None
    sections = plan_template().for_person(circle.name)
    initial: dict[str, object] = dict(current.sections) if current else {}
    if current:
        initial["review_on"] = current.review_on
    form = SafetyPlanForm(request.POST or None, initial=initial, sections=sections)
    if request.method == "POST" and form.is_valid():
        result = services.save_plan(
            circle=circle,
            by=Actor.of(request),
            sections=form.section_texts(),
            review_on=form.cleaned_data["review_on"],
            site_url=request.build_absolute_uri("/"),
        )
        alerts.show_next(request, result.alert)
        if result.changed and result.version is not None:
            messages.success(request, f"Saved as version {result.version.number}.")
        elif current is None:
            messages.info(request, "The plan is still empty, so nothing was saved.")
        else:
            messages.info(request, "Nothing had changed, so no new version was made.")
        return redirect("safety:plan", circle_id=circle.id)
    return render(
        request,
        "safety/plan_edit.html",
        {**circle_context(membership), "form": form, "version": current},
    )


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan_history(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    versions = found.versions.select_related("created_by").order_by("-number")
    return render(
        request,
        "safety/plan_history.html",
        {**circle_context(membership), "versions": versions},
    )


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan_version(request: HttpRequest, membership: Membership, number: int) -> HttpResponse:
    found = services.visible_plan(membership)
    version = found.versions.filter(number=number).first() if found else None
    if version is None:
        raise Http404
    context = _plan_context(membership, version)
    context.update({"plan": found, "old_version": True})
    return render(request, "safety/plan.html", context)


@circle_view(Permission.SHARE_SAFETY_PLAN)
@require_POST
def plan_share(request: HttpRequest, membership: Membership) -> HttpResponse:
    shared = ShareWithProfessionalsForm(request.POST).share()
    services.set_sharing(circle=membership.circle, by=Actor.of(request), shared=shared)
    messages.success(
        request,
        "Professionals in the circle can now read the plan."
        if shared
        else "The plan is no longer shared with professionals.",
    )
    return redirect("safety:plan", circle_id=membership.circle_id)


def _current_or_404(membership: Membership) -> tuple[SafetyPlan, SafetyPlanVersion]:
    found = services.visible_plan(membership)
    version = found.current if found else None
    if found is None or version is None:
        raise Http404
    return found, version


def _file_stem(membership: Membership) -> str:
    return slugify(membership.circle.name) or "plan"


def _plan_pdf_response(request: HttpRequest, membership: Membership, kind: str) -> HttpResponse:
    """`kind` names the template, its stylesheet, the download and the audit row."""
    _, version = _current_or_404(membership)
    context = _plan_context(membership, version)
    # Both are measured after layout: the card so no text is cut off, the plan so it
    # does not end on a near-empty page.
    pdf = exports.wallet_card(context) if kind == "wallet_card" else exports.plan_pdf(context)
    services.record_export(circle=membership.circle, by=Actor.of(request), kind=f"{kind}_pdf")
    filename = f"{kind.replace('_', '-')}-{_file_stem(membership)}.pdf"
    return download(pdf, "application/pdf", filename)


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan_pdf(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _plan_pdf_response(request, membership, "safety_plan")


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan_card(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _plan_pdf_response(request, membership, "wallet_card")


@circle_view(Permission.VIEW_SAFETY_PLAN)
def plan_ics(request: HttpRequest, membership: Membership) -> HttpResponse:
    found, version = _current_or_404(membership)
    if version.review_on is None:
        raise Http404
    # The circle's home lists what is due; a link ending in /safety-plan/ would say too much.
    url = request.build_absolute_uri(
        reverse("circles:home", kwargs={"circle_id": membership.circle_id})
    )
    return download(
        exports.review_calendar(found, version, url),
        "text/calendar; charset=utf-8",
        "porchlight-reminder.ics",  # names no one, like the event inside
    )


# --- Pause or act: the triage check -------------------------------------------------


def _check_result_context(
    request: HttpRequest, form: TriageForm, directory: helplines.CountryDirectory | None
) -> dict[str, object]:
    answers = form.answers()
    result = triage.evaluate(answers)
    return {
        "result": result,
        "reasons": result.matched,
        "directory": directory,
        "guidance_blocks": guidance.blocks_for(
            result.guidance, safety_first=result.focus == "safety_first"
        ),
        "answers_json": json.dumps(answers, sort_keys=True),
        "personal": triage.is_personal(answers),
    }


def _check_page(request: HttpRequest, context: dict[str, object]) -> HttpResponse:
    """The result; with nothing answered, the form again under a "could not check" note."""
    result = context["result"]
    assert isinstance(result, triage.TriageResult)
    if not result.assessed:
        return render(request, "safety/check.html", context)
    return render(request, "safety/check_result.html", context)


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """The check anyone can take, signed in or not."""
    form = TriageForm(request.POST if request.method == "POST" else None, steps=triage.questions())
    context: dict[str, object] = {"form": form, "circle": None}
    if request.method == "POST" and form.is_valid():
        remembered = _remembered_country(request)
        directory = helplines.get_country(remembered or "")
        context.update(_check_result_context(request, form, directory))
        # Where to get help, for the country this browser chose on Get help now.
        where = reverse("directory:index")
        context["where_to_get_help"] = (
            f"{where}?{urlencode({'country': directory.code})}" if directory else where
        )
        return _check_page(request, context)
    return render(request, "safety/check.html", context)


@circle_view(Permission.VIEW_CIRCLE)
def circle_check(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    form = TriageForm(request.POST if request.method == "POST" else None, steps=triage.questions())
    context: dict[str, object] = {**circle_context(membership), "form": form}
    if request.method == "POST" and form.is_valid():
        context.update(
            _check_result_context(request, form, helplines.get_country(str(circle.country)))
        )
        # The circle's own listing: its country and its concerns.
        context["where_to_get_help"] = reverse("directory:circle", kwargs={"circle_id": circle.id})
        return _check_page(request, context)
    return render(request, "safety/check.html", context)


@circle_view(Permission.WRITE_JOURNAL)
@require_POST
def circle_check_save(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    form = SaveCheckForm(request.POST)
    if not form.is_valid():
        context = {
            **circle_context(membership),
            "form": TriageForm(steps=triage.questions()),
            "error": form.errors["answers"][0],
        }
        return render(request, "safety/check.html", context, status=400)
    answers, result = form.cleaned_data["answers"], form.result
    if not result.assessed:
        messages.error(request, "There was nothing to save. Please answer at least one question.")
        return redirect("safety:circle_check", circle_id=membership.circle_id)
    answers, result, private = services.what_to_save(answers, result, form.cleaned_data["share"])
    services.save_check(
        circle=circle, by=Actor.of(request), answers=answers, result=result, private=private
    )
    if private:
        messages.success(request, "The result is saved to your journal. Only you can see it.")
    else:
        messages.success(request, f"The result is saved to {circle.name}'s journal.")
    return redirect("journal:entries", circle_id=membership.circle_id)


@circle_view(Permission.VIEW_JOURNAL)
def saved_checks(request: HttpRequest, membership: Membership) -> HttpResponse:
    checks = (
        SavedCheck.objects.filter(circle_id=membership.circle_id)
        .filter(Q(private=False) | Q(created_by_id=membership.user_id))
        .select_related("created_by")[:100]
    )
    return render(
        request,
        "safety/checks.html",
        {
            **circle_context(membership),
            "checks": [(saved, triage.level_text(saved.level)) for saved in checks],
        },
    )


# --- Is it safe for you? -----------------------------------------------------------


@circle_view(Permission.VIEW_CIRCLE)
def safe_for_you(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    default_next = reverse("circles:home", kwargs={"circle_id": circle.id})
    form = SafeForYouForm(
        request.POST if request.method == "POST" else None,
        initial={"next": safe_next_url(request, "")},
        name=circle.name,
    )
    if request.method == "POST" and form.is_valid():
        personal_safety.record_answer(
            membership=membership, afraid=form.cleaned_data["afraid"] == "yes"
        )
        return HttpResponseRedirect(safe_next_url(request, default_next))
    return render(
        request,
        "safety/safe_for_you.html",
        {**circle_context(membership), "form": form},
    )
