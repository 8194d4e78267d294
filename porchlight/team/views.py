from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from porchlight.circles.access import circle_context, circle_view, get_in_circle
from porchlight.circles.models import Membership
from porchlight.content import crisis_lines as helplines
from porchlight.core import alerts, pdf
from porchlight.core.actor import Actor
from porchlight.core.downloads import download
from porchlight.core.permissions import Permission
from porchlight.safety import crisis
from porchlight.team import engine, services
from porchlight.team.forms import CommentForm, LetterForm, ShareForm, TeamPlanForm
from porchlight.team.models import Letter, TeamPlan, TeamPlanVersion

PDF_STYLES = Path(__file__).resolve().parent / "pdf"


def _content(membership: Membership) -> engine.TeamContent:
    return engine.load_team().for_person(membership.circle.name)


def _members(content: engine.TeamContent, version: TeamPlanVersion | None) -> list[dict[str, Any]]:
    """The team as the page and the cards show it: each name with its role's words."""
    rows = []
    for member in version.content.get("members", []) if version else []:
        role = content.role(member.get("role", "")) or content.role("member")
        rows.append({"name": member.get("name", ""), "role": role})
    return rows


def _plan_context(membership: Membership, version: TeamPlanVersion | None) -> dict[str, Any]:
    content = _content(membership)
    saved = version.content if version else {}
    steps = saved.get("steps", {})
    return {
        **circle_context(membership),
        "team": content,
        "version": version,
        "members": _members(content, version),
        "ladder": [
            (step, steps.get(step.id, {}), step.id == saved.get("step")) for step in content.ladder
        ],
        "plan_b": saved.get("plan_b", ""),
        "follow_up": saved.get("follow_up", ""),
        "safety": services.safety_view(membership, saved.get("risks", [])),
        "crisis": crisis.contacts_for(request=None, circle=membership.circle, level="act_now"),
        "directory": helplines.get_country(str(membership.circle.country)),
    }


@circle_view(Permission.VIEW_SHARED)
def plan(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    context = _plan_context(membership, found.current if found else None)
    context.update(
        {
            "plan": found,
            "comments": found.comments.select_related("author") if found else [],
            "comment_form": CommentForm(),
            "not_shared": found is None
            and TeamPlan.objects.filter(circle_id=membership.circle_id).exists(),
        }
    )
    return render(request, "team/plan.html", context)


@circle_view(Permission.EDIT_PLANS)
def plan_edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    existing = TeamPlan.objects.filter(circle=circle).first()
    current = existing.current if existing else None
    content = _content(membership)
    initial = TeamPlanForm.data_from(current.content) if current else None
    form = TeamPlanForm(
        request.POST if request.method == "POST" else None, initial=initial, content=content
    )
    if request.method == "POST" and form.is_valid():
        result = services.save_plan(circle=circle, by=Actor.of(request), content=form.content())
        alerts.show_next(request, result.alert)
        if result.version is not None:
            messages.success(request, f"Saved as version {result.version.number}.")
        else:
            messages.info(request, "Nothing had changed, so no new version was made.")
        return redirect("team:plan", circle_id=circle.id)
    return render(
        request,
        "team/plan_edit.html",
        {
            **circle_context(membership),
            "form": form,
            "team": content,
            "version": current,
            "safety": services.safety_view(membership, current.content.get("risks", []))
            if current
            else services.safety_view(membership, []),
            "crisis": crisis.contacts_for(request=None, circle=circle, level="act_now"),
        },
    )


@circle_view(Permission.VIEW_SHARED)
def plan_history(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    versions = found.versions.select_related("created_by").order_by("-number")
    return render(
        request, "team/plan_history.html", {**circle_context(membership), "versions": versions}
    )


@circle_view(Permission.VIEW_SHARED)
def plan_version(request: HttpRequest, membership: Membership, number: int) -> HttpResponse:
    found = services.visible_plan(membership)
    version = found.versions.filter(number=number).first() if found else None
    if version is None:
        raise Http404
    context = _plan_context(membership, version)
    context.update({"plan": found, "old_version": True})
    return render(request, "team/plan.html", context)


@circle_view(Permission.SHARE_TEAM_PLAN)
@require_POST
def plan_share(request: HttpRequest, membership: Membership) -> HttpResponse:
    shared = ShareForm(request.POST).share()
    services.set_sharing(circle=membership.circle, by=Actor.of(request), shared=shared)
    messages.success(
        request,
        "Professionals in the circle can now read the team plan."
        if shared
        else "The team plan is no longer shared with professionals.",
    )
    return redirect("team:plan", circle_id=membership.circle_id)


@circle_view(Permission.WRITE_COMMENTS)
@require_POST
def plan_comment(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.visible_plan(membership)
    if found is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        commented = services.add_comment(
            plan=found, by=Actor.of(request), text=form.cleaned_data["text"]
        )
        alerts.show_next(request, commented.alert)
        messages.success(request, "Your comment was added.")
    else:
        messages.error(request, "Write your comment first.")
    return redirect("team:plan", circle_id=membership.circle_id)


@circle_view(Permission.VIEW_SHARED)
def plan_cards(request: HttpRequest, membership: Membership) -> HttpResponse:
    """One page per team member: their role, the step the team is on, who follows up."""
    found = services.visible_plan(membership)
    version = found.current if found else None
    if version is None:
        raise Http404
    document = pdf.render_pdf(
        "team/pdf/cards.html", _plan_context(membership, version), PDF_STYLES / "cards.css"
    )
    services.record_export(circle=membership.circle, by=Actor.of(request), kind="team_cards_pdf")
    stem = slugify(membership.circle.name) or "team"
    return download(document, "application/pdf", f"team-cards-{stem}.pdf")


# --- Letters of love and concern -----------------------------------------------------


@circle_view(Permission.EDIT_PLANS)
def letters(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = services.letters_for(membership).select_related("author")
    mine = [letter for letter in found if letter.author_id == membership.user_id]
    shared = [letter for letter in found if letter.author_id != membership.user_id]
    return render(
        request,
        "team/letters.html",
        {
            **circle_context(membership),
            "team": _content(membership),
            "mine": mine,
            "shared": shared,
        },
    )


def _letter(membership: Membership, letter_id: uuid.UUID) -> Letter:
    """A letter this member may read; another's private letter is "not found"."""
    return get_in_circle(Letter, membership, letter_id, among=services.letters_for(membership))


@circle_view(Permission.EDIT_PLANS)
def letter(request: HttpRequest, membership: Membership, letter_id: uuid.UUID) -> HttpResponse:
    found = _letter(membership, letter_id)
    mine = services.can_edit(found, request.user)
    return render(
        request,
        "team/letter.html",
        {
            **circle_context(membership),
            "team": _content(membership),
            "letter": found,
            "can_edit": mine,
            # Only the writer is shown what to change; the team reads the letter as shared.
            "flags": services.review_letter(text=found.text, bottom_line=found.bottom_line)
            if mine
            else (),
        },
    )


@circle_view(Permission.EDIT_PLANS)
def letter_form(
    request: HttpRequest, membership: Membership, letter_id: uuid.UUID | None = None
) -> HttpResponse:
    found = _letter(membership, letter_id) if letter_id else None
    if found is not None and not services.can_edit(found, request.user):
        raise PermissionDenied
    initial = (
        {"text": found.text, "bottom_line": found.bottom_line, "will_keep": bool(found.bottom_line)}
        if found
        else None
    )
    form = LetterForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.save_letter(
            circle=membership.circle, by=Actor.of(request), data=form.cleaned_data, letter=found
        )
        alerts.show_next(request, saved.alert)
        flags = services.review_letter(text=saved.letter.text, bottom_line=saved.letter.bottom_line)
        if flags:
            messages.warning(
                request, "Your letter is saved. The coach found things to change, shown below."
            )
        else:
            messages.success(
                request,
                "Your letter is saved. The team can read it."
                if saved.letter.shared
                else "Your letter is saved. Only you can see it.",
            )
        return redirect("team:letter", circle_id=membership.circle_id, letter_id=saved.letter.id)
    return render(
        request,
        "team/letter_form.html",
        {**circle_context(membership), "form": form, "letter": found, "team": _content(membership)},
    )


@circle_view(Permission.EDIT_PLANS)
@require_POST
def letter_share(
    request: HttpRequest, membership: Membership, letter_id: uuid.UUID
) -> HttpResponse:
    found = _letter(membership, letter_id)
    if not services.can_edit(found, request.user):
        raise PermissionDenied
    shared = ShareForm(request.POST).share()
    services.set_letter_shared(letter=found, by=Actor.of(request), shared=shared)
    messages.success(
        request,
        "The team can now read your letter." if shared else "Your letter is private again.",
    )
    return redirect("team:letter", circle_id=membership.circle_id, letter_id=found.id)
