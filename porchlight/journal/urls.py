from django.urls import path

from porchlight.journal import views

app_name = "journal"

urlpatterns = [
    path("c/<uuid:circle_id>/journal/", views.entries, name="entries"),
    path("c/<uuid:circle_id>/journal/new/", views.new, name="new"),
    path("c/<uuid:circle_id>/journal/victory/", views.add_victory, name="victory"),
    path("c/<uuid:circle_id>/journal/victories/", views.victories, name="victories"),
    path("c/<uuid:circle_id>/journal/<uuid:entry_id>/", views.entry, name="entry"),
    path("c/<uuid:circle_id>/journal/<uuid:entry_id>/edit/", views.edit, name="entry.edit"),
    path("c/<uuid:circle_id>/journal/<uuid:entry_id>/delete/", views.delete, name="entry.delete"),
]
