"""Mounted by porchlight/urls.py into the namespaces people already know."""

from django.urls import path

from porchlight.home import views

# In the "core" namespace.
site_patterns = [
    path("", views.welcome, name="home"),
]

# In the "circles" namespace.
circle_patterns = [
    path("c/<uuid:circle_id>/", views.home, name="home"),
    path("c/<uuid:circle_id>/s/<slug:slug>/", views.section, name="section"),
]
