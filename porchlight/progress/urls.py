from django.urls import path

from porchlight.progress import views

app_name = "progress"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("progress/", views.overview, name="overview"),
]
