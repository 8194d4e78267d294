from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from porchlight.circles.access import circle_context, circle_view
from porchlight.circles.models import Membership
from porchlight.core import alerts
from porchlight.core.actor import Actor
from porchlight.core.permissions import Permission
from porchlight.journal import services, timeline
from porchlight.journal.access import entries_for, get_entry_for_member
from porchlight.journal.forms import EntryForm, FilterForm, NewEntryQuery, PageForm, VictoryForm
from porchlight.journal.models import EntryKind, JournalEntry


@circle_view(Permission.VIEW_JOURNAL)
def entries(request: HttpRequest, membership: Membership) -> HttpResponse:
    filter_form = FilterForm(request.GET or None)
    filters = timeline.Filters()
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        filters = timeline.Filters(
            kind=data["kind"],
            tag=data["tag"].strip().lower(),
            date_from=data["date_from"],
            date_to=data["date_to"],
            query=data["q"].strip(),
        )
    after = PageForm(request.GET).cursor()
    found = timeline.page(timeline.apply_filters(entries_for(membership), filters), after)
    query = request.GET.copy()
    query.pop("after", None)
    context = {
        **circle_context(membership),
        "page": found,
        "filter_form": filter_form,
        "filter_query": query.urlencode(),
        "filtered": filters != timeline.Filters(),
        "victory_form": VictoryForm(),
    }
    if request.htmx and after:  # type: ignore[attr-defined]
        return render(request, "journal/entries.html#page", context)
    return render(request, "journal/entries.html", context)


@circle_view(Permission.WRITE_JOURNAL)
def new(request: HttpRequest, membership: Membership) -> HttpResponse:
    initial = {"kind": NewEntryQuery(request.GET).initial_kind()}
    form = EntryForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.create_entry(
            circle=membership.circle, by=Actor.of(request), data=form.cleaned_data
        )
        alerts.show_next(request, saved.alert)
        messages.success(request, "Saved to the journal.")
        return redirect("journal:entries", circle_id=membership.circle_id)
    return render(request, "journal/entry_form.html", {**circle_context(membership), "form": form})


@circle_view(Permission.WRITE_JOURNAL)
@require_POST
def add_victory(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = VictoryForm(request.POST)
    if form.is_valid():
        saved = services.add_small_victory(
            circle=membership.circle, by=Actor.of(request), text=form.cleaned_data["text"]
        )
        alerts.show_next(request, saved.alert)
        messages.success(request, "Small victory saved. Well noticed.")
        return redirect("journal:entries", circle_id=membership.circle_id)
    return render(
        request,
        "journal/victory_form.html",
        {**circle_context(membership), "form": form},
        status=400,
    )


@circle_view(Permission.VIEW_JOURNAL)
def victories(request: HttpRequest, membership: Membership) -> HttpResponse:
    found = entries_for(membership).filter(kind=EntryKind.SMALL_VICTORY)
    return render(
        request,
        "journal/victories.html",
        {**circle_context(membership), "victories": found.select_related("author")[:200]},
    )


@circle_view(Permission.VIEW_JOURNAL)
def entry(request: HttpRequest, membership: Membership, entry_id: uuid.UUID) -> HttpResponse:
    found = get_entry_for_member(membership, entry_id)
    return render(request, "journal/entry.html", {**circle_context(membership), "entry": found})


def _own_entry(membership: Membership, entry_id: uuid.UUID) -> JournalEntry:
    found = get_entry_for_member(membership, entry_id)
    if found.author_id != membership.user_id:
        raise PermissionDenied
    return found


def _form_data(found: JournalEntry) -> dict[str, Any]:
    return {
        "kind": found.kind,
        "happened_on": found.happened_on,
        "tension": found.tension,
        "tried": found.tried,
        "happened": found.happened,
        "they_said": found.they_said,
        "tags": ", ".join(found.tags),
        "private": found.private,
    }


@circle_view(Permission.WRITE_JOURNAL)
def edit(request: HttpRequest, membership: Membership, entry_id: uuid.UUID) -> HttpResponse:
    found = _own_entry(membership, entry_id)
    form = EntryForm(request.POST if request.method == "POST" else None, initial=_form_data(found))
    if request.method == "POST" and form.is_valid():
        saved = services.update_entry(entry=found, by=Actor.of(request), data=form.cleaned_data)
        alerts.show_next(request, saved.alert)
        messages.success(request, "Saved.")
        return redirect("journal:entries", circle_id=membership.circle_id)
    return render(
        request,
        "journal/entry_form.html",
        {**circle_context(membership), "form": form, "entry": found},
    )


@circle_view(Permission.WRITE_JOURNAL)
def delete(request: HttpRequest, membership: Membership, entry_id: uuid.UUID) -> HttpResponse:
    found = _own_entry(membership, entry_id)
    if request.method == "POST":
        services.delete_entry(entry=found)
        messages.success(request, "The entry was deleted.")
        return redirect("journal:entries", circle_id=membership.circle_id)
    return render(
        request, "journal/entry_delete.html", {**circle_context(membership), "entry": found}
    )
