from django.urls import path

from porchlight.coach import views

app_name = "coach"

urlpatterns = [
    path("c/<uuid:circle_id>/talk/", views.talk, name="talk"),
    path("c/<uuid:circle_id>/talk/save/", views.save, name="save"),
    path("c/<uuid:circle_id>/talk/saved/", views.saved_messages, name="messages"),
    path(
        "c/<uuid:circle_id>/talk/saved/<uuid:message_id>/outcome/",
        views.outcome,
        name="message.outcome",
    ),
    path("c/<uuid:circle_id>/talk/plans/", views.plans, name="plans"),
    path("c/<uuid:circle_id>/talk/plans/new/", views.plan_form, name="plan.new"),
    path("c/<uuid:circle_id>/talk/plans/<uuid:plan_id>/", views.plan, name="plan"),
    path("c/<uuid:circle_id>/talk/plans/<uuid:plan_id>/edit/", views.plan_form, name="plan.edit"),
    path(
        "c/<uuid:circle_id>/talk/plans/<uuid:plan_id>/card.pdf", views.plan_card, name="plan.card"
    ),
]
