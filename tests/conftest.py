"""Shared test data: the three personas and small factories with readable defaults."""

import itertools
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import translation

from crm import roles
from crm.models import Agreement, AgreementParty, Delegation, FollowUp, Meeting
from partners.models import Contact, Country, Organization, Sector
from projects.models import ExchangeRate, InvestmentProject, Park

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no API throttle counts, no dashboard figures of another test."""
    cache.clear()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that renders a Chinese page leaves its thread in Chinese; the next test starts in English."""
    yield
    translation.activate("en")


def make_user(username: str, role: str | None, **extra):
    user = get_user_model().objects.create_user(username=username, password="a-long-test-password", **extra)
    if role:
        if not Group.objects.filter(name=role).exists():
            # A transactional test before this one flushed the tables, groups from the data migration included.
            roles.sync_roles(Group, Permission)
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def owner(db):
    """The officer who owns the records under test."""
    return make_user("owner", roles.OFFICER, first_name="Li", last_name="Na")


@pytest.fixture
def other_officer(db):
    return make_user("other", roles.OFFICER, first_name="Zhang", last_name="Wei")


@pytest.fixture
def manager(db):
    return make_user("boss", roles.MANAGER, first_name="Wang", last_name="Fang")


@pytest.fixture
def admin_user(db):
    return make_user("root", None, is_staff=True, is_superuser=True)


@pytest.fixture
def no_role(db):
    """A signed-in user in no group: an account an administrator has not yet given a role."""
    return make_user("nobody", None, first_name="Zhao", last_name="Lei")


def make_country(code="DE", name="Germany", **extra) -> Country:
    return Country.objects.get_or_create(code=code, defaults={"name": name, **extra})[0]


def make_sector(code="manufacturing", name="Advanced manufacturing") -> Sector:
    return Sector.objects.get_or_create(code=code, defaults={"name": name})[0]


def make_park(code="sino-german-eco-park", name="Sino-German Eco-Park", **extra) -> Park:
    return Park.objects.get_or_create(code=code, defaults={"name": name, "district": "huangdao", **extra})[0]


def make_organization(name=None, **extra) -> Organization:
    extra.setdefault("country", make_country())
    return Organization.objects.create(name=name or f"Organization {next(_counter)}", **extra)


def make_contact(name=None, **extra) -> Contact:
    extra.setdefault("organization", make_organization())
    return Contact.objects.create(name=name or f"Person {next(_counter)}", **extra)


def make_project(name=None, **extra) -> InvestmentProject:
    return InvestmentProject.objects.create(name=name or f"Project {next(_counter)}", **extra)


def make_gated_project(officer, **extra) -> InvestmentProject:
    """A project with everything the contracted gate asks for."""
    fields = {
        "investor": make_organization(),
        "sector": make_sector(),
        "park": make_park(),
        "contracted_amount": 100_000_000,
        "currency": "USD",
        "usd_rate": 1,
        "contracted_usd": 100_000_000,
        "stage": "intent",
        "officer": officer,
    }
    fields.update(extra)
    return make_project(**fields)


def make_delegation(title=None, **extra) -> Delegation:
    extra.setdefault("direction", Delegation.Direction.OUTBOUND)
    extra.setdefault("start_date", date(2019, 6, 2))
    extra.setdefault("end_date", date(2019, 6, 7))
    return Delegation.objects.create(title=title or f"Delegation {next(_counter)}", **extra)


def make_meeting(title=None, **extra) -> Meeting:
    extra.setdefault("date", date(2019, 6, 3))
    return Meeting.objects.create(title=title or f"Meeting {next(_counter)}", **extra)


def make_agreement(title=None, parties=(), **extra) -> Agreement:
    extra.setdefault("kind", Agreement.Kind.MOU)
    extra.setdefault("signed_on", date(2019, 6, 2))
    agreement = Agreement.objects.create(title=title or f"Agreement {next(_counter)}", **extra)
    for organization, side in parties:
        AgreementParty.objects.create(agreement=agreement, organization=organization, side=side)
    return agreement


def make_follow_up(owner, title=None, **extra) -> FollowUp:
    extra.setdefault("due_on", date.today() + timedelta(days=7))
    if not any(extra.get(name) for name in FollowUp.CONCERNS):
        extra["organization"] = make_organization()
    return FollowUp.objects.create(title=title or f"Follow-up {next(_counter)}", owner=owner, **extra)


def make_rate(currency="EUR", usd_per_unit="1.12", valid_on=date(2019, 6, 3)) -> ExchangeRate:
    return ExchangeRate.objects.create(
        currency=currency, usd_per_unit=usd_per_unit, valid_on=valid_on, source="Test rate"
    )
