from django.urls import path

from porchlight.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.help_now, name="help"),
    path("help/check/", views.check, name="check"),
    path("help/sw.js", views.service_worker, name="help.worker"),
    path("help/<slug:country>/", views.help_country, name="help.country"),
]

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("safety-plan/", views.plan, name="plan"),
    path("safety-plan/edit/", views.plan_edit, name="plan.edit"),
    path("safety-plan/versions/", views.plan_history, name="plan.history"),
    path(
        "safety-plan/versions/<int:number>/",
        views.plan_version,
        name="plan.version",
    ),
    path("safety-plan/share/", views.plan_share, name="plan.share"),
    path("safety-plan/comment/", views.plan_comment, name="plan.comment"),
    path("safety-plan/plan.pdf", views.plan_pdf, name="plan.pdf"),
    path("safety-plan/wallet-card.pdf", views.plan_card, name="plan.card"),
    path("safety-plan/review.ics", views.plan_ics, name="plan.ics"),
    path("safety-check/", views.circle_check, name="circle_check"),
    path("safety-check/save/", views.circle_check_save, name="circle_check.save"),
    path("safety-check/saved/", views.saved_checks, name="checks"),
    path("safe-for-you/", views.safe_for_you, name="safe_for_you"),
]
