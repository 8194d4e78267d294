from django.urls import path

from porchlight.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.help_now, name="help"),
    path("help/check/", views.check, name="check"),
    path("help/sw.js", views.service_worker, name="help.worker"),
    path("help/<slug:country>/", views.help_country, name="help.country"),
    path("c/<uuid:circle_id>/safety-plan/", views.plan, name="plan"),
    path("c/<uuid:circle_id>/safety-plan/edit/", views.plan_edit, name="plan.edit"),
    path("c/<uuid:circle_id>/safety-plan/versions/", views.plan_history, name="plan.history"),
    path(
        "c/<uuid:circle_id>/safety-plan/versions/<int:number>/",
        views.plan_version,
        name="plan.version",
    ),
    path("c/<uuid:circle_id>/safety-plan/share/", views.plan_share, name="plan.share"),
    path("c/<uuid:circle_id>/safety-plan/comment/", views.plan_comment, name="plan.comment"),
    path("c/<uuid:circle_id>/safety-plan/plan.pdf", views.plan_pdf, name="plan.pdf"),
    path("c/<uuid:circle_id>/safety-plan/wallet-card.pdf", views.plan_card, name="plan.card"),
    path("c/<uuid:circle_id>/safety-plan/review.ics", views.plan_ics, name="plan.ics"),
    path("c/<uuid:circle_id>/safety-check/", views.circle_check, name="circle_check"),
    path(
        "c/<uuid:circle_id>/safety-check/save/", views.circle_check_save, name="circle_check.save"
    ),
    path("c/<uuid:circle_id>/safety-check/saved/", views.saved_checks, name="checks"),
    path("c/<uuid:circle_id>/safe-for-you/", views.safe_for_you, name="safe_for_you"),
]
