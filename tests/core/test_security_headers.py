from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_carries_a_strict_content_security_policy(client: Client) -> None:
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_hold_no_inline_script_or_style() -> None:
    for template in (ROOT / "porchlight").rglob("templates/**/*.html"):
        html = template.read_text()
        assert "<style" not in html, template
        assert " style=" not in html, template
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith("src="), template
        assert " on" + "click=" not in html, template


def run_porchlight(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The browser tests allow sync ORM calls beside Playwright; a server never should.
    unset = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-m", "porchlight.cli", *args],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "PORCHLIGHT_ENV": "production",
    "SECRET_KEY": "x" * 20 + "-production-only-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "porchlight.example.org",
    "EMAIL_HOST": "smtp.example.org",
}


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    result = run_porchlight(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "PORCHLIGHT_DATA_DIR": str(tmp_path)},
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_without_a_secret_key_fails_with_a_helpful_message(tmp_path: Path) -> None:
    env = {**PRODUCTION, "SECRET_KEY": "", "PORCHLIGHT_DATA_DIR": str(tmp_path)}

    result = run_porchlight(["check"], env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set. Generate one with:" in result.stderr


def test_a_malformed_setting_is_named(tmp_path: Path) -> None:
    result = run_porchlight(["check"], {"DEBUG": "maybe", "PORCHLIGHT_DATA_DIR": str(tmp_path)})

    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe'." in result.stderr


def test_sqlite_waits_for_the_write_lock_instead_of_failing() -> None:

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
