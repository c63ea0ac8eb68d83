"""Detail pages show the first rows of each section, its true total and a link to the list that has them all."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.views import SECTION_ROWS
from crm.models import Agreement
from crm.timeline import TIMELINE_ENTRIES
from projects.models import StageChange
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_park,
    make_project,
)

pytestmark = pytest.mark.django_db


def fill_organization(organization, officer, count: int) -> None:
    """``count`` projects (with a move each), meetings, agreements, follow-ups and contacts."""
    for number in range(count):
        day = date(2019, 1, 1) + timedelta(days=number)
        project = make_project(
            f"{organization} plant {number:03d}", investor=organization, contracted_usd=1000 * (number + 1)
        )
        StageChange.objects.create(project=project, to_stage="lead", to_status="active", changed_by=officer)
        make_meeting(f"{organization} talk {number:03d}", date=day).organizations.add(organization)
        make_agreement(f"{organization} MOU {number:03d}", parties=[(organization, "partner")], signed_on=day)
        make_follow_up(officer, f"{organization} call {number:03d}", organization=organization, due_on=day)
        make_contact(f"{organization} person {number:03d}", organization=organization)


def fill_country(country, count: int) -> None:
    for number in range(count):
        investor = make_organization(f"{country.code} firm {number:03d}", country=country)
        make_project(
            f"{country.code} factory {number:03d}", investor=investor, origin_country=country, contracted_usd=number + 1
        )
        make_delegation(
            f"{country.code} visit {number:03d}", start_date=date(2019, 1, 1) + timedelta(days=number)
        ).countries.add(country)


def queries(client, url, shows: list[str]) -> int:
    """The queries one GET of ``url`` runs; the page must show each of ``shows``."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert [text for text in shows if text not in content] == []
    return len(captured)


def first_rows(name: str, last: int) -> list[str]:
    """The newest or largest row of each section of an organization's page, and its true total."""
    return [f"{name} {kind} {last:03d}" for kind in ("plant", "talk", "MOU")] + [f"Show all {last + 1}"]


def show_all_links(response) -> dict[str, str]:
    return {name: section.url for name, section in response.context.items() if hasattr(section, "more")}


def assert_links_match_lists(client, response, names):
    """Each named section's "Show all N" link leads to a list of exactly N rows, and N is on the page."""
    content = response.content.decode()
    for name in names:
        section = response.context[name]
        assert section.more, name
        assert len(section.rows) == SECTION_ROWS, name
        assert f"Show all {section.total}" in content, name
        assert section.url in content.replace("&amp;", "&"), name
        listed = client.get(section.url)
        assert listed.status_code == 200, name
        assert listed.context["result_count"] == section.total, (name, section.url)


# The organization page


def test_organization_page_caps_every_section_and_links_to_exact_lists(client, owner):
    organization = make_organization("Busy Group")
    fill_organization(organization, owner, 14)
    # What the lists leave out, the page leaves out of its counts too.
    make_project("Archived plant", investor=organization, is_archived=True)
    make_meeting("Archived talk", is_archived=True).organizations.add(organization)
    make_follow_up(owner, "Archived call", organization=organization, is_archived=True)
    client.force_login(owner)

    response = client.get(organization.get_absolute_url())

    assert response.status_code == 200
    context = response.context
    assert context["projects"].total == 14 and context["meetings"].total == 14
    assert context["agreement_links"].total == 14 and context["follow_ups"].total == 14
    assert context["contacts"].total == 14
    assert_links_match_lists(client, response, ["projects", "meetings", "agreement_links", "follow_ups", "contacts"])
    assert len(context["timeline"]) == TIMELINE_ENTRIES


def test_organization_sections_show_the_largest_and_newest(client, owner):
    organization = make_organization("Busy Group")
    fill_organization(organization, owner, 12)
    client.force_login(owner)
    context = client.get(organization.get_absolute_url()).context

    assert [p.name for p in context["projects"].rows][:2] == ["Busy Group plant 011", "Busy Group plant 010"]
    assert [m.title for m in context["meetings"].rows][:2] == ["Busy Group talk 011", "Busy Group talk 010"]
    assert [link.agreement.title for link in context["agreement_links"].rows][0] == "Busy Group MOU 011"
    timeline_dates = [entry.date for entry in context["timeline"] if entry.date]
    assert timeline_dates == sorted(timeline_dates, reverse=True)
    assert "Busy Group talk 011" in [entry.title for entry in context["timeline"]]


def test_organization_page_without_more_rows_has_no_show_all_link(client, owner):
    organization = make_organization("Small Group")
    fill_organization(organization, owner, 2)
    client.force_login(owner)
    response = client.get(organization.get_absolute_url())
    assert response.context["projects"].total == 2 and not response.context["projects"].more
    assert "Show all" not in response.content.decode()


def test_confidential_projects_stay_out_of_counts_and_rows(client, owner, other_officer, manager):
    organization = make_organization("Busy Group")
    fill_organization(organization, owner, 11)
    make_project("Secret plant", investor=organization, is_confidential=True, officer=owner, contracted_usd=10**9)

    for user, total, sees_secret in ((other_officer, 11, False), (owner, 12, True), (manager, 12, True)):
        client.force_login(user)
        response = client.get(organization.get_absolute_url())
        assert response.context["projects"].total == total, user
        assert ("Secret plant" in response.content.decode()) is sees_secret, user
        listed = client.get(response.context["projects"].url)
        assert listed.context["result_count"] == total, user


def test_organization_page_query_count_does_not_grow(client, owner):
    small, busy = make_organization("Small Group"), make_organization("Busy Group")
    fill_organization(small, owner, 2)
    fill_organization(busy, owner, 60)
    client.force_login(owner)
    small_shows = [f"Small Group {kind} 001" for kind in ("plant", "talk", "MOU", "call", "person")]
    queries(client, small.get_absolute_url(), small_shows)  # warm caches (content types, permissions)
    few = queries(client, small.get_absolute_url(), small_shows)
    assert queries(client, busy.get_absolute_url(), first_rows("Busy Group", 59)) == few


def test_archived_organization_links_still_open_their_lists(client, owner):
    organization = make_organization("Former Group", is_archived=True)
    fill_organization(organization, owner, 11)
    client.force_login(owner)
    response = client.get(organization.get_absolute_url())
    assert_links_match_lists(client, response, ["projects", "meetings", "agreement_links", "follow_ups", "contacts"])


# The country page


def test_country_page_caps_every_section_and_links_to_exact_lists(client, owner):
    korea = make_country("KR", "Korea")
    fill_country(korea, 13)
    make_organization("Archived firm", country=korea, is_archived=True)
    client.force_login(owner)

    response = client.get(korea.get_absolute_url())

    assert response.status_code == 200
    context = response.context
    assert context["organizations"].total == 13 and context["projects"].total == 13
    assert context["delegations"].total == 13
    assert_links_match_lists(client, response, ["organizations", "projects", "delegations"])
    assert [p.name for p in context["projects"].rows][0] == "KR factory 012"
    assert [d.title for d in context["delegations"].rows][0] == "KR visit 012"


def test_country_page_hides_confidential_projects_from_others(client, owner, other_officer):
    korea = make_country("KR", "Korea")
    fill_country(korea, 11)
    make_project("Secret fab", origin_country=korea, is_confidential=True, officer=owner, contracted_usd=10**9)
    client.force_login(other_officer)
    response = client.get(korea.get_absolute_url())
    assert response.context["projects"].total == 11
    assert "Secret fab" not in response.content.decode()
    assert client.get(response.context["projects"].url).context["result_count"] == 11


def test_country_page_query_count_does_not_grow(client, owner):
    small, large = make_country("AT", "Austria"), make_country("KR", "Korea")
    fill_country(small, 2)
    fill_country(large, 60)
    client.force_login(owner)
    small_shows = [f"AT {kind} 001" for kind in ("firm", "factory", "visit")]
    queries(client, small.get_absolute_url(), small_shows)
    few = queries(client, small.get_absolute_url(), small_shows)
    assert queries(client, large.get_absolute_url(), ["KR factory 059", "KR visit 059", "Show all 60"]) == few


# The contact and park pages


def test_contact_page_caps_meetings_and_links_to_the_meeting_list(client, owner):
    contact = make_contact("Kim Min-jun")
    for number in range(12):
        make_meeting(f"Talk {number:03d}", date=date(2019, 1, 1) + timedelta(days=number)).contacts.add(contact)
    client.force_login(owner)
    response = client.get(contact.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["timeline"]) == SECTION_ROWS
    assert_links_match_lists(client, response, ["meetings"])


def test_park_page_caps_each_stage_and_links_to_the_stage_in_the_list(client, owner):
    park = make_park()
    for number in range(12):
        make_project(f"Tenant {number:03d}", park=park, stage="lead")
    make_project("Signed tenant", park=park, stage="contracted")
    client.force_login(owner)
    response = client.get(park.get_absolute_url())
    lead = next(group for group in response.context["stages"] if group["stage"] == "lead")["projects"]
    assert lead.total == 12 and len(lead.rows) == SECTION_ROWS
    assert f"Show all {lead.total}" in response.content.decode()
    assert client.get(lead.url).context["result_count"] == 12
    assert response.context["project_count"] == 13


def test_agreements_count_once_per_agreement(client, owner):
    organization = make_organization("Busy Group")
    for number in range(11):
        make_agreement(f"Deal {number}", parties=[(organization, "partner")])
    assert Agreement.objects.filter(parties=organization).count() == 11
    client.force_login(owner)
    response = client.get(organization.get_absolute_url())
    assert client.get(response.context["agreement_links"].url).context["result_count"] == 11
