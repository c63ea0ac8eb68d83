"""Park list and park page: projects by stage, confidential projects counted only for who may see them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import make_park, make_project
from tests.partners.helpers import queries_for

pytestmark = pytest.mark.django_db
LIST = reverse("projects:park_list")


@pytest.fixture
def park(owner):
    park = make_park()
    make_project(name="Open lead", park=park, stage="lead", officer=owner)
    make_project(name="Open contract", park=park, stage="contracted", officer=owner, contracted_usd=Decimal("30000000"))
    make_project(
        name="Secret contract",
        park=park,
        stage="contracted",
        officer=owner,
        is_confidential=True,
        contracted_usd=Decimal("70000000"),
    )
    return park


def test_list_shows_counts_and_totals_of_visible_projects(client, owner, other_officer, park):
    client.force_login(other_officer)
    response = client.get(LIST)
    assert response.status_code == 200
    (row,) = response.context["object_list"]
    assert (row.project_count, row.contracted_usd) == (2, Decimal("30000000"))
    client.force_login(owner)
    (row,) = client.get(LIST).context["object_list"]
    assert (row.project_count, row.contracted_usd) == (3, Decimal("100000000"))


def test_list_filters_by_district_and_search(client, owner, park):
    make_park("oceantec-valley", "Qingdao Oceantec Valley", district="jimo")
    client.force_login(owner)
    assert [p.name for p in client.get(f"{LIST}?district=jimo").context["object_list"]] == ["Qingdao Oceantec Valley"]
    assert [p.name for p in client.get(f"{LIST}?q=eco").context["object_list"]] == ["Sino-German Eco-Park"]


def test_detail_groups_visible_projects_by_stage(client, other_officer, park):
    client.force_login(other_officer)
    response = client.get(park.get_absolute_url())
    assert response.status_code == 200
    groups = {group["stage"]: [p.name for p in group["projects"]] for group in response.context["stages"]}
    assert groups["lead"] == ["Open lead"] and groups["contracted"] == ["Open contract"]
    assert "Secret contract" not in response.content.decode()


def test_detail_for_a_manager_includes_confidential_projects(client, manager, park):
    client.force_login(manager)
    response = client.get(park.get_absolute_url())
    contracted = next(group for group in response.context["stages"] if group["stage"] == "contracted")
    assert [p.name for p in contracted["projects"]] == ["Open contract", "Secret contract"]
    assert contracted["usd"] == Decimal("100000000")


def test_list_query_count_does_not_grow_with_rows(client, owner):
    client.force_login(owner)
    for number in range(2):
        make_project(name=f"P{number}", park=make_park(f"park-{number}", f"Park {number:02d}"))
    few = queries_for(client, f"{LIST}?per_page=100", shows=["Park 00", "Park 01"])
    for number in range(2, 60):
        make_project(name=f"P{number}", park=make_park(f"park-{number}", f"Park {number:02d}"))
    assert queries_for(client, f"{LIST}?per_page=100", shows=["Park 00", "Park 59"]) == few
