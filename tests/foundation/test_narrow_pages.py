"""List pages choose a page's rows by their ids first (``core.listing.NarrowPaginator``): the same rows as a plain
``OFFSET``, in the same order, the same number of queries on the first page and a deep one, and the joins built
for the page's rows only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import InvestmentProject
from tests.conftest import make_country, make_organization, make_project
from tests.partners.helpers import names_on_page

pytestmark = pytest.mark.django_db
URL = reverse("projects:project_list")


@pytest.fixture
def sixty(owner, other_officer):
    germany = make_country()
    for number in range(60):
        make_project(
            name=f"Project {number:03d}",
            investor=make_organization(f"Investor {number:03d}"),
            origin_country=germany,
            officer=[owner, other_officer][number % 2],
            contracted_usd=number * 1000,
        )


# Orders without ties: under a sort with ties (by officer) neither a plain OFFSET nor this promises which tied rows
# fall on which page.
@pytest.mark.parametrize("order", ["", "-name", "-contracted_usd"])
def test_every_page_shows_the_rows_a_plain_offset_shows(client, manager, sixty, order):
    client.force_login(manager)
    seen = []
    for page in (1, 2, 3):
        response = client.get(URL, {"page": page, **({"o": order} if order else {})})
        seen += names_on_page(response)
    assert len(seen) == len(set(seen)) == 60
    if order in ("", "-name"):
        assert seen == sorted(seen, reverse=order == "-name")
    if order == "-contracted_usd":
        assert seen == [f"Project {number:03d}" for number in range(59, -1, -1)]


def test_a_deep_page_takes_the_queries_of_the_first_and_joins_only_its_rows(client, manager, sixty):
    client.force_login(manager)
    counts = {}
    for page in (1, 3):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"page": page})
        assert response.status_code == 200
        counts[page] = len(captured)
        rows = [
            query["sql"] for query in captured.captured_queries if '"projects_investmentproject"."name"' in query["sql"]
        ]
        page_query = next(sql for sql in rows if "partners_organization" in sql and "LIMIT" in sql)
        # The joins are outside the subquery that picks the page's ids with OFFSET.
        # (PostgreSQL: ``= ANY(ARRAY(SELECT ...))``, which it computes once instead of planning a semi-join.)
        marker = "= ANY(ARRAY(SELECT" if connection.vendor == "postgresql" else "IN (SELECT"
        outer, _, inner = page_query.partition(marker)
        assert "JOIN" in outer and "LIMIT" in inner and "JOIN" not in inner.split(")")[0]
    assert counts[1] == counts[3]
    assert names_on_page(response) == [f"Project {number:03d}" for number in range(50, 60)]
    assert InvestmentProject.objects.count() == 60
