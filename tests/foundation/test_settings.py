"""Settings come from the environment; a bad value stops start-up naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from core import env

ROOT = Path(__file__).resolve().parents[2]


def start_django(**environ) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with ``environ`` on top of a clean environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "crm.settings", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "url",
    ["not a url", "mysql://user@host/db", "postgres//missing-colon", "postgres://user@localhost:5432"],
)
def test_malformed_database_url_stops_start_up_naming_the_variable(url):
    result = start_django(DATABASE_URL=url)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_bad_debug_value_is_refused():
    result = start_django(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG='maybe' is not a yes/no value" in result.stderr


def test_development_defaults_start():
    result = start_django()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://crm:secret@db.internal:5433/crm")
    config = env.envdatabase("DATABASE_URL", sqlite_path=Path("/unused"))
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["HOST"], config["PORT"]) == ("crm", "crm", "db.internal", 5433)
    # Compiling queries to machine code costs the dashboard more than it saves.
    assert config["OPTIONS"]["options"] == "-c jit=off"


def test_default_database_is_sqlite_with_wal_busy_timeout_and_immediate_transactions(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.envdatabase("DATABASE_URL", sqlite_path=Path("/tmp/x.sqlite3"))
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5


@pytest.mark.django_db
def test_running_database_matches_its_configuration():
    if connection.vendor == "sqlite":
        # The test database is in memory (which has no WAL); the file database is checked below.
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    else:
        assert connection.vendor == "postgresql"


def test_sqlite_file_database_runs_in_wal_mode(tmp_path):
    db = tmp_path / "wal.sqlite3"
    script = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "crm.settings", "DATABASE_URL": f"sqlite:///{db}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "wal", result.stderr


@pytest.mark.parametrize("value", ["yes", "1", "on", "TRUE"])
def test_envbool_reads_yes(monkeypatch, value):
    monkeypatch.setenv("SOME_FLAG", value)
    assert env.envbool("SOME_FLAG", default=False) is True


def test_envint_rejects_words(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER='ten' is not a whole number"):
        env.envint("SOME_NUMBER", default=1)
