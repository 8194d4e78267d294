from django.urls import path

from porchlight.safety import views

app_name = "safety"

urlpatterns = [
    path("help/", views.help_now, name="help"),
    path("help/<slug:country>/", views.help_country, name="help.country"),
]
