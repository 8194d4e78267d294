"""The site's URLs. Every page about one circle lives under ``/c/<circle>/``.

Each app's ``urls.py`` lists its public pages in ``urlpatterns`` and its circle pages
in ``circle_urlpatterns``, written without the prefix; ``app()`` mounts both under
the app's one namespace, the circle pages under ``CIRCLE``. (An app's URL names
live in one namespace, and Django cannot split a namespace across two includes, so
apps with public pages too, such as safety's "Get help now", are mounted whole.)
``circle_view`` turns ``circle_id`` into the visitor's membership, or a 404.
"""

from importlib import import_module

from django.urls import URLResolver, include, path

CIRCLE = "c/<uuid:circle_id>/"


def app(module: str) -> URLResolver:
    urls = import_module(module)
    patterns = [
        *getattr(urls, "urlpatterns", []),
        path(CIRCLE, include(getattr(urls, "circle_urlpatterns", []))),
    ]
    return path("", include((patterns, urls.app_name)))


urlpatterns = [
    path("", include("porchlight.core.urls")),
    path("accounts/", include("porchlight.accounts.urls")),
    app("porchlight.circles.urls"),
    app("porchlight.safety.urls"),
    app("porchlight.journal.urls"),
    app("porchlight.coach.urls"),
    app("porchlight.rehearse.urls"),
    app("porchlight.understand.urls"),
    app("porchlight.boundaries.urls"),
    app("porchlight.progress.urls"),
    app("porchlight.selfcare.urls"),
    path("", include("porchlight.reminders.urls")),
    app("porchlight.directory.urls"),
]
