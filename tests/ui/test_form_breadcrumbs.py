"""Every edit page has its record's detail-page breadcrumbs plus "Edit"; every create page the list and "New …"."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from crm.models import Event
from tests.conftest import (
    make_agreement,
    make_contact,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_project,
)

pytestmark = pytest.mark.django_db
ITEM = re.compile(r'<li class="breadcrumb-item[^"]*"[^>]*>(?:<a href="([^"]*)">)?(.*?)(?:</a>)?</li>', re.S)


def crumbs(client, url: str) -> list[tuple[str | None, str]]:
    """The page's breadcrumbs as (link or None, text)."""
    response = client.get(url)
    assert response.status_code == 200, url
    trail = response.content.decode().split('<ol class="breadcrumb', 1)[1].split("</ol>", 1)[0]
    return [(href or None, unescape(text).strip()) for href, text in ITEM.findall(trail)]


RECORDS = {
    "delegation": lambda owner: make_delegation("Trip to Hamburg", officer=owner),
    "meeting": lambda owner: make_meeting("Talk at the port"),
    "agreement": lambda owner: make_agreement("Port MOU"),
    "event": lambda owner: Event.objects.create(name="Qingdao Week", start_date=date(2019, 6, 3)),
    "followup": lambda owner: make_follow_up(owner, "Send the brochure"),
}


@pytest.mark.parametrize("name", RECORDS)
def test_edit_page_has_the_detail_page_breadcrumbs_and_edit(client, admin_user, name):
    record = RECORDS[name](admin_user)
    client.force_login(admin_user)
    detail = crumbs(client, record.get_absolute_url())
    (list_link, list_label), (_here, record_label) = detail
    edit = crumbs(client, reverse(f"crm:{name}_update", args=[record.pk]))
    assert edit == [(list_link, list_label), (record.get_absolute_url(), record_label), (None, "Edit")]
    create = crumbs(client, reverse(f"crm:{name}_create"))
    assert create[0] == (list_link, list_label) and create[-1][1].startswith("New ") and len(create) == 2


@pytest.mark.parametrize(
    ("make", "edit_url", "new_label"),
    [
        (lambda: make_project("Harbour plant"), "projects:project_update", "New project"),
        (lambda: make_organization("Hamburg Port"), "partners:organization_update", "New organization"),
        (lambda: make_contact("Anna Schmidt"), "partners:contact_update", "New contact"),
    ],
)
def test_project_organization_and_contact_forms_keep_the_same_trail(client, admin_user, make, edit_url, new_label):
    record = make()
    client.force_login(admin_user)
    (list_link, list_label), (_here, record_label) = crumbs(client, record.get_absolute_url())
    edit = crumbs(client, reverse(edit_url, args=[record.pk]))
    assert edit == [(list_link, list_label), (record.get_absolute_url(), record_label), (None, "Edit")]
    create = crumbs(client, reverse(edit_url.replace("_update", "_create")))
    assert create == [(list_link, list_label), (None, new_label)]


def test_edit_page_refuses_an_officer_who_may_not_change_the_record(client, owner, other_officer):
    trip = make_delegation("Trip to Hamburg", officer=owner)
    client.force_login(other_officer)
    assert client.get(reverse("crm:delegation_update", args=[trip.pk])).status_code in (403, 404)
