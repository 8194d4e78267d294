from django.urls import path

from porchlight.progress import views

app_name = "progress"

urlpatterns = [
    path("c/<uuid:circle_id>/progress/", views.overview, name="overview"),
]
