"""Every list's column headers sort it, an arrow saying which way; list addresses carry no empty parameters."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import Agreement, Event
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
MEETINGS = reverse("crm:meeting_list")


def titles(response):
    return [meeting.title for meeting in response.context["object_list"]]


def header(content: str, label: str) -> str:
    """The ``<th>`` whose link reads ``label``."""
    match = re.search(
        rf'<th scope="col" class="sortable[^"]*"[^>]*><a [^>]*>{label}<span[^<]*</span></a></th>', content
    )
    assert match, f"no sortable header {label!r}"
    return match.group(0)


def link_of(header_html: str) -> str:
    return re.search(r'href="([^"]*)"', header_html).group(1).replace("&amp;", "&")


@pytest.fixture
def three_meetings():
    make_meeting("Beta talks", date=date(2019, 6, 1))
    make_meeting("Alpha talks", date=date(2019, 6, 3))
    make_meeting("Gamma talks", date=date(2019, 6, 2))


def test_the_default_order_shows_on_its_header(owner_client, three_meetings):
    content = owner_client.get(MEETINGS).content.decode()
    date_header = header(content, "Date")
    assert 'aria-sort="descending"' in date_header and "▼" in date_header
    assert "aria-sort" not in header(content, "Title")
    # Clicking the date header reverses the order shown, not the same order again.
    assert link_of(date_header) == "?o=date"


def test_a_header_sorts_then_reverses(owner_client, three_meetings):
    content = owner_client.get(MEETINGS).content.decode()
    response = owner_client.get(MEETINGS + link_of(header(content, "Title")))
    assert titles(response) == ["Alpha talks", "Beta talks", "Gamma talks"]
    title_header = header(response.content.decode(), "Title")
    assert 'aria-sort="ascending"' in title_header and "▲" in title_header
    assert "aria-sort" not in header(response.content.decode(), "Date")
    response = owner_client.get(MEETINGS + link_of(title_header))
    assert titles(response) == ["Gamma talks", "Beta talks", "Alpha talks"]
    assert 'aria-sort="descending"' in header(response.content.decode(), "Title")


def test_a_header_keeps_the_filters_and_leaves_the_page(owner_client, three_meetings):
    content = owner_client.get(MEETINGS, {"q": "talks", "page": "1", "per_page": "50"}).content.decode()
    link = link_of(header(content, "Title"))
    assert "q=talks" in link and "per_page=50" in link and "page=" not in link.replace("per_page", "")


@pytest.mark.parametrize(
    "url_name",
    [
        "projects:project_list",
        "projects:park_list",
        "crm:delegation_list",
        "crm:meeting_list",
        "crm:agreement_list",
        "crm:followup_list",
        "crm:event_list",
        "partners:organization_list",
        "partners:contact_list",
        "partners:country_list",
    ],
)
def test_every_list_has_sortable_headers(manager_client, manager, url_name):
    organization = make_organization(country=make_country())
    make_contact(organization=organization)
    make_project(officer=manager, park=make_park(), investor=organization)
    make_delegation()
    make_meeting()
    make_agreement()
    make_follow_up(manager)
    Event.objects.create(name="Expo", start_date=date(2019, 6, 1))
    content = manager_client.get(reverse(url_name)).content.decode()
    assert content.count('class="sortable') >= 2
    # The "Sort by" choice stays, for narrow screens.
    assert 'class="col-12 col-sm-6 col-md-4 col-xl-2 sort-choice"' in content


def test_empty_parameters_are_dropped_by_a_redirect(owner_client):
    response = owner_client.get(MEETINGS + "?q=&kind=signing&delegation=&o=&date_after=")
    assert response.status_code == 302
    assert response.url == MEETINGS + "?kind=signing"
    response = owner_client.get(MEETINGS + "?q=&kind=")
    assert response.status_code == 302
    assert response.url == MEETINGS


def test_a_repeated_parameter_keeps_its_values(owner_client):
    url = reverse("crm:agreement_list")
    response = owner_client.get(url + "?kind=mou&kind=&kind=letter_of_intent&q=")
    assert response.status_code == 302
    assert response.url == url + "?kind=mou&kind=letter_of_intent"


def test_page_and_sort_links_carry_no_empty_parameter(owner_client):
    for number in range(30):
        make_meeting(f"Meeting {number:02}")
    content = owner_client.get(MEETINGS, {"q": "meeting"}).content.decode()
    links = [href.replace("&amp;", "&") for href in re.findall(r'href="(\?[^"]*)"', content)]
    assert any("page=2" in link for link in links)
    assert links and all(not re.search(r"=(&|$)", link) for link in links)


def test_the_dashboards_intent_link_opens_the_list_oldest_first(manager_client):
    long_ago = timezone.localdate() - timedelta(days=800)
    for offset, title in ((0, "Oldest MOU"), (100, "Middle MOU"), (200, "Newest MOU")):
        make_agreement(title, kind=Agreement.Kind.MOU, signed_on=long_ago + timedelta(days=offset))
    dashboard = manager_client.get(reverse("crm:dashboard")).context
    panel = [agreement.title for agreement in dashboard["intents"]["oldest"]]
    listed = [agreement.title for agreement in manager_client.get(dashboard["intents"]["url"]).context["object_list"]]
    assert panel == listed == ["Oldest MOU", "Middle MOU", "Newest MOU"]


def test_the_follow_up_list_shows_its_due_date_order(owner_client, owner):
    make_follow_up(owner, "Call back", organization=make_organization())
    content = owner_client.get(reverse("crm:followup_list")).content.decode()
    assert 'aria-sort="ascending"' in header(content, "Due")
