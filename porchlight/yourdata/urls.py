"""Mounted by porchlight/urls.py into the namespaces people already know."""

from django.urls import path

from porchlight.yourdata import views

# In the "circles" namespace.
circle_patterns = [
    path("c/<uuid:circle_id>/export.json", views.export_json, name="export.json"),
    path("c/<uuid:circle_id>/export.pdf", views.export_pdf, name="export.pdf"),
]

# In the "accounts" namespace, under accounts/.
account_patterns = [
    path("delete/", views.delete_account, name="delete"),
]
