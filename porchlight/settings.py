"""Porchlight settings: one module, driven by environment variables.

Every setting that differs between a laptop and a hosted server comes from the
environment, so the same code runs everywhere. Missing or malformed values in
production fail at start-up with a message that says what to set.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent

ENVIRONMENT = os.environ.get("PORCHLIGHT_ENV", "development").strip().lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"PORCHLIGHT_ENV must be 'development' or 'production', not {ENVIRONMENT!r}."
    )
PRODUCTION = ENVIRONMENT == "production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when PORCHLIGHT_ENV=production.")

DATA_DIR = Path(os.environ.get("PORCHLIGHT_DATA_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        if PRODUCTION and len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters in production.")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    # On a laptop, keep one random key in the data folder so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names Porchlight is served on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "porchlight.core",
    "porchlight.accounts",
    "porchlight.circles",
    "porchlight.safety",
    "porchlight.journal",
    "porchlight.coach",
    "porchlight.rehearse",
    "porchlight.understand",
    "porchlight.boundaries",
    # CRAFT tools and the invitation to treatment (issue #15).
    "porchlight.craft",
    "porchlight.progress",
    "porchlight.selfcare",
    "porchlight.reminders",
    "porchlight.directory",
    # Issue #15: the family team plan and letters of love and concern.
    "porchlight.team",
    "porchlight.notifications",
    # Floor 4, reading across the features (see docs/ARCHITECTURE.md).
    "porchlight.home",
    "porchlight.yourdata",
    "porchlight.demo",
    # The shell: its start-up checks load every floor's content.
    "porchlight",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_countries",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Tells the access log the path to write: no query string, no tokens.
    "porchlight.core.request_log.RouteLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "porchlight.core.middleware.SessionIdleMiddleware",
    "porchlight.core.middleware.PrivatePagesNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before anything reads a form (the CSRF check does, in process_view).
    "porchlight.core.middleware.FormEncodingMiddleware",
    # Last, so it sees the response of a failed log-in and can lock out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "porchlight.urls"
WSGI_APPLICATION = "porchlight.wsgi.application"

# Help text is plain text: escaped like labels (see PlainTextFormRenderer).
FORM_RENDERER = "porchlight.core.forms.PlainTextFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% link %}: {% url %} remembered (porchlight/core/links.py).
            "builtins": ["porchlight.core.templatetags.links"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "porchlight.core.context_processors.site",
                "porchlight.core.alerts.risk_alert",
                "porchlight.core.context_processors.circle_nav",
                "porchlight.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# Database: embedded SQLite by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from error
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "porchlight.sqlite3"),
            "OPTIONS": {
                # Writers take the lock up front and wait instead of failing with
                # "database is locked" when two requests write at once.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {"NAME": ":memory:"})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Free text encrypted at rest (porchlight/core/encryption.py): Fernet keys,
# comma-separated, newest first. Needed when hosting for many families; a
# deploy check warns when PostgreSQL runs without them.
FIELD_ENCRYPTION_KEYS = tuple(env_list("PORCHLIGHT_ENCRYPTION_KEYS", []))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out client before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Log-in rate limiting: after repeated failures from the same address for the
# same account, sign-in is paused for a while.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "porchlight.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# The log-in form posts the e-mail address in a field called "username".
AXES_USERNAME_FORM_FIELD = "username"
# Counted per address as stored (lower case), so typing capitals doesn't start a new count.
AXES_USERNAME_CALLABLE = "porchlight.accounts.views.axes_username"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)

INVITATION_LIFETIME = timedelta(days=env_int("INVITATION_DAYS", 7))

# Background work (reminder e-mails) goes through the database: `porchlight db_worker`
# runs as its own process in hosted mode.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# E-mail reminders are offered only when an SMTP server is configured.
EMAIL_REMINDERS = bool(os.environ.get("EMAIL_HOST"))
# Notification e-mails (a generic subject and a link) likewise, unless turned off.
EMAIL_NOTIFICATIONS = env_bool("EMAIL_NOTIFICATIONS", bool(os.environ.get("EMAIL_HOST")))

# Idle timeout: a session ends this long after its last request
# (core/middleware.py). Two hours when hosted; two weeks on a laptop.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 2 * 60 if PRODUCTION else 14 * 24 * 60)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("SESSION_IDLE_MINUTES must be at least 1.")
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy: nothing but our own files; no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "worker-src": [SELF],
        "manifest-src": [SELF],
    }
}

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    # WhiteNoise expects the folder; on a laptop the files come from the apps instead.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif PRODUCTION:
    raise ImproperlyConfigured(
        "EMAIL_HOST is not set: password-reset mail needs an SMTP server in production."
    )
else:
    # On a laptop, mail (password resets) is printed in the terminal.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Porchlight <noreply@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Request paths in Django's own log lines lose their tokens (core/request_log.py).
    "filters": {"redact_paths": {"()": "porchlight.core.request_log.RedactPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_paths"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's default console handler (DEBUG only) would print each line twice,
        # once without the redaction: everything goes through the root handler.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
