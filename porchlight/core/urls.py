from django.urls import path

from porchlight.core import views

app_name = "core"

urlpatterns = [
    path("healthz/", views.health, name="health"),
]
