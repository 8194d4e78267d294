"""The project's URLs.

Each app owns its patterns. The read-across apps on the top floor (home, yourdata)
keep the URL names people and templates already know (`core:home`, `circles:home`,
`circles:export.json`, `accounts:delete`): their patterns are mounted here, into
those namespaces, so no lower app imports a higher one.
"""

from django.urls import include, path

from porchlight.accounts import urls as accounts_urls
from porchlight.circles import urls as circles_urls
from porchlight.core import urls as core_urls
from porchlight.home import urls as home_urls
from porchlight.yourdata import urls as yourdata_urls


def _namespace(app_name: str, *patterns: list) -> tuple[list, str]:
    return [pattern for group in patterns for pattern in group], app_name


urlpatterns = [
    path("", include(_namespace("core", home_urls.site_patterns, core_urls.urlpatterns))),
    path(
        "accounts/",
        include(_namespace("accounts", accounts_urls.urlpatterns, yourdata_urls.account_patterns)),
    ),
    path(
        "",
        include(
            _namespace(
                "circles",
                circles_urls.urlpatterns,
                home_urls.circle_patterns,
                yourdata_urls.circle_patterns,
            )
        ),
    ),
    path("", include("porchlight.safety.urls")),
    path("", include("porchlight.journal.urls")),
    path("", include("porchlight.coach.urls")),
    path("", include("porchlight.rehearse.urls")),
    path("", include("porchlight.understand.urls")),
    path("", include("porchlight.boundaries.urls")),
    path("", include("porchlight.progress.urls")),
    path("", include("porchlight.selfcare.urls")),
    path("", include("porchlight.reminders.urls")),
    path("", include("porchlight.directory.urls")),
]
