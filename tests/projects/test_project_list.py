"""The project list: filters, search, sort and page size that keep each other, confidentiality, query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import InvestmentProject, StageChange
from tests.conftest import make_country, make_organization, make_park, make_project, make_sector
from tests.partners.helpers import names_on_page, queries_for

pytestmark = pytest.mark.django_db
URL = reverse("projects:project_list")


@pytest.fixture
def pipeline(owner, other_officer):
    """Four projects that differ in every filterable way."""
    germany, korea = make_country("DE", "Germany"), make_country("KR", "South Korea")
    manufacturing, logistics = make_sector(), make_sector("logistics", "Logistics")
    eco_park, port_park = make_park(), make_park("qianwan-port", "Qianwan Port Area")
    siemens = make_organization("Siemens", country=germany)
    return {
        "alpha": make_project(
            name="Alpha smart factory",
            investor=siemens,
            origin_country=germany,
            sector=manufacturing,
            park=eco_park,
            stage="intent",
            officer=owner,
            project_type="greenfield",
            contracted_usd=Decimal("50000000"),
            contracted_amount=Decimal("50000000"),
            currency="USD",
            signed_on=date(2019, 6, 3),
        ),
        "beta": make_project(
            name="Beta cold-chain hub",
            name_zh="冷链物流中心",
            origin_country=korea,
            sector=logistics,
            park=port_park,
            stage="negotiating",
            officer=other_officer,
            project_type="joint_venture",
            investor=make_organization("Hyundai Glovis", country=korea),
            contracted_usd=Decimal("5000000"),
            contracted_amount=Decimal("5000000"),
            currency="USD",
            signed_on=date(2019, 5, 14),
            description="Refrigerated warehouses for Korean food imports.",
        ),
        "gamma": make_project(
            name="Gamma hydrogen buses",
            origin_country=germany,
            sector=manufacturing,
            park=port_park,
            stage="lead",
            status="on_hold",
            officer=owner,
        ),
        "delta": make_project(
            name="Delta wind parts", origin_country=germany, sector=manufacturing, park=eco_park, stage="intent"
        ),
    }


def get_names(client, user, query=""):
    client.force_login(user)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return response, names_on_page(response)


def test_lists_projects_with_badges_amounts_and_count(client, owner, pipeline):
    response, names = get_names(client, owner)
    assert names == ["Alpha smart factory", "Beta cold-chain hub", "Delta wind parts", "Gamma hydrogen buses"]
    html = response.content.decode()
    assert "4 results" in html
    assert 'class="badge stage-badge stage-intent"' in html
    assert 'class="badge status-badge status-on_hold"' in html
    assert "US$50\u00a0m" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("stage=intent", ["Alpha smart factory", "Delta wind parts"]),
        ("stage=intent&stage=lead", ["Alpha smart factory", "Delta wind parts", "Gamma hydrogen buses"]),
        ("status=on_hold", ["Gamma hydrogen buses"]),
        ("project_type=joint_venture", ["Beta cold-chain hub"]),
        ("usd_min=10000000", ["Alpha smart factory"]),
        ("usd_max=10000000", ["Beta cold-chain hub"]),
        ("signed_after=2019-06-01", ["Alpha smart factory"]),
        ("signed_before=2019-06-01", ["Beta cold-chain hub"]),
        ("q=siemens", ["Alpha smart factory"]),
        ("q=冷链", ["Beta cold-chain hub"]),
        ("q=refrigerated", ["Beta cold-chain hub"]),
        ("q=smart+factory", ["Alpha smart factory"]),
    ],
)
def test_each_filter_narrows(client, owner, pipeline, query, expected):
    assert get_names(client, owner, query)[1] == expected


def test_foreign_key_filters_narrow(client, owner, other_officer, pipeline):
    korea = pipeline["beta"].origin_country
    assert get_names(client, owner, f"origin_country={korea.pk}")[1] == ["Beta cold-chain hub"]
    logistics = pipeline["beta"].sector
    assert get_names(client, owner, f"sector={logistics.pk}")[1] == ["Beta cold-chain hub"]
    port = pipeline["beta"].park
    assert get_names(client, owner, f"park={port.pk}")[1] == ["Beta cold-chain hub", "Gamma hydrogen buses"]
    assert get_names(client, owner, f"officer={other_officer.pk}")[1] == ["Beta cold-chain hub"]


def test_stale_and_changed_since_filters(client, owner, pipeline):
    old = timezone.now() - timedelta(days=400)
    InvestmentProject.objects.filter(pk__in=[p.pk for p in pipeline.values()]).update(created_at=old)
    StageChange.objects.create(
        project=pipeline["alpha"],
        from_stage="negotiating",
        to_stage="intent",
        from_status="active",
        to_status="active",
        changed_at=timezone.now() - timedelta(days=3),
    )
    stale = get_names(client, owner, "stale=true")[1]
    # Gamma is on hold, so not "active" and never stale; Alpha moved three days ago.
    assert stale == ["Beta cold-chain hub", "Delta wind parts"]
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert get_names(client, owner, f"changed_since={since}")[1] == ["Alpha smart factory"]


def test_filters_combine_with_search_sort_and_page(client, owner, pipeline):
    germany = pipeline["alpha"].origin_country
    for number in range(30):
        make_project(name=f"German lead {number:02d}", origin_country=germany, stage="lead", officer=owner)
    query = f"origin_country={germany.pk}&stage=lead&q=german&o=-name&per_page=25&page=2"
    response, names = get_names(client, owner, query)
    assert names == [f"German lead {number:02d}" for number in range(4, -1, -1)]
    assert response.context["result_count"] == 30
    html = response.content.decode().replace("&amp;", "&")
    # The pagination and sort links keep every filter, the search and the page size.
    assert f"?origin_country={germany.pk}&stage=lead&q=german&o=-name&per_page=25&page=1" in html
    assert "o=name" in html and "per_page=50" in html


@pytest.mark.parametrize(
    "order, first, then",
    [
        ("name", "Alpha smart factory", "Beta cold-chain hub"),
        ("-name", "Gamma hydrogen buses", "Delta wind parts"),
        ("stage", "Gamma hydrogen buses", "Beta cold-chain hub"),
        ("stage", "Beta cold-chain hub", "Alpha smart factory"),
        ("-stage", "Alpha smart factory", "Beta cold-chain hub"),
        ("status", "Alpha smart factory", "Gamma hydrogen buses"),
        ("contracted_usd", "Beta cold-chain hub", "Alpha smart factory"),
        ("-contracted_usd", "Alpha smart factory", "Beta cold-chain hub"),
        ("signed_on", "Beta cold-chain hub", "Alpha smart factory"),
        ("investor", "Beta cold-chain hub", "Alpha smart factory"),
        ("country", "Alpha smart factory", "Beta cold-chain hub"),
        ("-country", "Beta cold-chain hub", "Alpha smart factory"),
        ("sector", "Alpha smart factory", "Beta cold-chain hub"),
        ("park", "Beta cold-chain hub", "Alpha smart factory"),
        ("officer", "Alpha smart factory", "Beta cold-chain hub"),
        ("-officer", "Beta cold-chain hub", "Alpha smart factory"),
    ],
)
def test_sortable_columns(client, owner, pipeline, order, first, then):
    names = get_names(client, owner, f"o={order}")[1]
    assert names.index(first) < names.index(then)


def test_bad_filter_input_shows_the_error_and_no_rows(client, owner, pipeline):
    response, names = get_names(client, owner, "usd_min=lots&stage=nowhere")
    assert names == []
    errors = response.context["filter"].form.errors
    assert "usd_min" in errors and "stage" in errors
    assert "Enter a number." in response.content.decode()


def test_archived_projects_leave_the_list_until_asked_for(client, owner, pipeline):
    InvestmentProject.objects.filter(pk=pipeline["delta"].pk).update(is_archived=True)
    assert "Delta wind parts" not in get_names(client, owner)[1]
    assert get_names(client, owner, "archived=true")[1] == ["Delta wind parts"]


def test_empty_state(client, owner):
    response, names = get_names(client, owner, "q=nothing-like-this")
    assert names == []
    assert "Nothing here matches." in response.content.decode()


class TestConfidentiality:
    @pytest.fixture
    def secret(self, owner):
        return make_project(name="Secret battery gigafactory", is_confidential=True, officer=owner)

    def test_absent_for_another_officer_from_list_search_and_count(self, client, other_officer, pipeline, secret):
        response, names = get_names(client, other_officer)
        assert "Secret battery gigafactory" not in names
        assert response.context["result_count"] == 4
        response, names = get_names(client, other_officer, "q=battery")
        assert names == [] and response.context["result_count"] == 0
        assert "Secret battery" not in response.content.decode()

    def test_present_for_its_officer(self, client, owner, pipeline, secret):
        response, names = get_names(client, owner, "q=battery")
        assert names == ["Secret battery gigafactory"]
        assert "Confidential" in response.content.decode()

    def test_present_for_a_manager(self, client, manager, pipeline, secret):
        response, names = get_names(client, manager)
        assert "Secret battery gigafactory" in names
        assert response.context["result_count"] == 5


def test_query_count_does_not_grow_with_rows(client, owner, other_officer):
    germany, park, sector = make_country(), make_park(), make_sector()
    client.force_login(owner)

    def add_projects(count, start):
        for number in range(start, start + count):
            make_project(
                name=f"Project {number:03d}",
                investor=make_organization(f"Investor {number:03d}"),
                origin_country=germany,
                park=park,
                sector=sector,
                officer=[owner, other_officer][number % 2],
            )

    add_projects(2, 0)
    few = queries_for(client, f"{URL}?per_page=100&o=officer", shows=["Project 000", "Investor 001"])
    add_projects(58, 2)
    many = queries_for(client, f"{URL}?per_page=100&o=officer", shows=["Project 000", "Project 059", "Investor 059"])
    assert few == many


def signed_cells(content: str, name: str) -> str:
    """The "Contracted" and "Signed on" cells of the project's row, side by side as a wide screen shows them."""
    row = content.split(f">{name}</a>", 1)[1].split("</tr>", 1)[0]
    return row.split('<td class="num d-none d-sm-table-cell">', 1)[1].split('<td class="d-none d-md-table-cell', 1)[0]


def test_no_amount_and_no_signing_read_as_one_dash(client, owner):
    make_project("Early lead", officer=owner)
    make_project("Signed plant", officer=owner, contracted_amount=Decimal("5000000"), currency="USD")
    client.force_login(owner)
    content = client.get(URL).content.decode()
    early = signed_cells(content, "Early lead")
    assert early.count("—") == 1
    assert '<span class="visually-hidden">not signed</span>' in early
    # An amount without its date still marks the missing date.
    assert "not signed" not in signed_cells(content, "Signed plant")
    assert signed_cells(content, "Signed plant").count("—") == 1
