"""The busiest pages read large tables through indexes (SQLite's query plans on a few thousand rows).

The data is the page benchmark's (``scripts/bench_pages.py``) at half its default scale: 5,000
follow-ups, 2,000 meetings, 1,000 projects, 3,000 contacts. After ``ANALYZE``, each query the
dashboard, the project list and the meetings search run is explained; a plan that reads a large
table row by row (``SCAN table`` without an index) or reads one whole and sorts it for a page
(``USE TEMP B-TREE FOR ORDER BY``) fails, unless the query needs every row by nature: the list's total count, a
figure grouped over a whole table, or a substring search (``LIKE '%word%'`` has no index).
"""

import importlib.util
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Record

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_pages.py"
SCALE = 0.5
LARGE_TABLES = {
    "projects_investmentproject",
    "projects_stagechange",
    "crm_meeting",
    "crm_meeting_organizations",
    "crm_meeting_contacts",
    "crm_followup",
    "crm_agreement",
    "partners_contact",
    "partners_organization",
}
SCAN = re.compile(r"\bSCAN (\w+)(?: AS \w+)?(.*)$")
# A query's own LIMIT, not one of its subqueries' (an EXISTS probe's LIMIT 1).
PAGE_CUT = re.compile(r"\bLIMIT \d+(?: OFFSET \d+)?\s*$")


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_pages", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def generated(db):
    """The benchmark's records; the creation dates it gives are switched back to automatic afterwards."""
    saved = {
        model: (model._meta.get_field("created_at").auto_now_add, model._meta.get_field("updated_at").auto_now)
        for model in apps.get_models()
        if issubclass(model, Record)
    }
    try:
        bench_module().Generator(SCALE, seed=1).run()
    finally:
        for model, (add, now) in saved.items():
            model._meta.get_field("created_at").auto_now_add = add
            model._meta.get_field("updated_at").auto_now = now
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def plan(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return [row[-1] for row in cursor.fetchall()]


def needs_every_row(sql: str) -> bool:
    """A total count of a list, a figure grouped over a whole table (the dashboard's one pass over the projects,
    no page cut from it), or a substring search: no index can answer these."""
    upper = sql.lstrip().upper()
    grouped_figure = " GROUP BY " in upper and not PAGE_CUT.search(upper)
    return upper.startswith("SELECT COUNT(") or grouped_figure or " LIKE '%" in sql


def wasteful(sql: str) -> list[str]:
    """Plan lines that read a large table row by row, or read one whole to sort it, where an index could serve;
    and, in any query, rows made distinct after a join (a search through a many-to-many relation)."""
    lines = plan(sql)
    distinct = [line for line in lines if "TEMP B-TREE FOR DISTINCT" in line]
    if needs_every_row(sql):
        return distinct
    found, whole = distinct, False
    for line in lines:
        match = SCAN.search(line)
        if match and match.group(1) in LARGE_TABLES:
            whole = True
            if "INDEX" not in match.group(2):
                found.append(line)
    if whole and " LIMIT " in sql and any("TEMP B-TREE FOR ORDER BY" in line for line in lines):
        found.append("USE TEMP B-TREE FOR ORDER BY: a page sorted from a whole large table")
    return found


PAGES = [
    "/dashboard/?refresh=1",
    "/projects/",
    "/projects/?stale=true",
    "/projects/?page=20",
    "/follow-ups/?status=open&o=-priority",
    "/meetings/?q=ocean",
    "/meetings/",
    "/follow-ups/",
    "/partners/contacts/",
    "/delegations/",
    "/agreements/",
]


def test_large_tables_are_read_through_indexes(generated, client):
    from django.contrib.auth import get_user_model

    # One data set for every page: generating it is most of this test's time.
    client.force_login(get_user_model().objects.get(username="manager"))
    problems = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        for query in captured.captured_queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT") and (found := wasteful(sql)):
                problems[f"{url}: {sql}"] = found
    assert problems == {}
