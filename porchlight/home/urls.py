"""Mounted by porchlight/urls.py into the namespaces people already know."""

from django.urls import path

from porchlight.home import views

# In the "core" namespace.
site_patterns = [
    path("", views.welcome, name="home"),
]

# In the "circles" namespace, under /c/<circle>/.
circle_patterns = [
    path("", views.home, name="home"),
    path("s/<slug:slug>/", views.section, name="section"),
]
