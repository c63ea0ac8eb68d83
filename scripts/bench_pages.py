"""How fast are the pages, how many queries do they run and how much memory do they take, at scale?

Creates a throwaway database (SQLite in a temporary directory; with ``DATABASE_URL`` naming a
PostgreSQL server, a new database on that server, dropped at the end), runs the migrations and
fills it with the records a city bureau gathers over years (``--scale 1``: 3,000 organizations,
6,000 contacts, 2,000 projects with three stage changes each and capital inflows, 600 delegations,
4,000 meetings, 1,500 agreements with two parties each, 10,000 follow-ups; three officers and a
manager). Then, signed in as an officer and as a manager through Django's test client, it requests
every list page, the dashboard, My work, typical filtered, sorted and searched lists, the lookups
behind the forms' choice boxes, the busiest detail pages and the daily forms, each several times,
and prints per page: status, queries, median and slowest milliseconds, response size and the memory
Python allocated while serving it; then the process's peak memory. Figures beside targets; a miss
is marked.

    .venv/bin/python scripts/bench_pages.py [--scale 1] [--runs 5] [--quick] [--seed 1] [--markdown]

Prints figures rather than asserting them: timings depend on the machine. Exits 1 only when a
page answers with a status it should not (a server error, a refusal where a page was expected).
The data is generated in a child process, so the peak memory reported for the page runs is that
of a process that only serves pages, as a web worker does.
"""

import argparse
import logging
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from contextlib import ExitStack
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

TARGET_MEDIAN_MS = 300
TARGET_QUERIES = 30
TARGET_PEAK_MB = 300
MIN_RUNS = 3
RUN_BUDGET_SECONDS = 1.0

# What --scale 1 generates: a city bureau after several years of work.
DEFAULT_COUNTS = {
    "organizations": 3000,
    "contacts": 6000,
    "projects": 2000,
    "delegations": 600,
    "meetings": 4000,
    "agreements": 1500,
    "follow_ups": 10000,
    "events": 150,
}
STAGE_CHANGES_PER_PROJECT = 3
CONFIDENTIAL_SHARE = 0.05
YEARS_OF_DATA = 6
BATCH = 5000  # the database backend lowers it to what one statement may carry
PAGE_SIZE = 25  # the lists' default


# ---------------------------------------------------------------------------------------------
# Environment and the throwaway database
# ---------------------------------------------------------------------------------------------


def bench_environment(database_url: str) -> dict:
    """The settings the benchmark runs with: production-like (DEBUG off), its own database."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="crm.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # 403s are part of the run; do not print a warning for each.
        DJANGO_LOG_LEVEL="ERROR",
    )
    return env


class PostgresScratch:
    """A database created for the run on the server ``DATABASE_URL`` names, dropped afterwards."""

    def __init__(self, url: str, reuse: str = ""):
        import dj_database_url

        self.url = url
        self.config = dj_database_url.parse(url)
        # With --reuse, a database of that name is kept for the next run instead of dropped.
        self.name = reuse or f"crm_bench_{secrets.token_hex(4)}"
        self.keep = bool(reuse)

    def _admin_connection(self):
        import psycopg

        config = self.config
        return psycopg.connect(
            dbname=config["NAME"],
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
            autocommit=True,
        )

    def __enter__(self) -> str:
        import psycopg

        try:
            with self._admin_connection() as connection:
                found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone()
                if not found:
                    connection.execute(f'CREATE DATABASE "{self.name}"')
        except psycopg.Error as error:
            raise SystemExit(
                "Could not create a scratch database on the server DATABASE_URL names "
                f"(is it running, and may its user create databases?): {error}"
            ) from None
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path="/" + self.name))

    def __exit__(self, *exc):
        from django.apps import apps

        if apps.ready:
            from django.db import connections

            connections.close_all()
        if self.keep:
            return
        with self._admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# ---------------------------------------------------------------------------------------------
# Data generation (runs in a child process)
# ---------------------------------------------------------------------------------------------


def items(text: str) -> list[str]:
    """The entries of a ";"-separated list written across lines."""
    return [entry.strip() for entry in text.split(";")]


# Code, name, weight: how often a partner comes from there (Qingdao's partners are skewed to a few).
COUNTRIES = [
    (code, name, int(weight))
    for code, name, weight in (
        entry.split(":")
        for entry in items(
            """CN:China:0; KR:South Korea:30; JP:Japan:22; DE:Germany:20; US:United States:14;
        HK:Hong Kong:12; SG:Singapore:8; IL:Israel:7; GB:United Kingdom:6; FR:France:5; NL:Netherlands:4;
        IT:Italy:4; CH:Switzerland:3; AT:Austria:3; RU:Russia:4; KZ:Kazakhstan:2; UZ:Uzbekistan:2;
        PK:Pakistan:2; IN:India:2; AU:Australia:3; CA:Canada:2; SE:Sweden:2; FI:Finland:2; DK:Denmark:2;
        NO:Norway:1; ES:Spain:2; BE:Belgium:1; PL:Poland:1; CZ:Czechia:1; MY:Malaysia:2; TH:Thailand:2;
        VN:Viet Nam:2; ID:Indonesia:1; AE:United Arab Emirates:2; SA:Saudi Arabia:1; BR:Brazil:1;
        ZA:South Africa:1; NZ:New Zealand:1; MN:Mongolia:1; BY:Belarus:1"""
        )
    )
]
GROUPS = {
    "sco": ("SCO member", {"CN", "RU", "KZ", "UZ", "PK", "IN", "BY"}),
    "eu": ("European Union", {"DE", "FR", "NL", "IT", "AT", "SE", "FI", "DK", "ES", "BE", "PL", "CZ"}),
    "rcep": ("RCEP", {"CN", "KR", "JP", "SG", "AU", "NZ", "MY", "TH", "VN", "ID"}),
    "bri": ("Belt and Road", {"KZ", "UZ", "PK", "MY", "TH", "VN", "ID", "AE", "SA", "MN", "BY", "PL", "CZ"}),
}
SECTORS = items(
    """Advanced manufacturing; Marine economy; Port and logistics; New energy; Hydrogen; Biomedicine;
    Healthcare; Information technology; Integrated circuits; Finance; Home appliances; Automotive; Rail transit;
    Food and beverages; Textiles and apparel; Modern services; Education; Tourism"""
)
PARKS = [
    ("sino-german-eco-park", "Sino-German Eco-Park", "huangdao"),
    ("qingdao-israel-park", "Qingdao-Israel Innovation Park", "chengyang"),
    ("sco-demonstration-zone", "China-SCO Local Economic and Trade Demonstration Zone", "jiaozhou"),
    ("oceantec-valley", "Blue Silicon Valley (Oceantec Valley)", "jimo"),
    ("west-coast-new-area", "West Coast New Area", "huangdao"),
    ("high-tech-zone", "Qingdao High-Tech Zone", "chengyang"),
    ("free-trade-zone", "Shandong Pilot Free Trade Zone, Qingdao Area", "huangdao"),
    ("sino-japan-park", "Sino-Japan Innovation Cooperation Park", "chengyang"),
    ("sino-korea-park", "China-Korea Innovation Industrial Park", "chengyang"),
    ("laoshan-finance", "Laoshan Financial District", "laoshan"),
    ("jiaodong-airport-zone", "Jiaodong Airport Economic Zone", "jiaozhou"),
    ("pingdu-industrial", "Pingdu Industrial Park", "pingdu"),
]
# USD per unit, round figures: the pages show amounts, they do not check rates.
RATES = dict(
    pair.split("=")
    for pair in "USD=1 CNY=0.142 EUR=1.09 KRW=0.00076 JPY=0.0069 HKD=0.128 GBP=1.27 ILS=0.27 SGD=0.74".split()
)
CURRENCY_OF = {"KR": "KRW", "JP": "JPY", "DE": "EUR", "FR": "EUR", "NL": "EUR", "IT": "EUR", "HK": "HKD"}
CURRENCY_OF.update({"GB": "GBP", "IL": "ILS", "SG": "SGD", "AT": "EUR", "ES": "EUR", "FI": "EUR", "BE": "EUR"})
NAME_WORDS = """Ocean Blue Harbour Port Marine Hydrogen Solar Wind Logistics Precision Medical Bio Digital Smart
    Green Rail Motor Steel Food Textile Capital Silicon Robotics Chemical""".split()
NAME_ENDINGS = ["Group", "Holdings", "Technologies", "Industries", "Co., Ltd.", "GmbH", "AG", "Corporation"]
QINGDAO_BODIES = items(
    """Qingdao Municipal Bureau of Commerce; Qingdao Port Group; Qingdao Investment Promotion Centre;
    Huangdao District Government; Jimo District Government; Chengyang District Government;
    Laoshan District Government; Jiaozhou City Government; Sino-German Eco-Park Management Committee;
    Qingdao High-Tech Zone Management Committee; West Coast New Area Management Committee;
    Qingdao Municipal People's Government; Qingdao Council for the Promotion of International Trade;
    Qingdao Urban Investment Group; Qingdao Conson Development Group; Haier Group; Hisense Group;
    Tsingtao Brewery; CRRC Qingdao Sifang; Ocean University of China"""
)
FIRST_NAMES = ["Anna", "Jonas", "Min-jun", "Hiroshi", "Sarah", "David", "Yael", "Pierre", "Ji-woo", "Kenji"]
FIRST_NAMES += ["Maria", "Thomas", "Olga", "Aliya", "Rahul", "Emma", "Lukas", "Noa", "Wei", "Fang"]
LAST_NAMES = ["Schmidt", "Kim", "Tanaka", "Cohen", "Martin", "Smith", "Lee", "Park", "Sato", "Levi"]
LAST_NAMES += ["Müller", "Ivanova", "Nurlanov", "Sharma", "Rossi", "Jansen", "Wang", "Li", "Zhang", "Chen"]
TITLES = ["Chief Executive", "Managing Director", "Head of Asia", "Vice President", "Chairman", "Consul", "Director"]


def zipf_weights(count: int, exponent: float = 0.9) -> list[float]:
    """A few records take much of the activity, as the biggest partners do; cumulative weights.

    Cumulative, so that each draw is a binary search (``random.choices(cum_weights=...)``) rather
    than a new sum over hundreds of thousands of weights: the same draws, without the quadratic cost.
    """
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


class Generator:
    """Fills an empty, migrated database with a bureau's years of records, through ``bulk_create``."""

    def __init__(self, scale: float, seed: int):
        self.rng = random.Random(seed)
        self.counts = {name: max(1, round(count * scale)) for name, count in DEFAULT_COUNTS.items()}
        from django.utils import timezone

        self.now = timezone.now()
        self.today = timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.made: dict[str, int] = {}
        self.keep_given_dates()

    @staticmethod
    def keep_given_dates() -> None:
        """Let records be inserted with past creation dates (this process only inserts)."""
        from django.apps import apps

        from core.models import Record

        for model in apps.get_models():
            if issubclass(model, Record):
                model._meta.get_field("created_at").auto_now_add = False
                model._meta.get_field("updated_at").auto_now = False

    # -- small helpers --------------------------------------------------------------------------

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def moment(self, day: date) -> datetime:
        return datetime.combine(day, clock(self.rng.randint(8, 18), self.rng.randint(0, 59)), tzinfo=self.tz)

    def some(self, items, low: int, high: int, weights=None, cum_weights=None) -> list:
        """Between ``low`` and ``high`` distinct items, drawn by ``weights`` (or cumulative ones)."""
        wanted = self.rng.randint(low, high)
        chosen = []
        for item in self.rng.choices(items, weights=weights, cum_weights=cum_weights, k=wanted * 3):
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == wanted:
                break
        return chosen

    def insert(self, model, objects: list, with_history: bool = False) -> list:
        """Bulk-insert ``objects``; with a history row each when a measured page reads history."""
        from simple_history.utils import bulk_create_with_history

        for obj in objects:
            # Records carry the dates years of use give them; auto_now is switched off in __init__.
            if hasattr(obj, "created_at"):
                obj.created_at = obj.created_at or self.now
                obj.updated_at = obj.updated_at or obj.created_at
        if with_history:
            created = bulk_create_with_history(objects, model, batch_size=BATCH)
        else:
            created = model.objects.bulk_create(objects, batch_size=BATCH)
        self.made[model._meta.verbose_name_plural] = len(created)
        return created

    def link(self, relation, pairs: list[tuple[int, int]], label: str) -> None:
        """Fill a many-to-many table from (source id, target id) pairs."""
        through = relation.through
        source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
        rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=BATCH * 4)
        self.made[label] = len(rows)

    # -- the records ----------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        from django.db import transaction

        with transaction.atomic():
            self.people()
            self.reference()
            self.organizations()
            self.contacts()
            self.projects()
            self.events()
            self.delegations()
            self.meetings()
            self.agreements()
            self.follow_ups()
        return self.made

    def people(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from crm import roles

        users = get_user_model()
        names = [("officer1", "Li", "Na"), ("officer2", "Zhang", "Wei"), ("officer3", "Liu", "Yang")]
        self.officers = []
        for username, first, last in names:
            user = users.objects.create_user(username, first_name=first, last_name=last, password=None)
            user.groups.add(Group.objects.get(name=roles.OFFICER))
            self.officers.append(user)
        self.manager = users.objects.create_user("manager", first_name="Wang", last_name="Fang", password=None)
        self.manager.groups.add(Group.objects.get(name=roles.MANAGER))
        self.staff = [*self.officers, self.manager]

    def reference(self):
        from partners.models import Country, CountryGroup, Sector
        from projects.models import ExchangeRate, Park

        groups = self.insert(CountryGroup, [CountryGroup(code=code, name=name) for code, (name, _) in GROUPS.items()])
        self.countries = self.insert(Country, [Country(code=code, name=name) for code, name, _ in COUNTRIES])
        by_code = {country.code: country for country in self.countries}
        pairs = [(by_code[code].pk, group.pk) for group in groups for code in GROUPS[group.code][1]]
        self.link(Country.groups, pairs, "country group links")
        self.china = by_code["CN"]
        self.partner_countries = [country for country in self.countries if country.code != "CN"]
        self.country_weights = [weight for code, _, weight in COUNTRIES if code != "CN"]
        self.sectors = self.insert(Sector, [Sector(code=f"s{index}", name=name) for index, name in enumerate(SECTORS)])
        self.parks = self.insert(
            Park, [Park(code=code, name=name, district=district) for code, name, district in PARKS]
        )
        rates = []
        for currency, value in RATES.items():
            for years_back in range(YEARS_OF_DATA + 1):
                rates.append(
                    ExchangeRate(
                        currency=currency,
                        valid_on=date(self.today.year - years_back, 1, 1),
                        usd_per_unit=Decimal(value),
                        source="Synthetic benchmark rate",
                    )
                )
        self.insert(ExchangeRate, rates)

    def organizations(self):
        from partners.models import Organization

        count = self.counts["organizations"]
        rows = [
            Organization(name=name, kind=Organization.Kind.GOVERNMENT, country=self.china, city="Qingdao")
            for name in QINGDAO_BODIES
        ]
        kinds = [kind for kind, _ in Organization.Kind.choices]
        kind_weights = [60, 4, 5, 8, 6, 5, 6, 2, 4]
        for index in range(max(0, count - len(rows))):
            country = self.rng.choices(self.partner_countries, weights=self.country_weights)[0]
            first, second = self.rng.sample(NAME_WORDS, 2)
            rows.append(
                Organization(
                    name=f"{first} {second} {self.rng.choice(NAME_ENDINGS)} {index + 1}",
                    kind=self.rng.choices(kinds, weights=kind_weights)[0],
                    country=country,
                    city=f"City {self.rng.randint(1, 40)}",
                    sector=self.rng.choice(self.sectors),
                    website=f"https://example-{index + 1}.example.com",
                    notes="Met at a promotion event; interested in a Qingdao base." if index % 3 == 0 else "",
                    is_archived=self.rng.random() < 0.02,
                    created_at=self.moment(self.days_ago(0, 365 * YEARS_OF_DATA)),
                )
            )
        self.orgs = self.insert(Organization, rows)
        self.qingdao_orgs = self.orgs[: len(QINGDAO_BODIES)]
        # Busy partners first: ranks decide how often an organization is met, invests or signs.
        self.partners = self.orgs[len(QINGDAO_BODIES) :]
        self.rng.shuffle(self.partners)
        self.partner_weights = zipf_weights(len(self.partners))
        subsidiaries = [org for org in self.partners[200:] if self.rng.random() < 0.1]
        for org in subsidiaries:
            org.parent = self.rng.choice(self.partners[:200])
        Organization.objects.bulk_update(subsidiaries, ["parent"], batch_size=BATCH)

    def contacts(self):
        from partners.models import Contact

        rows = []
        count = self.counts["contacts"]
        for index in range(count):
            org = self.orgs[index % len(self.orgs)] if index < len(self.orgs) else self.pick_partner()
            rows.append(
                Contact(
                    organization=org,
                    name=f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {index + 1}",
                    title=self.rng.choice(TITLES),
                    email=f"person{index + 1}@example.com",
                    phone=f"+00 {self.rng.randint(1000000, 9999999)}",
                    created_at=self.moment(self.days_ago(0, 365 * YEARS_OF_DATA)),
                )
            )
        self.people_met = self.insert(Contact, rows)
        self.contacts_of: dict[int, list] = {}
        for contact in self.people_met:
            self.contacts_of.setdefault(contact.organization_id, []).append(contact)

    def pick_partner(self):
        return self.rng.choices(self.partners, cum_weights=self.partner_weights)[0]

    def projects(self):
        from projects.models import CapitalInflow, InvestmentProject, Stage, StageChange, Status

        stages = [value for value, _ in Stage.choices]
        stage_weights = [25, 20, 20, 12, 8, 7, 8]
        statuses = [Status.ACTIVE, Status.ON_HOLD, Status.LOST, Status.WITHDRAWN]
        status_weights = [75, 10, 10, 5]
        types = [value for value, _ in InvestmentProject.Type.choices]
        rows = []
        for index in range(self.counts["projects"]):
            stage = self.rng.choices(stages, weights=stage_weights)[0]
            status = self.rng.choices(statuses, weights=status_weights)[0]
            investor = self.pick_partner()
            signed = Stage.position(stage) >= Stage.position(Stage.INTENT)
            gated = Stage.position(stage) >= Stage.position(Stage.CONTRACTED)
            currency = CURRENCY_OF.get(self.country_code(investor.country_id), "USD")
            rate = Decimal(RATES[currency])
            amount = Decimal(self.rng.randint(5, 2000)) * Decimal(1_000_000) / (rate if rate < 1 else 1)
            amount = amount.quantize(Decimal(1))
            first_day = self.days_ago(90, 365 * YEARS_OF_DATA)
            project = InvestmentProject(
                name=f"{investor.name.split(' ')[0]} {self.rng.choice(NAME_WORDS)} project {index + 1}",
                investor=investor,
                origin_country_id=investor.country_id,
                sector=self.rng.choice(self.sectors) if gated or self.rng.random() < 0.8 else None,
                park=self.rng.choice(self.parks) if gated or self.rng.random() < 0.6 else None,
                district=self.rng.choice(PARKS)[2],
                project_type=self.rng.choices(types, weights=[40, 15, 15, 8, 6, 6, 10])[0],
                stage=stage,
                status=status,
                lost_reason="The investor chose another location." if status in (Status.LOST, Status.WITHDRAWN) else "",
                lost_to="Shanghai" if status == Status.LOST and index % 2 else "",
                officer=self.officers[index % len(self.officers)],
                is_confidential=self.rng.random() < CONFIDENTIAL_SHARE,
                description="A synthetic project for the page benchmark; " * 3,
                planned_jobs=self.rng.randint(20, 2000),
                actual_jobs=self.rng.randint(0, 500) if gated else None,
                contracted_amount=amount if signed else None,
                currency=currency if signed else "",
                usd_rate=rate if signed else None,
                contracted_usd=(amount * rate).quantize(Decimal("0.01")) if signed else None,
                signed_on=first_day + timedelta(days=60) if signed else None,
                is_archived=self.rng.random() < 0.02,
                created_at=self.moment(first_day),
            )
            rows.append(project)
        # The record history page of a project is measured, so projects get their history rows.
        self.projects_made = self.insert(InvestmentProject, rows, with_history=True)
        self.project_weights = zipf_weights(len(self.projects_made), 0.7)

        changes, inflows = [], []
        for project in self.projects_made:
            final = Stage.position(project.stage)
            path = sorted(self.rng.sample(range(final + 1), min(final + 1, STAGE_CHANGES_PER_PROJECT)))
            while len(path) < STAGE_CHANGES_PER_PROJECT:
                path.append(final)
            day = project.created_at.date()
            previous_stage, previous_status = "", ""
            for step, position in enumerate(path):
                last = step == len(path) - 1
                status = project.status if last else Status.ACTIVE
                span = max(1, (self.today - day).days)
                day = day + timedelta(days=self.rng.randint(1, max(1, span // 2)))
                changes.append(
                    StageChange(
                        project=project,
                        from_stage=previous_stage,
                        to_stage=stages[position],
                        from_status=previous_status,
                        to_status=status,
                        occurred_on=min(day, self.today),
                        changed_at=self.moment(min(day, self.today)),
                        changed_by=project.officer,
                        note="Moved after the investor confirmed." if step else "Recorded.",
                    )
                )
                previous_stage, previous_status = stages[position], status
            if final >= Stage.position(Stage.REGISTERED):
                for _ in range(self.rng.randint(1, 3)):
                    share = Decimal(self.rng.randint(5, 30)) / 100
                    amount = (project.contracted_amount * share).quantize(Decimal(1))
                    inflows.append(
                        CapitalInflow(
                            project=project,
                            received_on=self.days_ago(0, 900),
                            amount=amount,
                            currency=project.currency,
                            usd_rate=project.usd_rate,
                            amount_usd=(amount * project.usd_rate).quantize(Decimal("0.01")),
                        )
                    )
        self.insert(StageChange, changes)
        self.insert(CapitalInflow, inflows)

    def country_code(self, country_id: int) -> str:
        if not hasattr(self, "_codes"):
            self._codes = {country.pk: country.code for country in self.countries}
        return self._codes[country_id]

    def events(self):
        from crm.models import Event

        kinds = [value for value, _ in Event.Kind.choices]
        rows = []
        for index in range(self.counts["events"]):
            start = self.days_ago(0, 365 * YEARS_OF_DATA)
            country = self.rng.choices(self.partner_countries, weights=self.country_weights)[0]
            rows.append(
                Event(
                    name=f"Qingdao promotion {index + 1} in {country.name}",
                    kind=self.rng.choice(kinds),
                    start_date=start,
                    end_date=start + timedelta(days=self.rng.randint(0, 4)),
                    place=f"City {self.rng.randint(1, 40)}",
                    country=country,
                    description="Promotion of Qingdao's parks to investors.",
                    created_at=self.moment(min(start, self.today)),
                )
            )
        self.events_made = self.insert(Event, rows)
        pairs = [(event.pk, org.pk) for event in self.events_made for org in self.some(self.qingdao_orgs, 1, 2)]
        self.link(Event.organizers, pairs, "event organizers")

    def delegations(self):
        from crm.models import Delegation

        rows = []
        for index in range(self.counts["delegations"]):
            start = self.days_ago(-60, 365 * YEARS_OF_DATA)
            end = start + timedelta(days=self.rng.randint(1, 8))
            if start > self.today:
                status = Delegation.Status.PLANNED
            elif end >= self.today:
                status = Delegation.Status.UNDERWAY
            else:
                status = Delegation.Status.REPORTED if self.rng.random() < 0.85 else Delegation.Status.RETURNED
            leader_org = self.pick_partner() if index % 2 else self.rng.choice(self.qingdao_orgs)
            rows.append(
                Delegation(
                    title=f"Delegation {index + 1} to {self.rng.choice(self.partner_countries).name}",
                    direction=Delegation.Direction.INBOUND if index % 2 else Delegation.Direction.OUTBOUND,
                    leader=self.rng.choice(self.contacts_of.get(leader_org.pk) or self.people_met),
                    officer=self.officers[index % len(self.officers)],
                    cities=f"City {self.rng.randint(1, 40)}, City {self.rng.randint(1, 40)}",
                    start_date=start,
                    end_date=end,
                    purpose="Meet investors, visit parks, sign agreements.",
                    event=self.rng.choice(self.events_made) if self.rng.random() < 0.3 else None,
                    status=status,
                    report="Met the partners; next steps agreed." if status == Delegation.Status.REPORTED else "",
                    reported_on=end + timedelta(days=10) if status == Delegation.Status.REPORTED else None,
                    created_at=self.moment(min(start, self.today)),
                )
            )
        self.delegations_made = self.insert(Delegation, rows)
        self.delegation_weights = zipf_weights(len(self.delegations_made), 0.5)
        members, organizations, countries = [], [], []
        for delegation in self.delegations_made:
            members += [(delegation.pk, c.pk) for c in self.some(self.people_met, 2, 4)]
            organizations += [
                (delegation.pk, o.pk) for o in self.some(self.partners, 1, 3, cum_weights=self.partner_weights)
            ]
            countries += [(delegation.pk, c.pk) for c in self.some(self.partner_countries, 1, 2, self.country_weights)]
        self.link(Delegation.members, members, "delegation members")
        self.link(Delegation.organizations, organizations, "delegation organizations")
        self.link(Delegation.countries, countries, "delegation countries")

    def meetings(self):
        from crm.models import Meeting

        kinds = [value for value, _ in Meeting.Kind.choices]
        rows = []
        for index in range(self.counts["meetings"]):
            delegation = None
            if self.rng.random() < 0.4:
                delegation = self.rng.choices(self.delegations_made, cum_weights=self.delegation_weights)[0]
                day = delegation.start_date
            else:
                day = self.days_ago(0, 365 * YEARS_OF_DATA)
            project = None
            if self.rng.random() < 0.6:
                project = self.rng.choices(self.projects_made, cum_weights=self.project_weights)[0]
            rows.append(
                Meeting(
                    title=f"Meeting {index + 1} on {self.rng.choice(NAME_WORDS).lower()} cooperation",
                    kind=self.rng.choices(kinds, weights=[60, 10, 15, 5, 10])[0],
                    date=day,
                    place=f"City {self.rng.randint(1, 40)}",
                    delegation=delegation,
                    event=self.rng.choice(self.events_made) if self.rng.random() < 0.15 else None,
                    project=project,
                    summary="Discussed the investment plan, land, incentives and the timetable.",
                    outcome="Agreed to exchange a draft MOU." if index % 4 == 0 else "",
                    created_at=self.moment(day),
                )
            )
        self.meetings_made = self.insert(Meeting, rows)
        organizations, contacts, officers = [], [], []
        for meeting in self.meetings_made:
            met = (
                [meeting.project.investor]
                if meeting.project and meeting.project.investor
                else self.some(self.partners, 1, 2, cum_weights=self.partner_weights)
            )
            organizations += [(meeting.pk, org.pk) for org in met]
            for org in met:
                people = self.contacts_of.get(org.pk, [])
                contacts += [(meeting.pk, person.pk) for person in people[:2]]
            officers += [(meeting.pk, user.pk) for user in self.some(self.officers, 1, 2)]
        self.link(Meeting.organizations, organizations, "meeting organizations")
        self.link(Meeting.contacts, contacts, "meeting contacts")
        self.link(Meeting.officers, officers, "meeting officers")

    def agreements(self):
        from crm.models import Agreement, AgreementParty

        kinds = [value for value, _ in Agreement.Kind.choices]
        kind_weights = [15, 35, 10, 10, 3, 15, 7, 3, 2]
        statuses = [value for value, _ in Agreement.Status.choices]
        rows = []
        for index in range(self.counts["agreements"]):
            kind = self.rng.choices(kinds, weights=kind_weights)[0]
            signed = self.days_ago(0, 365 * YEARS_OF_DATA)
            amount = Decimal(self.rng.randint(1, 500)) * Decimal(1_000_000) if self.rng.random() < 0.5 else None
            rows.append(
                Agreement(
                    title=f"{Agreement.Kind(kind).label} {index + 1}",
                    kind=kind,
                    is_binding=kind == Agreement.Kind.INVESTMENT_CONTRACT,
                    signed_on=signed,
                    place="Qingdao" if index % 2 else f"City {self.rng.randint(1, 40)}",
                    delegation=self.rng.choice(self.delegations_made) if self.rng.random() < 0.3 else None,
                    meeting=self.rng.choice(self.meetings_made) if self.rng.random() < 0.2 else None,
                    amount=amount,
                    currency="USD" if amount else "",
                    usd_rate=Decimal(1) if amount else None,
                    amount_usd=amount,
                    status=self.rng.choices(statuses, weights=[3, 50, 25, 10, 8, 4])[0],
                    expires_on=signed + timedelta(days=365 * 3) if index % 3 == 0 else None,
                    description="Both sides agree to cooperate on the project named in the title.",
                    created_at=self.moment(signed),
                )
            )
        self.agreements_made = self.insert(Agreement, rows)
        parties = []
        for agreement in self.agreements_made:
            partner = self.pick_partner()
            parties.append(
                AgreementParty(agreement=agreement, organization=self.rng.choice(self.qingdao_orgs), side="qingdao")
            )
            people = self.contacts_of.get(partner.pk) or [None]
            parties.append(
                AgreementParty(agreement=agreement, organization=partner, side="partner", signatory=people[0])
            )
        self.insert(AgreementParty, parties)
        produced = [
            (agreement.pk, self.rng.choices(self.projects_made, cum_weights=self.project_weights)[0].pk)
            for agreement in self.agreements_made
            if self.rng.random() < 0.5
        ]
        self.link(Agreement.projects, produced, "agreement projects")

    def follow_ups(self):
        from crm.models import FollowUp

        priorities = [value for value, _ in FollowUp.Priority.choices]
        concerns = {
            "project": lambda: self.rng.choices(self.projects_made, cum_weights=self.project_weights)[0],
            "agreement": lambda: self.rng.choice(self.agreements_made),
            "delegation": lambda: self.rng.choices(self.delegations_made, cum_weights=self.delegation_weights)[0],
            "meeting": lambda: self.rng.choice(self.meetings_made),
            "organization": self.pick_partner,
        }
        rows = []
        for index in range(self.counts["follow_ups"]):
            owner = self.rng.choice(self.staff)
            roll = self.rng.random()
            if roll < 0.25:
                status = FollowUp.Status.OPEN
                # Of the open ones, a third are past due: the list managers chase.
                due = self.days_ago(1, 400) if self.rng.random() < 1 / 3 else self.days_ago(-120, 0)
            else:
                status = FollowUp.Status.DONE if roll < 0.95 else FollowUp.Status.CANCELLED
                due = self.days_ago(1, 365 * YEARS_OF_DATA)
            concern = self.rng.choices(list(concerns), [35, 20, 10, 20, 15])[0]
            done = status == FollowUp.Status.DONE
            rows.append(
                FollowUp(
                    title=f"Send the {self.rng.choice(NAME_WORDS).lower()} proposal, item {index + 1}",
                    description="Promised during the meeting." if index % 2 else "",
                    owner=owner,
                    due_on=due,
                    priority=self.rng.choices(priorities, weights=[20, 60, 20])[0],
                    status=status,
                    completed_at=self.moment(due) if done else None,
                    completed_by=owner if done else None,
                    created_at=self.moment(min(self.today, due - timedelta(days=self.rng.randint(7, 60)))),
                    **{concern: concerns[concern]()},
                )
            )
        self.insert(FollowUp, rows)


def generate(args) -> None:
    """Child process: migrate the database; fill it unless it holds a reused data set; ANALYZE it."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    from projects.models import InvestmentProject

    if InvestmentProject.objects.exists():
        print(f"Migrations: {migrated - started:.1f} s. Data: reused ({InvestmentProject.objects.count():,} projects).")
    else:
        if connection.vendor == "sqlite":
            # A throwaway file: no journal and no fsync while it is filled (one transaction anyway).
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=MEMORY")
                cursor.execute("PRAGMA synchronous=OFF")
        made = Generator(args.scale, args.seed).run()
        done = time.perf_counter()
        print(f"Migrations: {migrated - started:.1f} s. Data: {done - migrated:.1f} s.")
        print("Records: " + ", ".join(f"{count:,} {label}" for label, count in made.items()))
    # The planner's statistics: without them SQLite guesses and can pick a scan over an index.
    begin = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE: {time.perf_counter() - begin:.1f} s.")


# ---------------------------------------------------------------------------------------------
# Page runs (in this process)
# ---------------------------------------------------------------------------------------------


class Page:
    """One URL requested as one user, and what the requests measured."""

    def __init__(self, label: str, url: str, as_role: str, expected: int = 200):
        self.label, self.url, self.as_role, self.expected = label, url, as_role, expected
        self.status = 0
        self.queries = 0
        self.times_ms: list[float] = []
        # CPU time of this process: with SQLite in the process, the page's own work, whatever else runs.
        self.cpu_ms: list[float] = []
        self.size_kb = 0.0
        self.alloc_mb = 0.0  # measured once per URL, as the first user who requests it

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)

    def misses(self) -> list[str]:
        if self.expected != 200:
            return []
        found = []
        if self.median_ms >= TARGET_MEDIAN_MS:
            found.append(f"time ≥{TARGET_MEDIAN_MS}")
        if self.queries >= TARGET_QUERIES:
            found.append(f"queries ≥{TARGET_QUERIES}")
        return found

    def cells(self) -> tuple[str, ...]:
        status = str(self.status) + ("" if self.status == self.expected else f" (want {self.expected})")
        return (
            self.label,
            self.url,
            self.as_role,
            status,
            str(self.queries),
            f"{self.median_ms:.0f}",
            f"{max(self.times_ms):.0f}",
            f"{statistics.median(self.cpu_ms):.0f}",
            f"{self.size_kb:.0f}",
            f"{self.alloc_mb:.1f}" if self.alloc_mb else "",
            ", ".join(self.misses()) or "-",
        )


COLUMNS = ("page", "URL", "as", "status", "queries", "median ms", "max ms", "CPU ms", "KB", "alloc MB", "misses")
LEFT_ALIGNED = {0, 1, 2, 10}
BOTH_ROLES = ("officer", "manager")
OFFICER_ONLY = ("officer",)


def counts_by(relation) -> Counter:
    """Rows per record over a reverse relation (``Contact.meetings`` and the like), grouped on the
    foreign key alone: an index-only count that finishes on millions of rows, where annotating every
    record with joined counts does not."""
    from django.db.models import Count

    field = relation.field  # the forward field: a foreign key or a many-to-many
    model = field.model
    rows = model.objects.filter(**{f"{field.name}__isnull": False}).values_list(field.name).annotate(n=Count("pk"))
    return Counter(dict(rows.order_by()))


def busiest(model, relation: str, allowed=None):
    """The record with most rows in ``relation``: detail pages are slowest where most is attached."""
    counts = counts_by(getattr(model, relation))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    pk = next((pk for pk, _ in ranked if allowed is None or pk in allowed), None)
    return model.objects.get(pk=pk) if pk is not None else model.objects.order_by("pk").first()


def page_plan() -> list[tuple]:
    """(label, URL name, URL kwargs, query[, roles]) for every page to run, on the busiest records."""
    from crm.models import Agreement, Delegation, Event, FollowUp, Meeting
    from partners.models import Contact, Country, Organization
    from projects.models import InvestmentProject, Park

    open_project = InvestmentProject.objects.filter(is_confidential=False, is_archived=False)
    open_ids = set(open_project.values_list("pk", flat=True))
    activity = (
        counts_by(InvestmentProject.meetings)
        + counts_by(InvestmentProject.follow_ups)
        + counts_by(InvestmentProject.agreements)
    )
    ranked = sorted(activity.items(), key=lambda item: (-item[1], item[0]))
    project_pk = next((pk for pk, _ in ranked if pk in open_ids), min(open_ids))
    project = InvestmentProject.objects.get(pk=project_pk)
    current = set(Organization.objects.filter(is_archived=False).values_list("pk", flat=True))
    organization = busiest(Organization, "meetings", current)
    # Half of all organizations have been met more often than this one: the page most people see.
    met = sorted((n, pk) for pk, n in counts_by(Organization.meetings).items() if pk in current)
    typical = Organization.objects.get(pk=met[len(met) // 2][1]) if met else organization
    contact = busiest(Contact, "meetings")
    country = busiest(Country, "organizations")
    park = busiest(Park, "projects")
    delegation = busiest(Delegation, "meetings")
    meeting = busiest(Meeting, "follow_ups")
    agreement = busiest(Agreement, "follow_ups")
    event = busiest(Event, "meetings")
    follow_up = (
        FollowUp.objects.filter(status=FollowUp.Status.OPEN, project=project).first() or FollowUp.objects.first()
    )
    word = organization.name.split(" ")[0]
    middle_page = max(1, open_project.count() // PAGE_SIZE // 2)

    plan = [
        # The two home pages.
        ("My work", "crm:my_work", {}, {}),
        ("Dashboard", "crm:dashboard", {}, {}),
        # The same figures computed anew on each request, as after a change to the records.
        ("Dashboard, recomputed", "crm:dashboard", {}, {"refresh": "1"}),
        # Every list, unfiltered.
        ("Projects", "projects:project_list", {}, {}),
        ("Parks", "projects:park_list", {}, {}),
        ("Organizations", "partners:organization_list", {}, {}),
        ("Contacts", "partners:contact_list", {}, {}),
        ("Countries", "partners:country_list", {}, {}),
        ("Delegations", "crm:delegation_list", {}, {}),
        ("Meetings", "crm:meeting_list", {}, {}),
        ("Agreements", "crm:agreement_list", {}, {}),
        ("Events", "crm:event_list", {}, {}),
        ("Follow-ups", "crm:followup_list", {}, {}),
        # Lists as people use them: filtered, sorted, searched, paged.
        ("Projects: intent by USD", "projects:project_list", {}, {"stage": "intent", "o": "-contracted_usd"}),
        ("Projects: stale", "projects:project_list", {}, {"stale": "true"}),
        ("Projects: by officer, 100", "projects:project_list", {}, {"o": "officer", "per_page": "100"}),
        ("Projects: search", "projects:project_list", {}, {"q": word.lower()}),
        ("Projects: middle page", "projects:project_list", {}, {"page": str(middle_page)}),
        ("Organizations: by projects", "partners:organization_list", {}, {"o": "-projects"}),
        ("Organizations: search", "partners:organization_list", {}, {"q": "port logistics"}),
        ("Contacts: search", "partners:contact_list", {}, {"q": "kim"}),
        ("Countries: by projects", "partners:country_list", {}, {"o": "-projects"}),
        ("Delegations: report overdue", "crm:delegation_list", {}, {"report_overdue": "true"}),
        ("Meetings: search", "crm:meeting_list", {}, {"q": word.lower()}),
        ("Agreements: MOUs without project", "crm:agreement_list", {}, {"kind": "mou", "has_project": "false"}),
        ("Agreements: search", "crm:agreement_list", {}, {"q": "memorandum"}),
        ("Follow-ups: overdue", "crm:followup_list", {}, {"overdue": "true"}),
        ("Follow-ups: open, by priority", "crm:followup_list", {}, {"status": "open", "o": "-priority"}),
        ("Follow-ups: search", "crm:followup_list", {}, {"q": "hydrogen proposal"}),
        # The REST API's lists, beside the pages they mirror.
        ("API: projects", "api:investmentproject-list", {}, {}),
        ("API: projects negotiating, by name", "api:investmentproject-list", {}, {"stage": "negotiating", "o": "name"}),
        ("API: projects, 100", "api:investmentproject-list", {}, {"page_size": "100"}),
        ("API: organizations", "api:organization-list", {}, {}),
        ("API: meetings", "api:meeting-list", {}, {}),
        ("API: follow-ups", "api:followup-list", {}, {}),
        # Search-as-you-type behind the forms' choice boxes, with the two letters that match most.
        ("Lookup: organizations", "lookup", {"kind": "organization"}, {"q": "ma"}),
        ("Lookup: contacts", "lookup", {"kind": "contact"}, {"q": "ki"}),
        ("Lookup: projects", "lookup", {"kind": "project"}, {"q": "po"}),
        # The busiest detail pages.
        ("Project detail", "projects:project_detail", {"pk": project.pk}, {}),
        (
            "Project history",
            "record_history",
            {"app_label": "projects", "model_name": "investmentproject", "pk": project.pk},
            {},
        ),
        ("Park detail", "projects:park_detail", {"code": park.code}, {}),
        ("Organization detail, busiest", "partners:organization_detail", {"pk": organization.pk}, {}),
        ("Organization detail, typical", "partners:organization_detail", {"pk": typical.pk}, {}),
        ("Contact detail", "partners:contact_detail", {"pk": contact.pk}, {}),
        ("Country detail", "partners:country_detail", {"code": country.code}, {}),
        ("Delegation detail", "crm:delegation_detail", {"pk": delegation.pk}, {}),
        ("Meeting detail", "crm:meeting_detail", {"pk": meeting.pk}, {}),
        ("Agreement detail", "crm:agreement_detail", {"pk": agreement.pk}, {}),
        ("Event detail", "crm:event_detail", {"pk": event.pk}, {}),
        ("Follow-up detail", "crm:followup_detail", {"pk": follow_up.pk}, {}),
        # Forms officers open daily, whose choice lists grow with the data; the same for a manager.
        ("Visit log form", "crm:visit_log", {}, {}, OFFICER_ONLY),
        ("New project form", "projects:project_create", {}, {}, OFFICER_ONLY),
        ("New meeting form", "crm:meeting_create", {}, {}, OFFICER_ONLY),
        ("New follow-up form", "crm:followup_create", {}, {}, OFFICER_ONLY),
        ("New delegation form", "crm:delegation_create", {}, {}, OFFICER_ONLY),
        ("New agreement form", "crm:agreement_create", {}, {}, OFFICER_ONLY),
    ]
    return plan


def resolve(plan) -> tuple[list[Page], list[str]]:
    """The pages to request, one per URL and user; and the URL names that do not resolve."""
    from django.urls import NoReverseMatch, reverse

    pages, skipped = [], []
    for label, name, kwargs, query, *roles in plan:
        try:
            path = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            skipped.append(f"{label} ({name})")
            continue
        url = f"{path}?{urlencode(query, doseq=True)}" if query else path
        for role in roles[0] if roles else BOTH_ROLES:
            # The dashboard is for managers; an officer is refused it.
            expected = 403 if role == "officer" and name == "crm:dashboard" else 200
            pages.append(Page(label, url, role, expected))
    return pages, skipped


def run_pages(runs: int) -> tuple[list[Page], list[str], float]:
    """Request every page up to ``runs`` times per user; once per URL under tracemalloc."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    users = get_user_model().objects
    clients = {}
    for role, username in (("officer", "officer1"), ("manager", "manager")):
        clients[role] = Client()
        clients[role].force_login(users.get(username=username))

    pages, skipped = resolve(page_plan())
    started = time.perf_counter()
    seen = set()
    for page in pages:
        client = clients[page.as_role]
        if page.url not in seen:
            seen.add(page.url)
            # First request of a URL: compiles its templates and fills caches, as a worker's first does.
            client.get(page.url)
            # Then one under tracemalloc, which slows Python down too much to time requests with it on.
            tracemalloc.start()
            client.get(page.url)
            page.alloc_mb = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        spent = 0.0
        while len(page.times_ms) < runs:
            with CaptureQueriesContext(connection) as captured:
                begin, begin_cpu = time.perf_counter(), time.process_time()
                response = client.get(page.url)
                page.times_ms.append((time.perf_counter() - begin) * 1000)
                page.cpu_ms.append((time.process_time() - begin_cpu) * 1000)
            spent += page.times_ms[-1] / 1000
            # A page far over its target needs no more runs to show it; keeps the run near three minutes.
            if len(page.times_ms) >= MIN_RUNS and spent > RUN_BUDGET_SECONDS:
                break
        page.status = response.status_code
        page.queries = len(captured.captured_queries)
        page.size_kb = len(response.content) / 1024
    return pages, skipped, time.perf_counter() - started


def print_table(pages: list[Page], markdown: bool) -> None:
    rows = [page.cells() for page in pages]
    if markdown:
        print("| " + " | ".join(COLUMNS) + " |")
        print("| " + " | ".join("---" if i in LEFT_ALIGNED else "---:" for i in range(len(COLUMNS))) + " |")
        for row in rows:
            cells = [f"`{cell}`" if i == 1 else cell for i, cell in enumerate(row)]
            print("| " + " | ".join(cells) + " |")
        return
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    line = "  ".join(f"{{:{'<' if i in LEFT_ALIGNED else '>'}{width}}}" for i, width in enumerate(widths))
    print(line.format(*COLUMNS))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*row))


def print_report(pages: list[Page], skipped: list[str], args, elapsed: float, rss_mb: float) -> None:
    urls = len({page.url for page in pages})
    print()
    print(
        f"Pages: {len(pages)} (URL, user) pairs over {urls} URLs; {args.runs} timed requests each after one "
        f"warm-up per URL (a page stops at {MIN_RUNS} once it has used {RUN_BUDGET_SECONDS} s); {elapsed:.0f} s.\n"
        f"Targets: median < {TARGET_MEDIAN_MS} ms, < {TARGET_QUERIES} queries. alloc MB: tracemalloc peak of "
        "one request per URL, as the first user."
    )
    print_table(pages, args.markdown)
    print()
    if skipped:
        print("Skipped, URL name does not resolve: " + "; ".join(skipped))
    mark = "" if rss_mb < TARGET_PEAK_MB else "  MISS"
    print(f"Process peak memory (ru_maxrss, page runs only): {rss_mb:.0f} MB (target < {TARGET_PEAK_MB} MB){mark}")
    biggest = max(pages, key=lambda page: page.alloc_mb)
    print(f"tracemalloc peak of one request: {biggest.alloc_mb:.1f} MB ({biggest.label} as {biggest.as_role})")
    missed = [page for page in pages if page.misses()]
    print(f"Pages missing a target: {len(missed)} of {len(pages)}")
    for page in missed:
        print(f"  {page.label} as {page.as_role}: {', '.join(page.misses())}")


def database_size() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        total = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
        return f"SQLite file {total / 2**20:.0f} MB"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return f"PostgreSQL database {cursor.fetchone()[0] / 2**20:.0f} MB"


def measure(args) -> int:
    import django

    django.setup()
    from django.test.utils import override_settings

    # The officer's refused dashboard is part of the run; do not log each refusal.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    # The manifest storage of production only renames files; plain storage needs no collectstatic.
    storage = override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    )
    storage.enable()
    from django.db import connection

    print(
        f"Database: {connection.vendor}, {database_size()}. Python {sys.version.split()[0]}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}."
    )
    pages, skipped, elapsed = run_pages(args.runs)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print_report(pages, skipped, args, elapsed, rss_mb)
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"Data generation process peak memory: {child_mb:.0f} MB (not a serving figure)")
    wrong = [page for page in pages if page.status != page.expected]
    for page in wrong:
        print(f"UNEXPECTED STATUS {page.status} for {page.label} as {page.as_role}: {page.url}")
    return 1 if wrong else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiplier of the default data set (1 = years).")
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help=f"Timed requests per page and user; {MIN_RUNS} for a page that has used {RUN_BUDGET_SECONDS} s.",
    )
    parser.add_argument("--quick", action="store_true", help="A tenth of the data and 2 runs: a smoke test.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed of the generated data.")
    parser.add_argument("--markdown", action="store_true", help="Print the table as Markdown.")
    parser.add_argument(
        "--reuse",
        metavar="PATH",
        default="",
        help="Keep the data set for the next run: an SQLite file (made when missing, reused when it exists; "
        "new migrations are applied), or with a PostgreSQL DATABASE_URL the name of a database on that server.",
    )
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale <= 0 or args.runs < 1:
        parser.error("--scale must be above 0 and --runs at least 1.")
    if args.quick:
        args.scale, args.runs = min(args.scale, 0.1), min(args.runs, 2)

    if args.generate_only:
        generate(args)
        return 0

    started = time.perf_counter()
    given = os.environ.get("DATABASE_URL", "").strip()
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as scratch, ExitStack() as cleanup:
        if given and not given.startswith("sqlite"):
            database_url = cleanup.enter_context(PostgresScratch(given, args.reuse))
        elif args.reuse:
            database_url = f"sqlite:///{Path(args.reuse).resolve()}"
        else:
            # Never the SQLite file DATABASE_URL may name: it holds real records.
            database_url = f"sqlite:///{scratch}/bench.sqlite3"
        env = bench_environment(database_url)
        print(f"Generating data at scale {args.scale:g} (seed {args.seed})...", flush=True)
        child = [sys.executable, __file__, "--generate-only", "--scale", str(args.scale), "--seed", str(args.seed)]
        subprocess.run(child, env=env, check=True, cwd=BASE_DIR)
        os.environ.update(env)
        status = measure(args)
    used, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime + children.ru_utime + children.ru_stime
    print(f"Whole run: {time.perf_counter() - started:.0f} s elapsed, {cpu:.0f} s of CPU.")
    return status


if __name__ == "__main__":
    sys.exit(main())
