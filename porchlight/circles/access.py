"""Fetching circle objects through the requesting user's memberships.

Someone who is not in a circle gets 404 for everything in it, so a stranger
cannot even learn that a circle exists. A member whose role lacks the
permission gets 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from porchlight.circles.models import Invitation, Membership
from porchlight.core.permissions import Permission, role_has_permission

P = ParamSpec("P")
M = TypeVar("M", bound=Model)


def get_membership_for_user(
    user: Any, circle_id: uuid.UUID, permission: Permission = Permission.VIEW_CIRCLE
) -> Membership:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    membership = (
        Membership.objects.select_related("circle", "user")
        .filter(user=user, circle_id=circle_id)
        .first()
    )
    if membership is None:
        raise Http404
    if not role_has_permission(membership.role, permission):
        raise PermissionDenied
    return membership


def get_in_circle(
    model: type[M],
    membership: Membership,
    pk: Any,
    *,
    among: QuerySet[M] | None = None,
) -> M:
    """One ``model`` object of the member's own circle, or 404.

    ``among`` narrows what this member may see (for example, without others' private
    entries). Anything else, including another circle's object, is "not found", so a
    stranger cannot learn that it exists.
    """
    found = (among if among is not None else model._default_manager.all()).filter(
        pk=pk, circle_id=membership.circle_id
    )
    try:
        return found.get()
    except (model.DoesNotExist, ValueError) as error:  # type: ignore[attr-defined]
        raise Http404 from error


def get_member_for_user(acting: Membership, membership_id: uuid.UUID) -> Membership:
    """Another membership of the acting member's own circle, or 404."""
    return get_in_circle(
        Membership, acting, membership_id, among=Membership.objects.select_related("user")
    )


def get_invitation_for_user(acting: Membership, invitation_id: uuid.UUID) -> Invitation:
    return get_in_circle(Invitation, acting, invitation_id)


def circle_context(membership: Membership) -> dict[str, Any]:
    """What every circle page's template needs: the member and their circle."""
    return {"membership": membership, "circle": membership.circle}


def has_permission(user: Any, permission: Permission, *, circle: Any) -> bool:
    role = (
        Membership.objects.filter(user=user, circle=circle).values_list("role", flat=True).first()
    )
    return role is not None and role_has_permission(role, permission)


def circle_view(
    permission: Permission,
) -> Callable[
    [Callable[Concatenate[HttpRequest, Membership, P], HttpResponse]],
    Callable[..., HttpResponse],
]:
    """Decorate a view taking (request, membership, ...) from a URL with `circle_id`."""

    def decorator(
        view: Callable[Concatenate[HttpRequest, Membership, P], HttpResponse],
    ) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(
            request: HttpRequest, circle_id: uuid.UUID, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            membership = get_membership_for_user(request.user, circle_id, permission)
            return view(request, membership, *args, **kwargs)

        wrapper.required_permission = permission  # type: ignore[attr-defined]
        return wrapper

    return decorator
