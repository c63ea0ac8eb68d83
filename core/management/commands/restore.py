"""Restore a backup written by ``manage.py backup``: every record and every history row.

Refuses a database that already holds records unless ``--force`` is given, in which case those
records are replaced. Stop the application servers first: a restore replaces the data under them.
"""

import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction

from core.management.commands.backup import postgres_environment

# Rows that ``migrate`` itself writes: a freshly migrated database holding only these is empty.
SCAFFOLDING = {"contenttypes.contenttype", "auth.permission", "auth.group", "sessions.session"}


def records_present(database: str) -> dict[str, int]:
    """How many rows each model holds, for the models that hold any, leaving out migration scaffolding."""
    connection = connections[database]
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in SCAFFOLDING or model._meta.db_table not in tables or model._meta.auto_created:
            continue
        count = model._base_manager.using(database).count()
        if count:
            counts[str(model._meta.verbose_name_plural)] = count
    return counts


def backup_kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head.startswith(b"PGDMP"):
        return "pg_dump"
    if head.lstrip()[:1] == b"[":
        return "json"
    raise CommandError(f"{path} is not a backup this command knows: expected a .sqlite3, .pgdump or .json file.")


class Command(BaseCommand):
    help = "Restore a backup written by `manage.py backup`. Refuses a non-empty database unless --force."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file (.sqlite3, .pgdump or .json).")
        parser.add_argument(
            "--force", action="store_true", help="Replace whatever the database holds now with the backup."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, path, force=False, database=DEFAULT_DB_ALIAS, **options):
        path = Path(path)
        if not path.is_file():
            raise CommandError(f"No backup file at {path}.")
        kind = backup_kind(path)
        connection = connections[database]

        present = records_present(database)
        if present and not force:
            listed = ", ".join(f"{count} {name}" for name, count in sorted(present.items())[:5])
            more = f" and {len(present) - 5} more kinds" if len(present) > 5 else ""
            raise CommandError(
                f"The database is not empty ({listed}{more}). Restoring would replace these records; "
                "take a backup of them first, then run restore again with --force."
            )

        if kind == "sqlite":
            if connection.vendor != "sqlite":
                raise CommandError(
                    "This is a SQLite backup and the database is PostgreSQL; "
                    "write a portable backup with `manage.py backup --format json` on the SQLite side."
                )
            self._restore_sqlite(path, connection)
        elif kind == "pg_dump":
            if connection.vendor != "postgresql":
                raise CommandError("This is a pg_dump backup; it can only be restored into PostgreSQL.")
            self._restore_pg_dump(path, connection)
        else:
            self._restore_json(path, database)
        ContentType.objects.clear_cache()

        restored = records_present(database)
        total = sum(restored.values())
        self.stdout.write(f"Restored {path}: {total} rows in {len(restored)} tables.")
        self.stdout.write("If the backup is older than this version of the code, run `manage.py migrate` now.")

    def _restore_sqlite(self, path: Path, connection) -> None:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problem = source.execute("PRAGMA integrity_check").fetchone()[0]
            if problem != "ok":
                raise CommandError(f"{path} is damaged ({problem}); nothing was restored.")
            if not source.execute("SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'").fetchone():
                raise CommandError(f"{path} is a SQLite file but not a backup of this product; nothing was restored.")
            connection.close()
            connection.ensure_connection()
            # Page by page, in one step: the database is either the old one or the backup, never half.
            source.backup(connection.connection)
        finally:
            source.close()

    def _restore_pg_dump(self, path: Path, connection) -> None:
        arguments, environment = postgres_environment(connection.settings_dict)
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        command += [*arguments, "--dbname", str(connection.settings_dict["NAME"]), str(path)]
        connection.close()
        result = subprocess.run(command, env=environment, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed and changed nothing: {result.stderr.strip()}")

    def _restore_json(self, path: Path, database: str) -> None:
        if "django_content_type" not in connections[database].introspection.table_names():
            raise CommandError("The database has no tables yet: run `manage.py migrate` first, then restore.")
        # One transaction: empty every table (content types and permissions included, so the
        # backup's own primary keys come back unchanged) and load the backup; any error undoes both.
        try:
            with transaction.atomic(using=database):
                call_command("flush", interactive=False, inhibit_post_migrate=True, database=database, verbosity=0)
                call_command("loaddata", str(path), database=database, verbosity=0)
                # A JSON backup leaves the search index out: it is drawn anew from the records
                # (the index is written through the default database; for another, run the command there).
                if database == DEFAULT_DB_ALIAS:
                    call_command("rebuild_search_index", verbosity=0)
        except (DeserializationError, DatabaseError) as error:
            reason = str(error.__cause__ or error).strip().splitlines()[0][:300]
            raise CommandError(f"{path} could not be restored ({reason}); nothing was changed.") from None
