"""Every entry of the navigation bar leads somewhere real."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXPECTED = {
    "officer": [
        "/",
        "/projects/",
        "/delegations/",
        "/meetings/",
        "/agreements/",
        "/follow-ups/",
        "/events/",
        "/partners/organizations/",
        "/partners/contacts/",
        "/partners/countries/",
        "/projects/parks/",
        "/projects/figures/",
        "/projects/rates/",
        "/calendar/",
        "/notifications/",
        "/account/reminders/",
        "/account/tokens/",
        "/accounts/password/",
    ],
}


def nav_links(html: str) -> list[str]:
    nav = html.split('id="main-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'class="(?:nav-link|dropdown-item)[^"]*" href="([^"#]+)"', nav)


def test_officer_navigation_lists_every_section_and_each_opens(client, owner):
    client.force_login(owner)
    links = nav_links(client.get(reverse("crm:my_work")).content.decode())
    assert links == EXPECTED["officer"]
    for link in links:
        assert client.get(link).status_code == 200, link


def test_manager_navigation_adds_the_dashboard(client, manager):
    client.force_login(manager)
    links = nav_links(client.get(reverse("crm:my_work")).content.decode())
    assert links[:2] == ["/", "/dashboard/"]
    assert client.get("/dashboard/").status_code == 200
