"""Read settings from the environment, failing loudly on a value that makes no sense.

Each helper raises ``ImproperlyConfigured`` with the variable's name, so a typo
in a deployment stops start-up with a message instead of a half-working server.
"""

import os
import re
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_MISSING: Any = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# DRF reads a rate by the first letter of its period.
_RATE = re.compile(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)")
SUPPORTED_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}

# Embedded default: many readers alongside one writer, waits instead of "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def _required(name: str, default: Any) -> Any:
    if default is None:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return default


def envstr(name: str, *, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        return _required(name, default)
    return value


def envbool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value; use 1 or 0.")


def envint(name: str, *, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def envrate(name: str, *, default: str) -> str:
    """A request rate such as ``1000/hour``: a whole number of requests per second, minute, hour or day."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip()
    if not _RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate; write it as 1000/hour (or /minute, /day).")
    return value


def envchoice(name: str, *, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices``, written in any case."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    lowered = value.strip().lower()
    if lowered not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return lowered


def envurl(name: str, *, default: str) -> str:
    """An http(s) address without a trailing slash; "" stays "" (switched off)."""
    value = os.environ.get(name)
    if value is None:
        value = default
    value = value.strip().rstrip("/")
    if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise ImproperlyConfigured(f"{name}={value!r} is not an address; write it as https://host[/path].")
    return value


def envlist(name: str, *, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return _required(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


def envdatabase(name: str, *, sqlite_path: Path) -> dict:
    """Return a DATABASES entry: the embedded SQLite file unless ``name`` says otherwise."""
    url = os.environ.get(name, "").strip()
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_path, "OPTIONS": dict(SQLITE_OPTIONS)}
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name}={url!r} is not a database URL this product supports; "
            "use postgres://USER:PASSWORD@HOST:PORT/NAME or sqlite:///PATH."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} could not be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
        config["CONN_MAX_AGE"] = 0
    elif not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}={url!r} names no database; add /NAME at the end.")
    else:
        # PostgreSQL compiles large queries (the dashboard's aggregates) to machine code first; on these
        # queries that costs more time than it saves (650 ms of a 3.3 s dashboard at 200,000 projects).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config
