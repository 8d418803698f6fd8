"""Configuration comes from the environment alone; each case runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'engine': settings.DATABASES['default']['ENGINE'],"
    "'name': str(settings.DATABASES['default']['NAME']),"
    "'host': settings.DATABASES['default'].get('HOST', ''),"
    "'cache': settings.CACHES['default']['BACKEND'],"
    "'cache_location': str(settings.CACHES['default'].get('LOCATION', '')),"
    "'debug': settings.DEBUG, 'tz': settings.TIME_ZONE, 'use_tz': settings.USE_TZ,"
    "'hosts': settings.ALLOWED_HOSTS, 'email': settings.EMAIL_BACKEND,"
    "'health': settings.DATABASES['default']['CONN_HEALTH_CHECKS']}))"
)

CONFIG_KEYS = (
    "DATABASE",
    "CACHE",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "TIME_ZONE",
    "EMAIL_URL",
    "AWS_",
)


def load_settings(tmp_path, probe=PROBE, **environ):
    """Import the settings with only ``environ`` set (no .env beside a temporary cwd)."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(CONFIG_KEYS)}
    clean.update(environ, DJANGO_SETTINGS_MODULE="newsarchive.settings", PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-c", probe], env=clean, cwd=tmp_path, capture_output=True, text=True
    )
    return result


def test_sqlite_is_the_default_database(tmp_path):
    result = load_settings(tmp_path, SECRET_KEY="x")
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["debug"] is False


def test_postgres_url_uses_psycopg_backend(tmp_path):
    result = load_settings(
        tmp_path, SECRET_KEY="x", DATABASE_URL="postgres://news:pw@db.internal:5432/newsroom"
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "newsarchive.postgresql"  # Django's, with a cheaper health check
    assert values["name"] == "newsroom"
    assert values["host"] == "db.internal"
    assert values["health"] is True


def test_redis_url_uses_djangos_redis_cache_made_resilient(tmp_path):
    result = load_settings(tmp_path, SECRET_KEY="x", CACHE_URL="redis://127.0.0.1:6379/0")
    values = json.loads(result.stdout)
    assert values["cache"] == "articles.caching.backend.ResilientRedisCache"
    assert "127.0.0.1:6379" in values["cache_location"]


def test_time_zone_defaults_to_dublin_with_aware_datetimes(tmp_path):
    values = json.loads(load_settings(tmp_path, SECRET_KEY="x").stdout)
    assert values["tz"] == "Europe/Dublin"
    assert values["use_tz"] is True


def test_hosts_and_email_come_from_the_environment(tmp_path):
    result = load_settings(
        tmp_path,
        SECRET_KEY="x",
        ALLOWED_HOSTS="news.example.com,www.news.example.com",
        EMAIL_URL="smtp://mailer:secret@smtp.example.com:587",
    )
    values = json.loads(result.stdout)
    assert values["hosts"] == ["news.example.com", "www.news.example.com"]
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_missing_secret_key_with_debug_off_is_a_clear_error(tmp_path):
    result = load_settings(tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_mode_runs_without_a_secret_key(tmp_path):
    result = load_settings(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True
