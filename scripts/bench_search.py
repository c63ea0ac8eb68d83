"""How fast does global search answer at 100,000 organizations and 200,000 projects?

Makes a throwaway SQLite database in a temporary directory (or, with ``--database-url``, uses the
one given: it must be empty and is left filled), runs the migrations, creates ``--organizations``
organizations and ``--projects`` projects with ``bulk_create`` (names drawn from English and
Chinese word lists, 5% of projects confidential), builds the search index with the rebuild the
management command runs, then times ``core.search.query.search`` as an officer (whose searches
carry the confidentiality rule) and as a manager, ``--runs`` times per query, and prints the
median and slowest time of each query and the median over all of them.

    .venv/bin/python scripts/bench_search.py                          # 100,000 + 200,000: long
    .venv/bin/python scripts/bench_search.py --scale 0.1              # a tenth of that

Target (issue 12): under 100 ms at the median at full scale. Prints figures rather than asserting them.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

TARGET_MS = 100
QUERIES = [
    "haier",
    "海尔",
    "商务",
    "qingdao gang",
    "青岛港",
    "qingdao",
    "sao paulo",
    "siemens",
    "port group",
    "qdg",
    "QD-2015-0042",
    "zzzz nothing",
]
ENGLISH = (
    "Haier Siemens Bosch Hisense Tsingtao Sinotrans Doosan Hyundai Samsung Lotte Mitsui Sumitomo Toyota "
    "Maersk Cosco Volkswagen Brose Schaeffler Continental Thyssen Krupp Bayer Lufthansa Airbus Nestle "
    "Danone Carrefour Auchan Unilever Philips Ericsson Nokia Volvo Scania Hanwha Posco Kia Daewoo"
).split()
WORDS = "Port Group Trading Logistics Bank Capital Holdings Energy Marine Foods Chemicals Motors Steel Textile".split()
PLACES = ["São Paulo", "München", "Zürich", "Seoul", "Busan", "Osaka", "Hamburg", "Qingdao", "Rotterdam", "Genève"]
CHINESE = list("青岛港海尔商务局集团贸易物流银行能源海洋食品化工汽车钢铁纺织中德韩日国际投资发展科技")
LEGAL = ["GmbH", "AG", "Co., Ltd.", "SE & Co. KG", "Inc.", "S.A.", "plc"]


def setup(database_url: str | None) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="crm.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def name(rng: random.Random, number: int) -> tuple[str, str]:
    english = f"{rng.choice(ENGLISH)} {rng.choice(WORDS)} {rng.choice(PLACES)} {rng.choice(LEGAL)} {number}"
    chinese = "".join(rng.choice(CHINESE) for _ in range(rng.randint(3, 8))) if rng.random() < 0.6 else ""
    return english, chinese


def fill(organizations: int, projects: int, seed: int) -> tuple:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Min

    from crm import roles
    from partners.models import Country, Organization
    from projects.models import InvestmentProject

    rng = random.Random(seed)
    roles.sync_roles(Group, Permission)
    users = get_user_model().objects
    officer = users.create_user("bench-officer")
    officer.groups.add(Group.objects.get(name=roles.OFFICER))
    manager = users.create_user("bench-manager")
    manager.groups.add(Group.objects.get(name=roles.MANAGER))
    country = Country.objects.create(code="DE", name="Germany")
    batch = 5000
    for start in range(0, organizations, batch):
        rows = []
        for number in range(start, min(start + batch, organizations)):
            english, chinese = name(rng, number)
            rows.append(Organization(name=english, name_zh=chinese, country=country, city=rng.choice(PLACES)))
        Organization.objects.bulk_create(rows)
    first = Organization.objects.aggregate(first=Min("pk"))["first"] or 0
    for start in range(0, projects, batch):
        rows = []
        for number in range(start, min(start + batch, projects)):
            english, chinese = name(rng, number)
            rows.append(
                InvestmentProject(
                    name=f"{english} plant",
                    name_zh=chinese,
                    reference=f"QD-{2015 + number % 6}-{number:04d}",
                    investor_id=first + rng.randrange(organizations) if organizations else None,
                    is_confidential=rng.random() < 0.05,
                    officer=officer if rng.random() < 0.3 else None,
                )
            )
        InvestmentProject.objects.bulk_create(rows)
    return officer, manager


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=200_000)
    parser.add_argument("--scale", type=float, default=1.0, help="Multiplies both counts, for a quicker run.")
    parser.add_argument("--runs", type=int, default=7, help="Times each query is asked per user.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="An empty database to fill instead of a temporary SQLite file.")
    args = parser.parse_args()
    organizations, projects = int(args.organizations * args.scale), int(args.projects * args.scale)

    with tempfile.TemporaryDirectory() as scratch:
        setup(args.database_url or f"sqlite:///{scratch}/bench.sqlite3")
        from django.core.management import call_command

        from core.search import rebuild
        from core.search.query import search

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        officer, manager = fill(organizations, projects, args.seed)
        took = time.perf_counter() - started
        print(f"Created {organizations:,} organizations and {projects:,} projects in {took:.0f} s")
        started = time.perf_counter()
        indexed = rebuild(batch_size=2000)
        print(f"Indexed {indexed:,} records in {time.perf_counter() - started:.0f} s")

        timings: dict[str, list[float]] = {}
        for user in (officer, manager):
            search(user, "warm up")
            for query in QUERIES:
                for _ in range(args.runs):
                    started = time.perf_counter()
                    results = search(user, query)
                    timings.setdefault(f"{query} ({user.username})", []).append(time.perf_counter() - started)
                timings[f"{query} ({user.username})"].append(results.total)  # kept apart below

        print(f"\n{'query':42} {'median ms':>10} {'max ms':>8} {'found':>8}")
        medians = []
        for label, values in timings.items():
            found, times = values[-1], values[:-1]
            median = statistics.median(times) * 1000
            medians.append(median)
            print(f"{label:42} {median:10.1f} {max(times) * 1000:8.1f} {found:8,}")
        overall = statistics.median(medians)
        verdict = "within" if overall < TARGET_MS else "OVER"
        print(f"\nMedian over all queries: {overall:.1f} ms ({verdict} the {TARGET_MS} ms target)")


if __name__ == "__main__":
    main()
