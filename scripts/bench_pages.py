"""How fast are the pages, how many queries do they run and how much memory do they take, at scale?

Creates a throwaway database (SQLite in a temporary directory; with ``DATABASE_URL`` naming a
PostgreSQL server, a new database on that server, dropped at the end), runs the migrations and
fills it with the records a city bureau gathers over years (``--scale 1``: 3,000 organizations,
6,000 contacts, 2,000 projects with three stage changes each and capital inflows, 600 delegations,
4,000 meetings, 1,500 agreements with two parties each, 10,000 follow-ups; three officers and a
manager). Then, signed in as an officer and as a manager through Django's test client, it requests
every list page, the dashboard, My work, typical filtered, sorted and searched lists, the lookups
behind the forms' choice boxes, the busiest detail pages and the daily forms, each several times,
and prints per page: status, queries, runs, median and 95th-percentile milliseconds, CPU time,
response size and the memory Python allocated while serving it; then the process's peak memory.
Figures beside targets (median under 300 ms, p95 under 600 ms, under 30 queries); a miss is marked.

    .venv/bin/python scripts/bench_pages.py [--scale 1] [--runs 5] [--quick] [--seed 1] [--markdown]
        [--reuse PATH] [--as officer,manager] [--plans] [--ratios [--baseline-reuse PATH]]

``--plans`` prints the plan of every distinct query slower than 50 ms (SQLite ``EXPLAIN QUERY
PLAN``, PostgreSQL ``EXPLAIN``) with the pages it came from. ``--ratios`` measures, in the same run,
figures against yardsticks and prints them with their bounds and a pass or fail: the project list
against the admin changelist with the same filter (≤ 0.5 ×) and against the time of its own SQL
(≤ 3 ×), its page 1,000 against page 1 (≤ 2 ×), the list at this scale against scale 1 (≤ 1.5 ×,
on a second data set: ``--baseline-reuse`` or a throwaway one), the project page's throughput
under gunicorn with 4 workers against a hello-world view in the same server (≥ 5 % for a typical
project, ≥ 2 % for the busiest, no errors; ``scripts/bench_settings.py`` adds the view, the
product does not have it) and the CSV export of every project (first byte ≤ 1 s, memory growth
≤ 100 MB, measured by ``scripts/bench_export.py``).

Prints figures rather than asserting them: timings depend on the machine. Exits 1 only when a
page answers with a status it should not (a server error, a refusal where a page was expected).
The data is generated in a child process, so the peak memory reported for the page runs is that
of a process that only serves pages, as a web worker does.
"""

import argparse
import json
import logging
import os
import random
import re
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
TARGET_P95_MS = 600
TARGET_QUERIES = 30
SLOW_QUERY_MS = 50  # --plans explains every distinct query slower than this
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
        # Signed in the past: never a signing still planned.
        statuses = [value for value, _ in Agreement.Status.choices if value != Agreement.Status.PLANNED]
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
        # bulk_create bypasses the services that keep each project's last activity day: set it in one update.
        from projects.activity import last_activity

        InvestmentProject.objects.update(last_activity_on=last_activity())
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


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 5 runs the 95th is the slowest, with 20 the 19th."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))  # ceil
    return ordered[int(rank) - 1]


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

    @property
    def p95_ms(self) -> float:
        return percentile(self.times_ms, 95)

    def misses(self) -> list[str]:
        if self.expected != 200:
            return []
        found = []
        if self.median_ms >= TARGET_MEDIAN_MS:
            found.append(f"median ≥{TARGET_MEDIAN_MS}")
        if self.p95_ms >= TARGET_P95_MS:
            found.append(f"p95 ≥{TARGET_P95_MS}")
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
            str(len(self.times_ms)),
            f"{self.median_ms:.0f}",
            f"{self.p95_ms:.0f}",
            f"{statistics.median(self.cpu_ms):.0f}",
            f"{self.size_kb:.0f}",
            f"{self.alloc_mb:.1f}" if self.alloc_mb else "",
            ", ".join(self.misses()) or "-",
        )


COLUMNS = (
    "page",
    "URL",
    "as",
    "status",
    "queries",
    "runs",
    "median ms",
    "p95 ms",
    "CPU ms",
    "KB",
    "alloc MB",
    "misses",
)
LEFT_ALIGNED = {0, 1, 2, 11}
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


class SlowQueries:
    """Every distinct query slower than ``SLOW_QUERY_MS``, with the pages it came from and its slowest run."""

    NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
    QUOTED = re.compile(r"'(?:[^']|'')*'")

    def __init__(self):
        self.found: dict[str, dict] = {}

    def shape(self, sql: str) -> str:
        """The query without its values: one entry per query whatever the ids or words it was run with."""
        return self.NUMBER.sub("?", self.QUOTED.sub("?", sql))

    def add(self, page: "Page", captured) -> None:
        for query in captured:
            ms = float(query.get("time") or 0) * 1000
            if ms < SLOW_QUERY_MS:
                continue
            entry = self.found.setdefault(self.shape(query["sql"]), {"sql": query["sql"], "ms": 0.0, "pages": []})
            where = f"{page.label} as {page.as_role}"
            if where not in entry["pages"]:
                entry["pages"].append(where)
            if ms > entry["ms"]:
                entry["sql"], entry["ms"] = query["sql"], ms

    def explain(self, sql: str) -> list[str]:
        from django.db import connection

        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                return [f"{'  ' * depth(row)}{row[-1]}" for row in plan_tree(cursor.fetchall())]
            cursor.execute("EXPLAIN " + sql)
            return [row[0] for row in cursor.fetchall()]

    def report(self, limit_sql: int = 600) -> None:
        from django.db import connection

        kind = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
        entries = sorted(self.found.values(), key=lambda entry: -entry["ms"])
        print(f"\nQueries over {SLOW_QUERY_MS} ms: {len(entries)} distinct; {kind} of each, slowest first.")
        for number, entry in enumerate(entries, 1):
            sql = entry["sql"]
            shown = sql if len(sql) <= limit_sql else sql[:limit_sql] + f"... ({len(sql):,} characters)"
            print(f"\n[{number}] {entry['ms']:.0f} ms (slowest run) on: {'; '.join(entry['pages'])}")
            print(f"    {shown}")
            try:
                lines = self.explain(sql)
            except Exception as error:  # a query the driver cannot run again as text
                lines = [f"(not explained: {error})"]
            for line in lines:
                print(f"    | {line}")


def plan_tree(rows):
    """SQLite's EXPLAIN QUERY PLAN rows (id, parent, notused, detail) with their depth for indenting."""
    depths = {0: -1}
    for row in rows:
        depths[row[0]] = depths.get(row[1], -1) + 1
        yield (depths[row[0]], *row)


def depth(row) -> int:
    return row[0]


def run_pages(args) -> tuple[list[Page], list[str], float, SlowQueries]:
    """Request every page up to ``--runs`` times per user; once per URL under tracemalloc.

    A page whose warm-up request took longer than ``--slow-seconds`` gets no tracemalloc request, and
    one whose first timed run did gets no more: it is far over its target, and more runs would not
    change that verdict.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    runs = args.runs
    clients = signed_in_clients()
    pages, skipped = resolve(page_plan())
    pages = [page for page in pages if page.as_role in args.roles]
    slow = SlowQueries()
    started = time.perf_counter()
    seen: dict[str, float] = {}
    for page in pages:
        client = clients[page.as_role]
        if page.url not in seen:
            # First request of a URL: compiles its templates and fills caches, as a worker's first does.
            begin = time.perf_counter()
            client.get(page.url)
            seen[page.url] = time.perf_counter() - begin
            if seen[page.url] <= args.slow_seconds:
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
            slow.add(page, captured.captured_queries)
            spent += page.times_ms[-1] / 1000
            # A page far over its target needs no more runs to show it; keeps the run near three minutes.
            if len(page.times_ms) >= MIN_RUNS and spent > RUN_BUDGET_SECONDS:
                break
            # One timed run over --slow-seconds is verdict enough (the warm-up alone may have filled a cache).
            if page.times_ms[-1] > args.slow_seconds * 1000:
                break
        page.status = response.status_code
        page.queries = len(captured.captured_queries)
        page.size_kb = len(response.content) / 1024
        if args.progress:
            print(
                f"  {page.label} as {page.as_role}: {page.median_ms:.0f} ms, {page.queries} queries",
                file=sys.stderr,
                flush=True,
            )
    return pages, skipped, time.perf_counter() - started, slow


def signed_in_clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    clients = {}
    for role, username in (("officer", "officer1"), ("manager", "manager")):
        clients[role] = Client()
        clients[role].force_login(users.get(username=username))
    return clients


# ---------------------------------------------------------------------------------------------
# Ratios (--ratios): figures measured side by side in one run, each against a yardstick
# ---------------------------------------------------------------------------------------------

RATIO_RUNS = 5
HELLO_PATH = "/bench-hello/"
GUNICORN_WORKERS = 4
ADMIN_USERNAME = "bench-admin"


class Ratio:
    """A measured figure against its bound: ``at most`` (≤) or ``at least`` (≥)."""

    def __init__(self, name: str, value: float | None, bound: float, at_most: bool, unit: str = "×", detail: str = ""):
        self.name, self.value, self.bound, self.at_most, self.unit, self.detail = (
            name,
            value,
            bound,
            at_most,
            unit,
            detail,
        )

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        ok = self.value <= self.bound if self.at_most else self.value >= self.bound
        return "pass" if ok else "FAIL"

    def cells(self) -> tuple[str, ...]:
        def figure(value):
            if self.unit == "%":
                return f"{value:.1f} %"
            if self.unit == "×":
                return f"{value:.2f} ×"
            return f"{value:.2f} {self.unit}" if value < 10 else f"{value:.0f} {self.unit}"

        value = "-" if self.value is None else figure(self.value)
        bound = ("≤ " if self.at_most else "≥ ") + figure(self.bound)
        return (self.name, value, bound, self.verdict, self.detail)


def time_url(client, url: str, runs: int = RATIO_RUNS) -> dict:
    """Median and p95 of ``runs`` requests after a warm-up, with the median time of their SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    total, sql, cpu = [], [], []
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            begin, begin_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            total.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
        sql.append(sum(float(query.get("time") or 0) for query in captured.captured_queries) * 1000)
    return {
        "url": url,
        "status": response.status_code,
        "median_ms": statistics.median(total),
        "p95_ms": percentile(total, 95),
        "sql_ms": statistics.median(sql),
        "cpu_ms": statistics.median(cpu),
        "queries": len(captured.captured_queries),
        "rows": response.content.count(b"<tr"),
    }


def describe(timing: dict) -> str:
    return (
        f"{timing['url']}: {timing['status']}, median {timing['median_ms']:.0f} ms (p95 {timing['p95_ms']:.0f}), "
        f"SQL {timing['sql_ms']:.0f} ms, {timing['queries']} queries"
    )


def list_timings(runs: int) -> dict:
    """The project list as the manager: page 1 (with its SQL time) and page 1,000.

    A list shorter than 1,000 pages shows its last page for ``?page=1000``; "deep page" then says
    which page that is (about: the manager's list leaves archived projects out).
    """
    from django.urls import reverse

    from projects.models import InvestmentProject

    client = signed_in_clients()["manager"]
    url = reverse("projects:project_list")
    deep = min(1000, -(-InvestmentProject.objects.filter(is_archived=False).count() // PAGE_SIZE))
    figures = {"page 1": time_url(client, url, runs), "page 1000": time_url(client, f"{url}?page=1000", runs)}
    figures["deep page"] = deep
    return figures


def admin_client():
    """A superuser for the admin changelist, made in the benchmark's database when missing."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    admin_user = users.filter(username=ADMIN_USERNAME).first() or users.create_superuser(
        ADMIN_USERNAME, email="", password=None
    )
    client = Client()
    client.force_login(admin_user)
    return client


def typical_and_busiest_project():
    """The open project with the most meetings, follow-ups and agreements, and the one at the median."""
    from projects.models import InvestmentProject

    open_ids = InvestmentProject.objects.filter(is_confidential=False, is_archived=False).values_list("pk", flat=True)
    activity = (
        counts_by(InvestmentProject.meetings)
        + counts_by(InvestmentProject.follow_ups)
        + counts_by(InvestmentProject.agreements)
    )
    ranked = sorted(open_ids, key=lambda pk: (activity.get(pk, 0), pk))
    typical, busiest_pk = ranked[len(ranked) // 2], ranked[-1]
    return (typical, activity.get(typical, 0)), (busiest_pk, activity.get(busiest_pk, 0))


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def hammer(port: int, path: str, cookie: str, seconds: float, concurrency: int) -> dict:
    """Requests per second on ``path`` from ``concurrency`` threads for ``seconds``; non-200 answers are errors."""
    import http.client
    import threading

    done, errors, lock = [0], [0], threading.Lock()
    headers = {"Cookie": cookie, "Accept": "text/html"}

    def one() -> bool:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status == 200
        except (OSError, http.client.HTTPException):
            return False

    for _warm in range(concurrency * 2):  # every worker compiles the page's templates once
        one()
    deadline = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < deadline:
            ok = one()
            with lock:
                done[0] += 1
                errors[0] += not ok

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"path": path, "requests": done[0], "errors": errors[0], "per_s": (done[0] - errors[0]) / elapsed}


def throughput(args, paths: dict[str, str]) -> dict:
    """Each path hammered in turn under gunicorn (``--workers 4``), with the benchmark's settings."""
    from django.conf import settings

    name = settings.SESSION_COOKIE_NAME
    cookie = f"{name}={signed_in_clients()['manager'].cookies[name].value}"
    port = free_port()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        PYTHONPATH=os.pathsep.join([str(BASE_DIR / "scripts"), str(BASE_DIR), env.get("PYTHONPATH", "")]),
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(GUNICORN_WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "300",
        "--log-level",
        "warning",
        # The application is imported once and the workers forked from it: a quicker start on a busy machine.
        "--preload",
        "crm.wsgi:application",
    ]
    server = subprocess.Popen(command, env=env, cwd=BASE_DIR)
    try:
        import http.client

        for _attempt in range(1200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", HELLO_PATH)
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        else:
            raise SystemExit("gunicorn did not answer on /bench-hello/ within five minutes")
        seconds, clients = args.throughput_seconds, args.concurrency
        return {label: hammer(port, path, cookie, seconds, clients) for label, path in paths.items()}
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def export_figures(env: dict) -> dict | None:
    """One CSV export of every project as the manager, measured by ``bench_export.py`` in a fresh process."""
    command = [sys.executable, str(BASE_DIR / "scripts" / "bench_export.py"), "--measure-only", "csv"]
    done = subprocess.run(command, env=env, cwd=BASE_DIR, capture_output=True, text=True)
    if done.returncode:
        print(f"CSV export could not be measured: {done.stderr.strip()[-500:]}")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline_list(args, database_url: str) -> dict:
    """The project list measured in a child process on the baseline (``--scale 1``) data set."""
    env = bench_environment(database_url)
    print(f"Baseline data set at scale 1 ({redact(database_url)})...", flush=True)
    child = [sys.executable, __file__, "--generate-only", "--scale", "1", "--seed", str(args.seed)]
    subprocess.run(child, env=env, check=True, cwd=BASE_DIR)
    child = [sys.executable, __file__, "--measure-list-only", "--runs", str(RATIO_RUNS)]
    done = subprocess.run(child, env=env, check=True, cwd=BASE_DIR, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def redact(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1])) if parts.scheme != "sqlite" else url


def measure_ratios(args, baseline: dict | None) -> list[Ratio]:
    from django.urls import reverse

    from projects.models import InvestmentProject

    ratios = []
    projects = InvestmentProject.objects.count()
    print(f"\nRatios: {projects:,} projects; medians of {RATIO_RUNS} requests after a warm-up.", flush=True)

    # 1. The project list against the admin's changelist: same projects, same filter, 100 rows each.
    manager = signed_in_clients()["manager"]
    product = time_url(manager, reverse("projects:project_list") + "?stage=intent&per_page=100")
    admin = time_url(admin_client(), reverse("admin:projects_investmentproject_changelist") + "?stage__exact=intent")
    print(f"  Project list: {describe(product)}\n  Admin changelist: {describe(admin)}")
    ratios.append(
        Ratio(
            "Project list (intent, 100 rows) / admin changelist (same filter)",
            product["median_ms"] / admin["median_ms"],
            0.5,
            True,
            detail=f"{product['median_ms']:.0f} ms / {admin['median_ms']:.0f} ms",
        )
    )

    # 2 and 3. The list's time against its own SQL; page 1,000 against page 1.
    lists = list_timings(RATIO_RUNS)
    first, far = lists["page 1"], lists["page 1000"]
    print(f"  Page 1: {describe(first)}\n  Page 1,000: {describe(far)}")
    ratios.append(
        Ratio(
            "Project list: total time / time of its SQL",
            first["median_ms"] / max(first["sql_ms"], 0.01),
            3,
            True,
            detail=f"{first['median_ms']:.0f} ms / {first['sql_ms']:.0f} ms SQL",
        )
    )
    ratios.append(
        Ratio(
            "Project list: page 1,000 / page 1"
            + ("" if lists["deep page"] >= 1000 else f" (the last page, about {lists['deep page']:,}: shorter list)"),
            far["median_ms"] / first["median_ms"] if far["status"] == 200 else None,
            2,
            True,
            detail=f"{far['median_ms']:.0f} ms / {first['median_ms']:.0f} ms"
            + ("" if far["status"] == 200 else f" (page 1,000 answered {far['status']})"),
        )
    )

    # 4. The same list on the baseline data set (scale 1: 2,000 projects), measured in a child process.
    if baseline:
        small = baseline["page 1"]
        ratios.append(
            Ratio(
                f"Project list: {projects:,} projects / {baseline['projects']:,}",
                first["median_ms"] / small["median_ms"],
                1.5,
                True,
                detail=f"{first['median_ms']:.0f} ms / {small['median_ms']:.0f} ms",
            )
        )
    else:
        ratios.append(Ratio("Project list: this scale / scale 1", None, 1.5, True, detail="--no-baseline"))

    # 5. Project page throughput under gunicorn against a hello-world view in the same server.
    if args.throughput_seconds > 0:
        (typical, typical_n), (busiest_pk, busiest_n) = typical_and_busiest_project()
        paths = {
            "hello": HELLO_PATH,
            "typical": reverse("projects:project_detail", kwargs={"pk": typical}),
            "busiest": reverse("projects:project_detail", kwargs={"pk": busiest_pk}),
        }
        served = throughput(args, paths)
        for label, figures in served.items():
            print(
                f"  gunicorn {label} {figures['path']}: {figures['per_s']:.1f} requests/s, "
                f"{figures['requests']} requests, {figures['errors']} errors"
            )
        hello = served["hello"]["per_s"]
        for label, count, bound in (("typical", typical_n, 5), ("busiest", busiest_n, 2)):
            figures = served[label]
            ratios.append(
                Ratio(
                    f"Project page ({label}, {count} related records) / hello world, requests/s",
                    100 * figures["per_s"] / hello if hello and not figures["errors"] else None,
                    bound,
                    False,
                    unit="%",
                    detail=f"{figures['per_s']:.1f} / {hello:.1f} per s, {figures['errors']} errors"
                    f" ({GUNICORN_WORKERS} workers, {args.concurrency} clients, {args.throughput_seconds:g} s)",
                )
            )
    else:
        ratios.append(Ratio("Project page / hello world, requests/s", None, 5, False, unit="%", detail="skipped"))

    # 6. The CSV export of every project.
    exported = export_figures(dict(os.environ))
    if exported:
        detail = f"{exported['rows']:,} rows, {exported['size_mb']:.1f} MB in {exported['total_s']:.1f} s"
        ratios.append(Ratio("CSV export: first byte", exported["first_byte_s"], 1, True, unit="s", detail=detail))
        ratios.append(
            Ratio(
                "CSV export: memory growth (peak RSS)",
                exported["growth_mb"],
                100,
                True,
                unit="MB",
                detail=f"from {exported['baseline_mb']:.0f} MB",
            )
        )
    return ratios


def print_ratios(ratios: list[Ratio], markdown: bool) -> None:
    columns = ("ratio", "measured", "bound", "verdict", "figures")
    rows = [ratio.cells() for ratio in ratios]
    print()
    if markdown:
        print("| " + " | ".join(columns) + " |")
        print("| --- | ---: | ---: | --- | --- |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    line = "  ".join(f"{{:{'>' if i in (1, 2) else '<'}{width}}}" for i, width in enumerate(widths))
    print(line.format(*columns))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*row))


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
        f"warm-up per URL (a page stops at {MIN_RUNS} once it has used {RUN_BUDGET_SECONDS} s, and at 1 when that "
        f"run took over {args.slow_seconds:g} s); {elapsed:.0f} s.\n"
        f"Targets: median < {TARGET_MEDIAN_MS} ms, p95 < {TARGET_P95_MS} ms (nearest rank: the slowest of up to "
        f"20 runs), < {TARGET_QUERIES} queries. CPU ms: this process's CPU time (with SQLite, the database's too). "
        "alloc MB: tracemalloc peak of one request per URL, as the first user."
    )
    print_table(pages, args.markdown)
    print()
    if skipped:
        print("Skipped, URL name does not resolve: " + "; ".join(skipped))
    mark = "" if rss_mb < TARGET_PEAK_MB else "  MISS"
    print(f"Process peak memory (ru_maxrss, page runs only): {rss_mb:.0f} MB (target < {TARGET_PEAK_MB} MB){mark}")
    if not pages:
        return
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


def setup() -> None:
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


def measure_list_only(args) -> None:
    """Child process: the project list's timings on this data set, as one JSON line."""
    setup()
    from projects.models import InvestmentProject

    figures = list_timings(args.runs)
    figures["projects"] = InvestmentProject.objects.count()
    print(json.dumps(figures))


def measure(args, baseline: dict | None = None) -> int:
    import django

    setup()
    from django.db import connection

    print(
        f"Database: {connection.vendor}, {database_size()}. Python {sys.version.split()[0]}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}."
    )
    wrong = []
    if not args.skip_pages:
        pages, skipped, elapsed, slow = run_pages(args)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print_report(pages, skipped, args, elapsed, rss_mb)
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"Data generation process peak memory: {child_mb:.0f} MB (not a serving figure)")
        wrong = [page for page in pages if page.status != page.expected]
        for page in wrong:
            print(f"UNEXPECTED STATUS {page.status} for {page.label} as {page.as_role}: {page.url}")
        if args.plans:
            slow.report()
    if args.ratios:
        ratios = measure_ratios(args, baseline)
        print_ratios(ratios, args.markdown)
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
    parser.add_argument(
        "--as",
        dest="roles",
        default="officer,manager",
        help="The users to request each page as: officer, manager or both (officer,manager).",
    )
    parser.add_argument(
        "--slow-seconds",
        type=float,
        default=10.0,
        help="A page whose warm-up takes longer gets no tracemalloc request; one whose first timed run does, "
        "no second run.",
    )
    parser.add_argument(
        "--plans",
        action="store_true",
        help=f"Print the plan (SQLite EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN) of every distinct query over "
        f"{SLOW_QUERY_MS} ms, with the pages it came from.",
    )
    parser.add_argument(
        "--ratios",
        action="store_true",
        help="Measure and print the ratios: project list against the admin changelist and against its SQL, page "
        "1,000 against page 1, this scale against scale 1, project page throughput under gunicorn against a "
        "hello-world view, CSV export of every project.",
    )
    parser.add_argument(
        "--baseline-reuse",
        metavar="PATH",
        default="",
        help="With --ratios: the scale-1 data set to compare the project list with, kept like --reuse's (an "
        "SQLite file, or a database name on the PostgreSQL server); built when missing. Without it a "
        "throwaway one is built.",
    )
    parser.add_argument("--no-baseline", action="store_true", help="With --ratios: skip the scale-1 comparison.")
    parser.add_argument(
        "--throughput-seconds",
        type=float,
        default=15.0,
        help="With --ratios: how long each URL is requested under gunicorn (0 skips the throughput ratios).",
    )
    parser.add_argument("--concurrency", type=int, default=8, help="With --ratios: client threads under gunicorn.")
    parser.add_argument("--skip-pages", action="store_true", help="Skip the page table (for --ratios alone).")
    parser.add_argument("--build-only", action="store_true", help="Build (or migrate) the --reuse data set and stop.")
    parser.add_argument("--progress", action="store_true", help="Print each page's figures as it is measured.")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-list-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale <= 0 or args.runs < 1:
        parser.error("--scale must be above 0 and --runs at least 1.")
    args.roles = {role.strip() for role in args.roles.split(",") if role.strip()}
    if not args.roles or not args.roles <= set(BOTH_ROLES):
        parser.error("--as takes officer, manager or officer,manager.")
    if args.quick:
        args.scale, args.runs = min(args.scale, 0.1), min(args.runs, 2)

    if args.generate_only:
        generate(args)
        return 0
    if args.measure_list_only:
        measure_list_only(args)
        return 0

    started = time.perf_counter()
    given = os.environ.get("DATABASE_URL", "").strip()
    postgres = bool(given) and not given.startswith("sqlite")
    with tempfile.TemporaryDirectory(prefix="crm-bench-") as scratch, ExitStack() as cleanup:
        if postgres:
            database_url = cleanup.enter_context(PostgresScratch(given, args.reuse))
        elif args.reuse:
            database_url = f"sqlite:///{Path(args.reuse).resolve()}"
        else:
            # Never the SQLite file DATABASE_URL may name: it holds real records.
            database_url = f"sqlite:///{scratch}/bench.sqlite3"
        env = bench_environment(database_url)
        print(f"Generating data at scale {args.scale:g} (seed {args.seed})...", flush=True)
        child = [sys.executable, __file__, "--generate-only", "--scale", str(args.scale), "--seed", str(args.seed)]
        begin = time.perf_counter()
        subprocess.run(child, env=env, check=True, cwd=BASE_DIR)
        print(f"Data set ready: {time.perf_counter() - begin:.0f} s.", flush=True)
        if args.build_only:
            return 0
        baseline = None
        if args.ratios and not args.no_baseline:
            if postgres:
                baseline_url = cleanup.enter_context(PostgresScratch(given, args.baseline_reuse))
            elif args.baseline_reuse:
                baseline_url = f"sqlite:///{Path(args.baseline_reuse).resolve()}"
            else:
                baseline_url = f"sqlite:///{scratch}/baseline.sqlite3"
            baseline = baseline_list(args, baseline_url)
        os.environ.update(env)
        status = measure(args, baseline)
    used, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime + children.ru_utime + children.ru_stime
    print(f"Whole run: {time.perf_counter() - started:.0f} s elapsed, {cpu:.0f} s of CPU.")
    return status


if __name__ == "__main__":
    sys.exit(main())
