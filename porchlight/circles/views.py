from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from porchlight.circles import services
from porchlight.circles.access import (
    circle_context,
    circle_view,
    get_invitation_for_user,
    get_member_for_user,
)
from porchlight.circles.forms import CircleForm, ConfirmNameForm, InvitationForm, RoleForm
from porchlight.circles.models import InvitationStatus, Membership
from porchlight.core.actor import Actor
from porchlight.core.models import AuditEvent
from porchlight.core.permissions import ROLE_DESCRIPTIONS, Permission, Role, role_has_permission


@login_required
def create(request: HttpRequest) -> HttpResponse:
    form = CircleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        circle = services.create_circle(by=Actor.of(request), **form.cleaned_data)
        messages.success(request, f"{circle.name}'s circle is ready.")
        return redirect("circles:home", circle_id=circle.id)
    return render(request, "circles/create.html", {"form": form})


@circle_view(Permission.EDIT_CIRCLE)
def edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    initial = {
        "name": circle.name,
        "relationship": circle.relationship,
        "concerns": circle.concerns,
        "country": str(circle.country),
    }
    form = CircleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if initial.get(k) != v}
        if changes:
            services.update_circle(circle=circle, by=Actor.of(request), changes=changes)
            messages.success(request, "Saved.")
        return redirect("circles:home", circle_id=circle.id)
    return render(request, "circles/edit.html", {**circle_context(membership), "form": form})


def _members_context(membership: Membership) -> dict[str, object]:
    circle = membership.circle
    can_manage = role_has_permission(membership.role, Permission.MANAGE_MEMBERS)
    members = list(circle.memberships.select_related("user").order_by("joined_at"))
    pending = (
        [
            i
            for i in circle.invitations.select_related("created_by")
            if i.status == InvitationStatus.PENDING
        ]
        if can_manage
        else []
    )
    return {
        **circle_context(membership),
        "members": members,
        "pending_invitations": pending,
        "can_manage": can_manage,
        "roles": [(role.value, role.label, ROLE_DESCRIPTIONS[role]) for role in Role],
    }


@circle_view(Permission.VIEW_MEMBERS)
def members(request: HttpRequest, membership: Membership) -> HttpResponse:
    return render(request, "circles/members.html", _members_context(membership))


@circle_view(Permission.MANAGE_MEMBERS)
def invite(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.create_invitation(
            circle=membership.circle,
            by=Actor.of(request),
            role=form.cleaned_data["role"],
            label=form.cleaned_data["label"],
        )
        link = request.build_absolute_uri(
            reverse("circles:invitation.accept", kwargs={"token": created.token})
        )
        # The link is shown once, straight from this response: only its digest is stored.
        return render(
            request,
            "circles/invitation_created.html",
            {
                **circle_context(membership),
                "invitation": created.invitation,
                "link": link,
            },
        )
    return render(
        request,
        "circles/invite.html",
        {
            **circle_context(membership),
            "form": form,
            "invitation_days": settings.INVITATION_LIFETIME.days,
        },
    )


@circle_view(Permission.MANAGE_MEMBERS)
@require_POST
def revoke_invitation(
    request: HttpRequest, membership: Membership, invitation_id: uuid.UUID
) -> HttpResponse:
    invitation = get_invitation_for_user(membership, invitation_id)
    try:
        services.revoke_invitation(invitation=invitation, by=Actor.of(request))
        messages.success(request, f"The invitation for {invitation.label} was withdrawn.")
    except services.CircleRuleError as error:
        messages.error(request, str(error))
    return redirect("circles:members", circle_id=membership.circle_id)


@circle_view(Permission.MANAGE_MEMBERS)
@require_POST
def change_role(
    request: HttpRequest, membership: Membership, membership_id: uuid.UUID
) -> HttpResponse:
    member = get_member_for_user(membership, membership_id)
    form = RoleForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            member = services.change_role(
                membership=member,
                role=form.cleaned_data["role"],
                by=Actor.of(request),
            )
        except services.CircleRuleError as rule:
            error = str(rule)
    else:
        error = "Choose one of the roles listed."
    if request.htmx:  # type: ignore[attr-defined]  # set by django-htmx middleware
        context = _members_context(membership)
        context.update({"member": member, "row_error": error, "row_saved": not error})
        return render(request, "circles/members.html#member-row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, f"{member.user.display_name} is now {member.get_role_display().lower()}."
        )
    return redirect("circles:members", circle_id=membership.circle_id)


@circle_view(Permission.MANAGE_MEMBERS)
def remove_member(
    request: HttpRequest, membership: Membership, membership_id: uuid.UUID
) -> HttpResponse:
    member = get_member_for_user(membership, membership_id)
    if request.method == "POST":
        try:
            services.remove_member(membership=member, by=Actor.of(request))
            messages.success(request, f"{member.user.display_name} is no longer in this circle.")
            return redirect("circles:members", circle_id=membership.circle_id)
        except services.CircleRuleError as error:
            messages.error(request, str(error))
            return redirect("circles:members", circle_id=membership.circle_id)
    return render(
        request,
        "circles/remove_member.html",
        {**circle_context(membership), "member": member},
    )


@circle_view(Permission.VIEW_CIRCLE)
def leave(request: HttpRequest, membership: Membership) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            services.leave_circle(membership=membership, by=Actor.of(request))
        except services.CircleRuleError as rule:
            error = str(rule)
        else:
            messages.success(request, f"You have left {membership.circle.name}'s circle.")
            return redirect("core:home")
    return render(
        request,
        "circles/leave.html",
        {**circle_context(membership), "error": error},
        status=409 if error else 200,
    )


@circle_view(Permission.VIEW_ACTIVITY)
def activity(request: HttpRequest, membership: Membership) -> HttpResponse:
    events = AuditEvent.objects.filter(circle_id=membership.circle_id).select_related("actor")[:200]
    return render(
        request,
        "circles/activity.html",
        {**circle_context(membership), "events": events},
    )


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.find_invitation(token)
    error = services.invitation_problem(invitation)
    if request.method == "POST" and not error and request.user.is_authenticated:
        try:
            joined = services.accept_invitation(token=token, by=Actor.of(request))
        except services.CircleRuleError as rule:
            error = str(rule)
        else:
            messages.success(request, f"Welcome to {joined.circle.name}'s circle.")
            return redirect("circles:home", circle_id=joined.circle_id)
    if invitation is None:
        status = 404
    elif error:
        status = 410 if invitation.status != InvitationStatus.PENDING else 409
    else:
        status = 200
    return render(
        request,
        "circles/accept_invitation.html",
        {"invitation": None if error else invitation, "error": error},
        status=status,
    )


@circle_view(Permission.DELETE_CIRCLE)
def delete(request: HttpRequest, membership: Membership) -> HttpResponse:
    circle = membership.circle
    error = ""
    if request.method == "POST":
        if ConfirmNameForm(request.POST).confirms(circle.name):
            services.delete_circle(circle=circle, by=Actor.of(request))
            messages.success(request, f"{circle.name}'s circle and everything in it were deleted.")
            return redirect("core:home")
        error = f"Type {circle.name} exactly to confirm."
    return render(
        request,
        "circles/delete.html",
        {**circle_context(membership), "error": error},
        status=400 if error else 200,
    )
