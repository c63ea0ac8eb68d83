"""Write a consistent, timestamped copy of the database while the application keeps running.

SQLite: the online backup API copies every page under a read lock, to
``backups/crm-YYYYmmdd-HHMMSS.sqlite3``. PostgreSQL: ``pg_dump`` in its custom format
(``.pgdump``) when it is on PATH, otherwise (or with ``--format json``) a ``dumpdata`` JSON of
every table, historical tables included (``.json``). ``manage.py restore`` reads all three.
"""

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

# Sessions are throw-away, and the search index is drawn from the records (``restore`` rebuilds it);
# everything else (records, history, users, roles, admin log, log-in attempts) is evidence and
# travels with the backup.
JSON_EXCLUDED = ["sessions.session", "core.searchentry", "core.searchtoken"]


def default_backup_dir() -> Path:
    return Path(settings.BASE_DIR) / "backups"


def postgres_environment(settings_dict: dict) -> tuple[list[str], dict]:
    """Connection arguments and environment for pg_dump/pg_restore, password kept out of argv."""
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", str(settings_dict["USER"])]
    environment = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return arguments, environment


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        if isinstance(o, time):
            return o.isoformat()
        return super().default(o)


def _batches(iterable, size: int):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def dump_json(path: Path, database: str) -> None:
    """Every row of every model, historical ones included, primary keys and timestamps exact.

    The file is what ``dumpdata`` writes (``loaddata`` reads it), streamed table by table.
    """
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in JSON_EXCLUDED and not model._meta.proxy and model._meta.managed
    ]
    encoder = ExactJSONEncoder()
    with path.open("w", encoding="utf-8") as output:
        output.write("[")
        first = True
        for model in models:
            rows = model._base_manager.using(database).order_by(model._meta.pk.name).iterator(chunk_size=2000)
            for batch in _batches(rows, 2000):
                for item in serializers.serialize("python", batch):
                    output.write("\n" if first else ",\n")
                    output.write(encoder.encode(item))
                    first = False
        output.write("\n]\n")


class Command(BaseCommand):
    help = "Write a consistent, timestamped backup of the database while the application runs."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None, help="Directory to write to (default: backups/ in the project).")
        parser.add_argument(
            "--format",
            choices=["auto", "json"],
            default="auto",
            help="auto: the database's own format (SQLite copy or pg_dump); json: dumpdata, readable by any database.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, output=None, format="auto", database=DEFAULT_DB_ALIAS, **options):
        directory = Path(output) if output else default_backup_dir()
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create the backup directory {directory}: {error}") from None
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        connection = connections[database]

        if format == "json":
            path = self._json(directory, stamp, database)
        elif connection.vendor == "sqlite":
            path = self._sqlite(directory, stamp, connection)
        elif connection.vendor == "postgresql" and shutil.which("pg_dump"):
            path = self._pg_dump(directory, stamp, connection)
            if path is None:
                path = self._json(directory, stamp, database)
        else:
            path = self._json(directory, stamp, database)
        self.stdout.write(f"{path} ({human_size(path.stat().st_size)})")

    def _target(self, directory: Path, stamp: str, suffix: str) -> Path:
        path = directory / f"crm-{stamp}{suffix}"
        if path.exists():
            raise CommandError(f"{path} already exists; wait a second or choose another --output.")
        return path

    def _sqlite(self, directory: Path, stamp: str, connection) -> Path:
        path = self._target(directory, stamp, ".sqlite3")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            # Copies a consistent snapshot even while other processes write (WAL readers never block).
            connection.connection.backup(target)
        finally:
            target.close()
        return path

    def _pg_dump(self, directory: Path, stamp: str, connection) -> Path | None:
        path = self._target(directory, stamp, ".pgdump")
        arguments, environment = postgres_environment(connection.settings_dict)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), *arguments]
        command.append(str(connection.settings_dict["NAME"]))
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            path.unlink(missing_ok=True)
            self.stderr.write(f"pg_dump failed, writing a JSON backup instead: {result.stderr.strip()}")
            return None
        return path

    def _json(self, directory: Path, stamp: str, database: str) -> Path:
        path = self._target(directory, stamp, ".json")
        try:
            dump_json(path, database)
        except Exception:
            path.unlink(missing_ok=True)
            raise
        return path
