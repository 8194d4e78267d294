from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from porchlight.reminders import services
from porchlight.reminders.forms import EmailReminderForm
from porchlight.reminders.models import ReminderSettings


@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    found = services.existing_settings(request.user)  # a GET writes nothing
    form = EmailReminderForm(
        request.POST if request.method == "POST" else None,
        initial={"email_reminders": found.email_reminders if found else False},
    )
    if request.method == "POST" and settings.EMAIL_REMINDERS and form.is_valid():
        services.save_settings(
            user=request.user, email_reminders=form.cleaned_data["email_reminders"]
        )
        messages.success(request, "Saved.")
        return redirect("reminders:settings")
    feed_url = ""
    if found is not None:
        feed_url = request.build_absolute_uri(
            reverse("reminders:feed", kwargs={"token": found.feed_token})
        )
    return render(
        request,
        "reminders/settings.html",
        {
            "feed_url": feed_url,
            "webcal_url": feed_url.replace("https://", "webcal://", 1),
            "due": services.due_for(request.user),
            "form": form,
            "email_available": settings.EMAIL_REMINDERS,
        },
    )


@login_required
@require_POST
def new_link(request: HttpRequest) -> HttpResponse:
    services.new_token(request.user)
    messages.success(request, "A new calendar link is ready; the old one no longer works.")
    return redirect("reminders:settings")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    found = ReminderSettings.objects.filter(feed_token=token).select_related("user").first()
    if found is None or not found.user.is_active:
        raise Http404
    response = HttpResponse(
        services.calendar(found.user), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response
