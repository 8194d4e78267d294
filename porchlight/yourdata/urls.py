"""Mounted by porchlight/urls.py into the namespaces people already know."""

from django.urls import path

from porchlight.yourdata import views

# In the "circles" namespace, under /c/<circle>/.
circle_patterns = [
    path("export.json", views.export_json, name="export.json"),
    path("export.pdf", views.export_pdf, name="export.pdf"),
]

# In the "accounts" namespace, under accounts/.
account_patterns = [
    path("delete/", views.delete_account, name="delete"),
]
