from django.urls import path

from porchlight.directory import views

app_name = "directory"

urlpatterns = [
    path("where-to-get-help/", views.index, name="index"),
    path("where-to-get-help/law/<slug:slug>/", views.legal, name="legal"),
    path("where-to-get-help/report/<slug:slug>/", views.report, name="report"),
]

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("where-to-get-help/", views.circle, name="circle"),
]
