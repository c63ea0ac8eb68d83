"""Countries, sectors, parks and organizations are named in the page's language, the other one beside."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.display import localized_name, other_name
from partners.models import Sector
from tests.conftest import make_country, make_organization, make_park, make_project, make_sector


@pytest.fixture
def named(db, owner):
    """A German investor with Chinese names on everything, and an organization with none."""
    germany = make_country("DE", "Germany", name_zh="德国")
    sector = make_sector()
    Sector.objects.filter(pk=sector.pk).update(name_zh="先进制造业")
    sector.refresh_from_db()
    park = make_park(name_zh="中德生态园")
    investor = make_organization("Haier Group", name_zh="海尔集团", country=germany, sector=sector)
    plain = make_organization("Krups Foerder Systeme GmbH", country=germany)
    project = make_project(
        "Smart fridge line",
        investor=investor,
        origin_country=germany,
        sector=sector,
        park=park,
        officer=owner,
        contracted_amount=Decimal("23000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        contracted_usd=Decimal("25760000"),
    )
    return {
        "country": germany,
        "sector": sector,
        "park": park,
        "investor": investor,
        "plain": plain,
        "project": project,
    }


def page(client, user, url, language):
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_name_follows_the_language_and_falls_back_to_english(named):
    with translation.override("zh-hans"):
        assert localized_name(named["country"]) == "德国"
        assert str(named["park"]) == "中德生态园"
        assert str(named["plain"]) == "Krups Foerder Systeme GmbH"
        assert other_name(named["investor"]) == "Haier Group"
        assert other_name(named["plain"]) == ""
    with translation.override("en"):
        assert str(named["investor"]) == "Haier Group"
        assert other_name(named["investor"]) == "海尔集团"
    assert localized_name(None) == ""


def test_chinese_lists_show_chinese_names_with_the_english_one_smaller(client, owner, named):
    countries = page(client, owner, "/partners/countries/", "zh-hans")
    assert ">德国</a>" in countries
    assert '<span class="small text-body-secondary"><span lang="en">Germany</span></span>' in countries

    organizations = page(client, owner, "/partners/organizations/", "zh-hans")
    assert ">海尔集团</a>" in organizations
    assert '<span lang="en">Haier Group</span>' in organizations
    assert ">Krups Foerder Systeme GmbH</a>" in organizations
    assert '<td class="place-name">德国</td>' in organizations

    parks = page(client, owner, "/projects/parks/", "zh-hans")
    assert ">中德生态园</a>" in parks
    assert ">Sino-German Eco-Park</a>" not in parks


def test_chinese_project_list_names_every_column_and_filter_choice_in_chinese(client, owner, named):
    html = page(client, owner, "/projects/", "zh-hans")
    assert ">海尔集团</a>" in html
    for name in ("德国", "先进制造业", "中德生态园"):
        assert f">{name}</td>" in html, name
    assert f'<option value="{named["country"].pk}">德国</option>' in html
    assert f'<option value="{named["sector"].pk}">先进制造业</option>' in html
    assert f'<option value="{named["park"].pk}">中德生态园</option>' in html
    assert "2,300万欧元" in html
    assert "Advanced manufacturing" not in html


def test_chinese_detail_pages_and_breadcrumbs(client, owner, named):
    organization = page(client, owner, f"/partners/organizations/{named['investor'].pk}/", "zh-hans")
    assert '<h1 class="h3 mb-1">海尔集团</h1>' in organization
    assert '<li class="breadcrumb-item active" aria-current="page">海尔集团</li>' in organization
    assert '<span lang="en">Haier Group</span>' in organization

    country = page(client, owner, "/partners/countries/DE/", "zh-hans")
    assert '<h1 class="h3 mb-1">德国 ' in country
    assert "<title>德国" in country

    park = page(client, owner, f"/projects/parks/{named['park'].code}/", "zh-hans")
    assert '<h1 class="h3 mb-1">中德生态园</h1>' in park

    project = page(client, owner, f"/projects/{named['project'].pk}/", "zh-hans")
    assert "海尔集团" in project
    assert "中德生态园" in project


def test_chinese_form_choices(client, owner, named):
    html = page(client, owner, "/projects/new/", "zh-hans")
    assert f'<option value="{named["country"].pk}">德国</option>' in html
    assert f'<option value="{named["sector"].pk}">先进制造业</option>' in html
    assert f'<option value="{named["park"].pk}">中德生态园</option>' in html

    html = page(client, owner, f"/partners/organizations/{named['investor'].pk}/edit/", "zh-hans")
    assert f'<option value="{named["country"].pk}" selected>德国</option>' in html


def test_chinese_dashboard_groups_by_chinese_names(client, manager, named):
    html = page(client, manager, "/dashboard/", "zh-hans")
    for name in ("德国", "先进制造业", "中德生态园"):
        assert f"<td>{name}</td>" in html, name
    assert "<td>Germany</td>" not in html


def test_english_pages_show_english_names_with_the_chinese_one_smaller(client, owner, manager, named):
    organizations = page(client, owner, "/partners/organizations/", "en")
    assert ">Haier Group</a>" in organizations
    assert '<span lang="zh-Hans">海尔集团</span>' in organizations
    assert ">海尔集团</a>" not in organizations

    projects = page(client, owner, "/projects/", "en")
    assert f'<option value="{named["country"].pk}">Germany</option>' in projects
    assert "€23\u00a0m" in projects
    assert ">德国<" not in projects

    form = page(client, owner, "/projects/new/", "en")
    assert f'<option value="{named["park"].pk}">Sino-German Eco-Park</option>' in form

    dashboard = page(client, manager, "/dashboard/", "en")
    assert "<td>Germany</td>" in dashboard
    assert "<td>德国</td>" not in dashboard
