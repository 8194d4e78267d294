from django.urls import path

from porchlight.selfcare import views

app_name = "selfcare"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("you/", views.overview, name="overview"),
    path("you/check-in/", views.check_in, name="checkin"),
    path("you/plan/", views.plan, name="plan"),
]
