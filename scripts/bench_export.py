"""How fast does a list export start, and how much memory does it take, at 200,000 projects?

Creates a throwaway database as ``scripts/bench_pages.py`` does (SQLite in a temporary directory;
with ``DATABASE_URL`` naming a PostgreSQL server, a new database there, dropped at the end), fills
it with ``--projects`` projects (default 200,000; ``--scale`` multiplies it for a quicker run) and
the organizations, countries, sectors, parks and people they refer to, then exports the whole
project list as a manager, once to CSV and once to XLSX, each in a fresh process that only serves:

- time to first byte: from the request until the response's first chunk is in hand;
- total time and size of the file, and the rows it holds;
- peak growth of the process's resident memory (RSS) while it answers, sampled every 5 ms,
  over the RSS it had after a warm-up export of an empty list.

    .venv/bin/python scripts/bench_export.py [--projects 200000] [--scale 1] [--seed 1]

Targets (issue 10): first byte within 1 s and growth under 100 MB at 200,000 projects. Both
formats stream: CSV line by line, XLSX through a zip archive written as it is sent
(``core/xlsx_stream.py``). Prints figures rather than asserting them.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "scripts"))

import bench_pages  # noqa: E402  (the data generator and scratch database of the page benchmark)

TARGET_FIRST_BYTE_S = 1.0
TARGET_GROWTH_MB = 100
DEFAULT_PROJECTS = 200_000
URL = "/projects/"


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class ExportGenerator(bench_pages.Generator):
    """The page benchmark's people, reference data and organizations, then many lean projects."""

    def __init__(self, projects: int, seed: int):
        super().__init__(1.0, seed)
        self.counts["projects"] = projects

    def run(self) -> dict[str, int]:
        from django.db import transaction

        with transaction.atomic():
            self.people()
            self.reference()
            self.organizations()
            self.lean_projects()
        return self.made

    def lean_projects(self):
        """Projects without history rows or stage changes: the export reads the project table only."""
        from projects.models import InvestmentProject, Stage, Status

        stages = [value for value, _ in Stage.choices]
        statuses = [Status.ACTIVE, Status.ON_HOLD, Status.LOST, Status.WITHDRAWN]
        total = self.counts["projects"]
        made = 0
        while made < total:
            rows = []
            for index in range(made, min(total, made + 5000)):
                stage = self.rng.choices(stages, weights=[25, 20, 20, 12, 8, 7, 8])[0]
                investor = self.pick_partner()
                signed = Stage.position(stage) >= Stage.position(Stage.INTENT)
                currency = bench_pages.CURRENCY_OF.get(self.country_code(investor.country_id), "USD")
                rate = Decimal(bench_pages.RATES[currency])
                amount = Decimal(self.rng.randint(5, 2000) * 1_000_000)
                first_day = self.days_ago(90, 365 * bench_pages.YEARS_OF_DATA)
                rows.append(
                    InvestmentProject(
                        name=f"{investor.name.split(' ')[0]} project {index + 1}",
                        investor=investor,
                        origin_country_id=investor.country_id,
                        sector=self.rng.choice(self.sectors),
                        park=self.rng.choice(self.parks),
                        district=self.rng.choice(bench_pages.PARKS)[2],
                        stage=stage,
                        status=self.rng.choices(statuses, weights=[75, 10, 10, 5])[0],
                        officer=self.officers[index % len(self.officers)],
                        is_confidential=self.rng.random() < bench_pages.CONFIDENTIAL_SHARE,
                        planned_jobs=self.rng.randint(20, 2000),
                        contracted_amount=amount if signed else None,
                        currency=currency if signed else "",
                        usd_rate=rate if signed else None,
                        contracted_usd=(amount * rate).quantize(Decimal("0.01")) if signed else None,
                        signed_on=first_day + timedelta(days=60) if signed else None,
                        created_at=self.moment(first_day),
                        updated_at=self.moment(first_day),
                    )
                )
            InvestmentProject.objects.bulk_create(rows, batch_size=bench_pages.BATCH)
            made += len(rows)
        self.made["investment projects"] = made
        self.made["references given"] = InvestmentProject.objects.assign_references()


def generate(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    made = ExportGenerator(args.projects, args.seed).run()
    print(f"Data: {time.perf_counter() - started:.1f} s. " + ", ".join(f"{n:,} {label}" for label, n in made.items()))


def measure_one(file_format: str) -> dict:
    """Child process: one export of the whole project list as the manager, measured."""
    import django

    django.setup()
    import logging

    from django.contrib.auth import get_user_model
    from django.test import Client

    logging.getLogger("django.request").setLevel(logging.ERROR)
    client = Client()
    client.force_login(get_user_model().objects.get(username="manager"))
    # Warm up imports, templates and the connection on an export with no rows.
    warm = client.get(URL, {"format": file_format, "q": "no such project anywhere"})
    b"".join(warm.streaming_content)

    baseline = rss_mb()
    peak = [baseline]
    running = threading.Event()
    running.set()

    def sample():
        while running.is_set():
            peak[0] = max(peak[0], rss_mb())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    response = client.get(URL, {"format": file_format})
    chunks = iter(response.streaming_content)
    first = next(chunks)
    first_byte = time.perf_counter() - started
    size = len(first)
    for chunk in chunks:
        size += len(chunk)
    total = time.perf_counter() - started
    running.clear()
    sampler.join()
    peak[0] = max(peak[0], rss_mb())
    from crm.models import ListExport

    rows = ListExport.objects.latest("pk").row_count
    return {
        "format": file_format,
        "status": response.status_code,
        "first_byte_s": first_byte,
        "total_s": total,
        "size_mb": size / 2**20,
        "rows": rows,
        "growth_mb": peak[0] - baseline,
        "baseline_mb": baseline,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=DEFAULT_PROJECTS, help="Projects at scale 1.")
    parser.add_argument("--scale", type=float, default=1.0, help="Multiplier of --projects, for a quicker run.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure-only", choices=("csv", "xlsx"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale <= 0 or args.projects < 1:
        parser.error("--scale must be above 0 and --projects at least 1.")
    args.projects = max(1, round(args.projects * args.scale))

    if args.generate_only:
        generate(args)
        return 0
    if args.measure_only:
        print(json.dumps(measure_one(args.measure_only)))
        return 0

    started = time.perf_counter()
    given = os.environ.get("DATABASE_URL", "").strip()
    with tempfile.TemporaryDirectory(prefix="crm-bench-export-") as scratch, ExitStack() as cleanup:
        if given and not given.startswith("sqlite"):
            database_url = cleanup.enter_context(bench_pages.PostgresScratch(given))
        else:
            # Never the SQLite file DATABASE_URL may name: it holds real records.
            database_url = f"sqlite:///{scratch}/bench.sqlite3"
        env = bench_pages.bench_environment(database_url)
        print(f"Generating {args.projects:,} projects (seed {args.seed})...", flush=True)
        child = [
            sys.executable,
            __file__,
            "--generate-only",
            "--projects",
            str(args.projects),
            "--seed",
            str(args.seed),
        ]
        subprocess.run(child, env=env, check=True, cwd=BASE_DIR)
        results = []
        for file_format in ("csv", "xlsx"):
            run = [sys.executable, __file__, "--measure-only", file_format, "--projects", str(args.projects)]
            output = subprocess.run(run, env=env, check=True, cwd=BASE_DIR, capture_output=True, text=True).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    database = "PostgreSQL" if given and not given.startswith("sqlite") else "SQLite"
    print(f"\n{args.projects:,} projects, {database}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.")
    print("| Export | Rows | Status | First byte | Total | File | RSS growth (peak) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for result in results:
        slow = " (over 1 s)" if result["first_byte_s"] > TARGET_FIRST_BYTE_S else ""
        heavy = " (over 100 MB)" if result["growth_mb"] > TARGET_GROWTH_MB else ""
        print(
            f"| {result['format'].upper()} | {result['rows']:,} | {result['status']} | "
            f"{result['first_byte_s']:.2f} s{slow} | {result['total_s']:.1f} s | {result['size_mb']:.1f} MB | "
            f"{result['growth_mb']:.0f} MB{heavy} (from {result['baseline_mb']:.0f} MB) |"
        )
    print(f"Whole run: {time.perf_counter() - started:.0f} s.")
    return 0 if all(result["status"] == 200 for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
