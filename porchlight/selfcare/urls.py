from django.urls import path

from porchlight.selfcare import views

app_name = "selfcare"

urlpatterns = [
    path("c/<uuid:circle_id>/you/", views.overview, name="overview"),
    path("c/<uuid:circle_id>/you/check-in/", views.check_in, name="checkin"),
    path("c/<uuid:circle_id>/you/plan/", views.plan, name="plan"),
]
