"""Rewrite the global search index from the records themselves."""

from django.core.management.base import BaseCommand

from core.search import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the global search index: every registered record's entry is written anew, in batches, "
        "and entries of deleted records are removed. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="Records written per transaction.")

    def handle(self, *args, batch_size=1000, **options):
        if batch_size < 1:
            self.stderr.write("--batch-size must be at least 1.")
            return
        log = self.stdout.write if options["verbosity"] > 1 else None
        total = rebuild(batch_size=batch_size, log=log)
        if options["verbosity"]:
            self.stdout.write(f"Indexed {total} records for search.")
