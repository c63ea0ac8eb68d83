"""Official figures beside what the CRM's records add up to: city, country and group pages, and the dashboard."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from partners.models import CountryGroup
from projects import figures
from projects.models import CapitalInflow, Figure
from tests.conftest import make_country, make_project
from tests.crm.conftest import queries_for

pytestmark = pytest.mark.django_db
JAN, MAY = date(2019, 1, 1), date(2019, 5, 1)


def city(metric, value, currency="USD", **extra):
    fields = {"period_start": JAN, "as_of": MAY, "as_of_precision": "month", "provenance": "brochure L379-385"}
    fields.update(extra)
    return Figure.objects.create(
        scope="city", metric=metric, label=f"Official {metric}", value=value, currency=currency, **fields
    )


def contracted(name, on, usd, **extra):
    extra.setdefault("stage", "contracted")
    return make_project(
        name, signed_on=on, contracted_amount=usd, currency="USD", usd_rate=1, contracted_usd=usd, **extra
    )


def inflow(project, usd, on):
    CapitalInflow.objects.create(
        project=project, received_on=on, amount=usd, currency="USD", usd_rate=1, amount_usd=usd
    )


@pytest.fixture
def records():
    """Inside January-May 2019: P (300) and its phase Q (50), inflows 40 (May 31) and 5 (June 1, outside).

    Outside: a June signing, an outbound project, an intent, an archived project.
    """
    korea = make_country("KR", "South Korea")
    russia = make_country("RU", "Russia")
    sco = CountryGroup.objects.create(code="sco", name="SCO member")
    russia.groups.add(sco)
    p = contracted("P", date(2019, 2, 1), 300, origin_country=korea)
    contracted("Q phase", date(2019, 5, 31), 50, origin_country=russia, parent=p)
    contracted("June", date(2019, 6, 1), 1000, origin_country=korea)
    contracted("Haier Russia", date(2019, 3, 1), 70, origin_country=russia, direction="outbound")
    contracted("Intent", date(2019, 3, 1), 90, origin_country=korea, stage="intent")
    contracted("Archived", date(2019, 3, 1), 90, origin_country=korea, is_archived=True)
    inflow(p, 40, date(2019, 5, 31))
    inflow(p, 5, date(2019, 6, 1))
    return {"korea": korea, "russia": russia, "sco": sco}


def test_period_end_follows_the_precision():
    assert figures.period_end(date(2019, 5, 1), "month") == date(2019, 5, 31)
    assert figures.period_end(date(2019, 1, 1), "quarter") == date(2019, 3, 31)
    assert figures.period_end(date(2019, 10, 1), "quarter") == date(2019, 12, 31)
    assert figures.period_end(date(2018, 1, 1), "year") == date(2018, 12, 31)
    assert figures.period_end(date(2019, 6, 3), "day") == date(2019, 6, 3)


def test_city_figures_beside_inbound_records_of_the_period(records, manager):
    city("contracted_investment", 5_130_000_000)
    city("utilized_investment", 2_360_000_000)
    city("investment_projects", 396, currency="")
    city("trade_volume", 1, currency="USD")
    compared = {row.figure.metric: row for row in figures.comparisons(Figure.objects.all(), manager)}
    assert compared["contracted_investment"].tracked == Decimal(350)  # P and the phase's increment
    assert compared["investment_projects"].tracked == 1  # the phase is not a new project
    assert compared["utilized_investment"].tracked == Decimal(40)  # the June inflow is outside
    assert not compared["trade_volume"].is_tracked
    assert compared["contracted_investment"].period == "January 2019 – May 2019"


def test_tracked_links_show_the_rows_counted(records, manager_client, manager):
    city("contracted_investment", 5_130_000_000)
    city("investment_projects", 396, currency="")
    for row in figures.comparisons(Figure.objects.all(), manager):
        response = manager_client.get(row.url)
        names = [project.name for project in response.context["object_list"]]
        expected = ["P", "Q phase"] if row.figure.metric == "contracted_investment" else ["P"]
        assert sorted(names) == expected


def test_group_figure_counts_member_countries(records, manager):
    figure = Figure.objects.create(
        scope="country_group",
        country_group=records["sco"],
        metric="contracted_investment",
        label="SCO",
        value=1,
        currency="USD",
        period_start=JAN,
        as_of=MAY,
        as_of_precision="month",
    )
    assert figures.compare(figure, manager).tracked == Decimal(50)  # the phase from Russia; Haier Russia is outbound


def test_officer_sums_leave_out_confidential_projects_of_others(records, other_officer):
    contracted("Secret", date(2019, 2, 1), 1000, origin_country=records["korea"], is_confidential=True)
    figure = city("contracted_investment", 5_130_000_000)
    assert figures.compare(figure, other_officer).tracked == Decimal(350)


def test_country_page_shows_official_and_tracked(records, owner_client):
    Figure.objects.create(
        scope="country",
        country=records["korea"],
        metric="contracted_investment",
        label="Signed from Korea",
        value=30_462_000_000,
        currency="USD",
        as_of=date(2019, 3, 1),
        as_of_precision="month",
        provenance="brochure L310-311",
    )
    content = owner_client.get(reverse("partners:country_detail", args=["KR"])).content.decode()
    assert "Signed from Korea" in content
    assert "30,462,000,000" in content
    assert "300\u00a0USD" in content  # P, signed before the end of March 2019
    assert "as of March 2019" in content
    assert "brochure L310-311" in content


def test_group_page_works_for_officers(records, owner_client):
    Figure.objects.create(
        scope="country_group",
        country_group=records["sco"],
        metric="trade_volume",
        label="SCO trade 2018",
        value=5_500_000_000,
        currency="USD",
        period_start=date(2018, 1, 1),
        as_of=date(2018, 1, 1),
        as_of_precision="year",
        provenance="brochure L896-897",
    )
    url = reverse("partners:country_group_detail", args=["sco"])
    queries_for(owner_client, url, shows=["SCO member", "SCO trade 2018", "Russia", "not kept in the CRM"])


def test_group_page_sends_the_signed_out_to_log_in(records, client):
    assert client.get(reverse("partners:country_group_detail", args=["sco"])).status_code == 302


def test_group_page_of_an_unknown_code_is_not_found(records, owner_client):
    assert owner_client.get(reverse("partners:country_group_detail", args=["nowhere"])).status_code == 404


def test_group_page_refuses_a_user_without_a_role(records, client, no_role):
    client.force_login(no_role)
    assert client.get(reverse("partners:country_group_detail", args=["sco"])).status_code == 403


def test_country_page_links_its_groups(records, owner_client):
    content = owner_client.get(reverse("partners:country_detail", args=["RU"])).content.decode()
    assert reverse("partners:country_group_detail", args=["sco"]) in content


def test_dashboard_panel_sets_city_figures_beside_records(records, manager_client):
    city("contracted_investment", 5_130_000_000)
    content = manager_client.get(reverse("crm:dashboard")).content.decode()
    assert "Official contracted_investment" in content
    assert "5,130,000,000\u00a0USD" in content
    assert "350\u00a0USD" in content
