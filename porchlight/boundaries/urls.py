from django.urls import path

from porchlight.boundaries import views

app_name = "boundaries"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("boundaries/", views.boundaries, name="list"),
    path("boundaries/new/", views.boundary_form, name="new"),
    path("boundaries/check/", views.enabling_check, name="enabling"),
    path("boundaries/<uuid:boundary_id>/", views.detail, name="detail"),
    path(
        "boundaries/<uuid:boundary_id>/edit/",
        views.boundary_form,
        name="edit",
    ),
    path("boundaries/<uuid:boundary_id>/test/", views.log_test, name="test"),
]
