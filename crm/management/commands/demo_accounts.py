"""Create the demo accounts README lists: two officers, a manager and an administrator."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from crm import roles

DEMO_PASSWORD = "qingdao-demo-2019"
DEMO_ACCOUNTS = [
    # username, first name, last name, role
    ("officer", "Li", "Na", roles.OFFICER),
    ("officer2", "Zhang", "Wei", roles.OFFICER),
    ("manager", "Wang", "Fang", roles.MANAGER),
    ("admin", "Chen", "Jie", roles.ADMINISTRATOR),
]


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and print their logins. Refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Create them even when DEBUG is off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo accounts have a published password; refusing while DJANGO_DEBUG is off.")
        User = get_user_model()
        for username, first, last, role in DEMO_ACCOUNTS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.org"
            user.is_staff = role == roles.ADMINISTRATOR
            user.is_superuser = role == roles.ADMINISTRATOR
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, first, last, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<10} {role:<14} {first} {last}")
