"""The organization list: filters, search, sort, project and contact counts annotated, query count."""

import pytest
from django.urls import reverse

from tests.conftest import make_country, make_organization, make_project, make_sector
from tests.partners.helpers import add_contact, names_on_page, queries_for

pytestmark = pytest.mark.django_db
URL = reverse("partners:organization_list")


@pytest.fixture
def organizations(owner):
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    ports = make_sector("ports", "Ports and shipping")
    siemens = make_organization("Siemens", country=germany, city="Munich")
    busan = make_organization("Busan Port Authority", name_zh="釜山港湾公社", kind="port", country=korea, sector=ports)
    make_organization("Korea Chamber of Commerce", kind="chamber", country=korea, city="Seoul")
    make_project(name="Siemens open project", investor=siemens)
    make_project(name="Siemens secret project", investor=siemens, is_confidential=True, officer=owner)
    add_contact(busan, "Kim Min-jun")
    add_contact(busan, "Lee Ji-woo")
    return {"siemens": siemens, "busan": busan, "korea": korea, "ports": ports}


def names(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return names_on_page(response)


def test_lists_organizations_with_counts(client, other_officer, organizations):
    client.force_login(other_officer)
    response = client.get(URL)
    rows = {row.name: (row.project_count, row.contact_count) for row in response.context["object_list"]}
    # The confidential project is not counted for an officer who may not see it.
    assert rows == {"Busan Port Authority": (0, 2), "Korea Chamber of Commerce": (0, 0), "Siemens": (1, 0)}
    assert "3 results" in response.content.decode()


def test_counts_include_confidential_projects_for_their_officer_and_managers(client, owner, manager, organizations):
    for user in (owner, manager):
        client.force_login(user)
        rows = {row.name: row.project_count for row in client.get(URL).context["object_list"]}
        assert rows["Siemens"] == 2


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=port", ["Busan Port Authority"]),
        ("q=munich", ["Siemens"]),
        ("q=釜山", ["Busan Port Authority"]),
        ("q=seoul", ["Korea Chamber of Commerce"]),
        ("o=-name", ["Siemens", "Korea Chamber of Commerce", "Busan Port Authority"]),
        ("o=-contacts", ["Busan Port Authority"]),
    ],
)
def test_filters_search_and_sort(client, owner, organizations, query, expected):
    assert names(client, owner, query)[: len(expected)] == expected


def test_foreign_key_filters(client, owner, organizations):
    korea, ports = organizations["korea"], organizations["ports"]
    assert names(client, owner, f"country={korea.pk}") == ["Busan Port Authority", "Korea Chamber of Commerce"]
    assert names(client, owner, f"sector={ports.pk}&country={korea.pk}") == ["Busan Port Authority"]


def test_bad_filter_shows_the_error_and_no_rows(client, owner, organizations):
    client.force_login(owner)
    response = client.get(f"{URL}?kind=spaceport")
    assert names_on_page(response) == []
    assert "kind" in response.context["filter"].form.errors


def test_query_count_does_not_grow_with_rows(client, owner):
    client.force_login(owner)
    sector = make_sector()

    def add(start, count):
        for number in range(start, start + count):
            organization = make_organization(f"Company {number:03d}", sector=sector)
            add_contact(organization, f"Person {number:03d}")
            make_project(name=f"Project {number:03d}", investor=organization)

    add(0, 2)
    few = queries_for(client, f"{URL}?per_page=100", shows=["Company 000", "Company 001"])
    add(2, 58)
    assert queries_for(client, f"{URL}?per_page=100", shows=["Company 000", "Company 059"]) == few
