from django.urls import path

from porchlight.coach import views

app_name = "coach"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("talk/", views.talk, name="talk"),
    path("talk/save/", views.save, name="save"),
    path("talk/saved/", views.saved_messages, name="messages"),
    path(
        "talk/saved/<uuid:message_id>/outcome/",
        views.outcome,
        name="message.outcome",
    ),
    path("talk/plans/", views.plans, name="plans"),
    path("talk/plans/new/", views.plan_form, name="plan.new"),
    path("talk/plans/<uuid:plan_id>/", views.plan, name="plan"),
    path("talk/plans/<uuid:plan_id>/edit/", views.plan_form, name="plan.edit"),
    path("talk/plans/<uuid:plan_id>/card.pdf", views.plan_card, name="plan.card"),
]
