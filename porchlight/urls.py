from django.urls import include, path

urlpatterns = [
    path("", include("porchlight.core.urls")),
    path("accounts/", include("porchlight.accounts.urls")),
    path("", include("porchlight.circles.urls")),
    path("", include("porchlight.safety.urls")),
    path("", include("porchlight.journal.urls")),
    path("", include("porchlight.coach.urls")),
    path("", include("porchlight.rehearse.urls")),
    path("", include("porchlight.understand.urls")),
    path("", include("porchlight.boundaries.urls")),
    path("", include("porchlight.progress.urls")),
    path("", include("porchlight.selfcare.urls")),
    path("", include("porchlight.reminders.urls")),
    path("", include("porchlight.directory.urls")),
]
