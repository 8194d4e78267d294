from django.urls import path

from porchlight.journal import views

app_name = "journal"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("journal/", views.entries, name="entries"),
    path("journal/new/", views.new, name="new"),
    path("journal/victory/", views.add_victory, name="victory"),
    path("journal/victories/", views.victories, name="victories"),
    path("journal/<uuid:entry_id>/", views.entry, name="entry"),
    path("journal/<uuid:entry_id>/edit/", views.edit, name="entry.edit"),
    path("journal/<uuid:entry_id>/delete/", views.delete, name="entry.delete"),
]
