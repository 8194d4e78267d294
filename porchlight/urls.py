"""The site's URLs. Every page about one circle lives under ``/c/<circle>/``.

Each app's ``urls.py`` lists its public pages in ``urlpatterns`` and its circle pages
in ``circle_urlpatterns``, written without the prefix; ``app()`` mounts both under
the app's one namespace, the circle pages under ``CIRCLE``. (An app's URL names
live in one namespace, and Django cannot split a namespace across two includes, so
apps with public pages too, such as safety's "Get help now", are mounted whole.)
``circle_view`` turns ``circle_id`` into the visitor's membership, or a 404.

The read-across apps on the top floor (home, yourdata) keep the URL names people and
templates already know (``core:home``, ``circles:home``, ``circles:export.json``,
``accounts:delete``): their patterns are mounted here, into those namespaces, so no
lower app imports a higher one.
"""

from collections.abc import Sequence
from importlib import import_module

from django.urls import URLPattern, URLResolver, include, path

from porchlight.accounts import urls as accounts_urls
from porchlight.home import urls as home_urls
from porchlight.yourdata import urls as yourdata_urls

CIRCLE = "c/<uuid:circle_id>/"

Patterns = Sequence[URLPattern | URLResolver]


def app(module: str, *, public: Patterns = (), circle: Patterns = ()) -> URLResolver:
    urls = import_module(module)
    patterns = [
        *getattr(urls, "urlpatterns", []),
        *public,
        path(CIRCLE, include([*getattr(urls, "circle_urlpatterns", []), *circle])),
    ]
    return path("", include((patterns, urls.app_name)))


urlpatterns = [
    app("porchlight.core.urls", public=home_urls.site_patterns),
    path(
        "accounts/",
        include(([*accounts_urls.urlpatterns, *yourdata_urls.account_patterns], "accounts")),
    ),
    app(
        "porchlight.circles.urls",
        circle=[*home_urls.circle_patterns, *yourdata_urls.circle_patterns],
    ),
    app("porchlight.safety.urls"),
    app("porchlight.journal.urls"),
    app("porchlight.coach.urls"),
    app("porchlight.rehearse.urls"),
    app("porchlight.understand.urls"),
    app("porchlight.boundaries.urls"),
    app("porchlight.craft.urls"),
    app("porchlight.progress.urls"),
    app("porchlight.selfcare.urls"),
    path("", include("porchlight.reminders.urls")),
    app("porchlight.directory.urls"),
    app("porchlight.team.urls"),  # issue #15: family team plan and letters
    app("porchlight.notifications.urls"),
]
