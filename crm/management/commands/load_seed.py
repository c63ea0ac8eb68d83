"""Load the seed fixtures in fixtures/ (in file-name order). Loading twice changes nothing."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def seed_fixture_files() -> list[Path]:
    return sorted(FIXTURES_DIR.glob("*.json"))


class Command(BaseCommand):
    help = "Load the seed data drawn from the 2019 Qingdao investment brochure."

    def handle(self, *args, **options):
        files = seed_fixture_files()
        if not files:
            self.stdout.write("No seed fixtures found in fixtures/.")
            return
        call_command("loaddata", *[str(f) for f in files], verbosity=options["verbosity"])
