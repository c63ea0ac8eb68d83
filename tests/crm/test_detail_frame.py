"""Every detail page shares one frame: breadcrumbs to its list, one heading, actions with the History link."""

import re
from datetime import date

import pytest
from django.urls import reverse

from crm.models import Event
from partners.models import CountryGroup
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


def records(manager):
    country = make_country()
    organization = make_organization("Haier Group", country=country)
    group = CountryGroup.objects.create(code="sco", name="SCO member")
    group.countries.add(country)
    return {
        "delegation": (make_delegation("Trip to Munich"), "Delegations", "Trip to Munich"),
        "meeting": (make_meeting("Talks with Haier"), "Meetings", "Talks with Haier"),
        "agreement": (make_agreement("MOU with Haier"), "Agreements", "MOU with Haier"),
        "follow-up": (
            make_follow_up(manager, "Call Haier back", organization=organization),
            "Follow-ups",
            "Call Haier back",
        ),
        "event": (Event.objects.create(name="Qingdao Week", start_date=date(2019, 6, 1)), "Events", "Qingdao Week"),
        "project": (make_project("Haier plant", officer=manager), "Projects", "Haier plant"),
        "organization": (organization, "Organizations", "Haier Group"),
        "contact": (make_contact("Zhou Yun", title="Chair", organization=organization), "Contacts", "Zhou Yun"),
        "park": (make_park(), "Parks and zones", "Sino-German Eco-Park"),
        "country": (country, "Countries", "Germany"),
        "group": (group, "Countries", "SCO member"),
    }


def test_every_detail_page_has_the_one_frame(manager_client, manager):
    for kind, (record, list_label, name) in records(manager).items():
        url = (
            record.get_absolute_url()
            if hasattr(record, "get_absolute_url")
            else reverse("partners:country_group_detail", args=[record.code])
        )
        response = manager_client.get(url)
        assert response.status_code == 200, kind
        content = response.content.decode()
        crumbs = re.search(r'<ol class="breadcrumb[^"]*">(.*?)</ol>', content, re.S)
        assert crumbs, kind
        assert f">{list_label}</a></li>" in crumbs.group(1), kind
        assert f'<li class="breadcrumb-item active" aria-current="page">{name}</li>' in crumbs.group(1), kind
        assert content.count("<h1") == 1, kind
        actions = re.search(
            r'<div class="d-flex flex-wrap gap-2 d-print-none detail-actions">(.*?)</header>', content, re.S
        )
        assert actions and "history-link" in actions.group(1), kind
        assert content.count("history-link") == 1, kind


def test_the_frame_refuses_nobody_it_should_not(client, other_officer, owner):
    """The frame changes nothing of who sees a page: a confidential project stays a 404 to another officer."""
    project = make_project("Quiet plant", officer=owner, is_confidential=True)
    client.force_login(other_officer)
    assert client.get(project.get_absolute_url()).status_code == 404
