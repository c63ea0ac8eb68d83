"""Load the seed fixtures in fixtures/ (in file-name order) into a database that does not have them yet."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from partners.models import Organization
from projects.activity import last_activity
from projects.models import InvestmentProject
from projects.services import fill_pending_usd

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_DOCUMENT = "000_4c29bc11d0cc8af9.txt"


def seed_fixture_files() -> list[Path]:
    return sorted(FIXTURES_DIR.glob("*.json"))


def seed_is_loaded() -> bool:
    return Organization.objects.filter(provenance__startswith=SEED_DOCUMENT).exists()


class Command(BaseCommand):
    help = (
        "Load the seed data drawn from the 2019 Qingdao investment brochure, with a first history row "
        "for each record. A database that already has it is left alone, so edits are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load again over existing seed records, overwriting any edits made to them since.",
        )

    def handle(self, *args, force=False, **options):
        files = seed_fixture_files()
        if not files:
            self.stdout.write("No seed fixtures found in fixtures/.")
            return
        if seed_is_loaded() and not force:
            self.stdout.write("Seed data is already loaded; nothing changed (--force reloads it over any edits).")
            return
        with transaction.atomic():
            call_command("loaddata", *[str(f) for f in files], verbosity=options["verbosity"])
            # loaddata writes no history; give every seeded record its starting point.
            call_command("populate_history", auto=True, verbosity=0)
            # Reference codes are the CRM's own numbering, not the brochure's: given after loading.
            InvestmentProject.objects.assign_references()
            # Amounts loaded without a USD value get it from the rates loaded with them (15_exchange_rates.json);
            # agreements too, through the filler crm registers.
            fill_pending_usd()
            # Fixtures bypass the services that keep each project's last activity day (moves, meetings).
            InvestmentProject.objects.update(last_activity_on=last_activity())
            # Saves during loading indexed each record; the references above came by bulk update.
            call_command("rebuild_search_index", verbosity=0)
        self.stdout.write(f"Loaded {len(files)} seed fixture files.")
