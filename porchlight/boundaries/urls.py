from django.urls import path

from porchlight.boundaries import views

app_name = "boundaries"

urlpatterns = [
    path("c/<uuid:circle_id>/boundaries/", views.boundaries, name="list"),
    path("c/<uuid:circle_id>/boundaries/new/", views.boundary_form, name="new"),
    path("c/<uuid:circle_id>/boundaries/check/", views.enabling_check, name="enabling"),
    path("c/<uuid:circle_id>/boundaries/<uuid:boundary_id>/", views.detail, name="detail"),
    path(
        "c/<uuid:circle_id>/boundaries/<uuid:boundary_id>/edit/",
        views.boundary_form,
        name="edit",
    ),
    path("c/<uuid:circle_id>/boundaries/<uuid:boundary_id>/test/", views.log_test, name="test"),
]
