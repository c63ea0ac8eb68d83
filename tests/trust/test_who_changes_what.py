"""Who may change which record: one rule, ``core.access.can_change``, asked by pages, buttons, admin and services.

Officers change what they own or are responsible for, and what they created; managers change all;
organizations, contacts and events are shared by every officer; nobody but an administrator deletes.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from core.access import can_change
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting
from partners.models import Organization
from projects.models import CapitalInflow, InvestmentProject
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


def _records(owner, other_officer):
    """One record of each kind, owned by ``owner`` in each way the rule knows."""
    trip = make_delegation("Trip to Haifa", officer=owner, report="Met the port.")
    project = make_project("Haifa logistics park", officer=owner)
    return {
        "project by officer": project,
        "project by creator": make_project("Drafted project", officer=other_officer, created_by=owner),
        "capital inflow of the project": CapitalInflow.objects.create(
            project=project, received_on=date(2019, 9, 1), amount=5, currency="USD", usd_rate=1, amount_usd=5
        ),
        "delegation by officer": trip,
        "delegation by creator": make_delegation("Trip drafted for someone", officer=other_officer, created_by=owner),
        "meeting attended": _attended(make_meeting("Talks at the port"), owner),
        "meeting of the trip": make_meeting("Port visit", delegation=trip),
        "meeting by creator": make_meeting("Noted meeting", created_by=owner),
        "agreement of the trip": make_agreement("Port MOU", delegation=trip),
        "agreement by creator": make_agreement("Typed-in MOU", created_by=owner),
        "agreement party of the trip's agreement": AgreementParty.objects.create(
            agreement=make_agreement("Second MOU", delegation=trip), organization=make_organization(), side="partner"
        ),
        "follow-up by owner": make_follow_up(owner, "Send the brochure"),
        "follow-up by creator": make_follow_up(other_officer, "Call back", created_by=owner),
    }


def _attended(meeting: Meeting, user) -> Meeting:
    meeting.officers.add(user)
    return meeting


# Created by the owner for ``other_officer``, who is then responsible for them too.
HANDED_TO_OTHER = {"project by creator", "delegation by creator", "follow-up by creator"}


def test_the_owner_and_managers_change_a_record_and_another_officer_does_not(owner, other_officer, manager):
    for kind, record in _records(owner, other_officer).items():
        record = type(record)._default_manager.get(pk=record.pk)
        assert can_change(owner, record), kind
        assert can_change(manager, record), kind
        assert can_change(other_officer, record) is (kind in HANDED_TO_OTHER), kind
    assert not can_change(owner, make_delegation("Someone else's trip"))


def test_shared_directory_records_and_events_are_changed_by_any_officer(owner, other_officer):
    organization = make_organization("Haifa Port", created_by=other_officer)
    contact = make_contact("Avi Cohen", organization=organization)
    event = Event.objects.create(name="Qingdao Week in Israel", start_date=date(2019, 6, 5))
    for record in (organization, contact, event):
        assert can_change(owner, record)


def test_without_the_models_change_permission_nobody_owns_their_way_in(owner, django_user_model):
    visitor = django_user_model.objects.create_user("visitor", password="a-long-test-password")
    trip = make_delegation(officer=visitor, created_by=visitor)
    assert not can_change(visitor, trip)
    assert not can_change(visitor, make_organization())
    country = make_organization().country
    assert not can_change(owner, country)  # countries are the managers' to correct


def test_anonymous_changes_nothing(owner):
    assert not can_change(AnonymousUser(), make_delegation(officer=owner))


def test_changeable_by_lists_the_same_rows_once(owner, other_officer, manager):
    records = _records(owner, other_officer)
    mine = Meeting.objects.changeable_by(owner)
    assert set(mine) == {record for kind, record in records.items() if isinstance(record, Meeting)}
    assert mine.count() == 3
    assert Delegation.objects.changeable_by(manager).count() == Delegation.objects.count()
    assert set(FollowUp.objects.changeable_by(other_officer)) == {records["follow-up by creator"]}
    assert Organization.objects.changeable_by(other_officer).count() == Organization.objects.count()


def test_officers_and_managers_delete_nothing(owner, manager):
    for user in (owner, manager):
        assert not [perm for perm in user.get_all_permissions() if perm.split(".")[1].startswith("delete_")]


# The leak this rule closes: another officer edited a trip, its report included, and handed it over.


def test_another_officer_can_neither_open_nor_save_an_officers_delegation(client, owner, other_officer):
    trip = make_delegation("Trip to Haifa", officer=owner, status="returned", report="Met the port.")
    url = reverse("crm:delegation_update", args=[trip.pk])
    client.force_login(other_officer)

    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "title": "Trip to Haifa",
            "direction": "outbound",
            "status": "reported",
            "start_date": "2019-06-02",
            "end_date": "2019-06-07",
            "date_precision": "day",
            "officer": other_officer.pk,
            "report": "Rewritten.",
            "version": trip.version,
        },
    )

    assert response.status_code == 403
    stored = Delegation.objects.get(pk=trip.pk)
    assert (stored.officer, stored.report, stored.status, stored.version) == (owner, "Met the port.", "returned", 1)


def test_the_delegation_page_offers_edit_only_to_those_who_may(client, owner, other_officer, manager):
    trip = make_delegation("Trip to Haifa", officer=owner)
    edit = reverse("crm:delegation_update", args=[trip.pk])
    for user, offered in ((owner, True), (other_officer, False), (manager, True)):
        client.force_login(user)
        page = client.get(trip.get_absolute_url()).content.decode()
        assert (f'href="{edit}"' in page) is offered, user


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda owner: _attended(make_meeting("Talks"), owner), "crm:meeting_update"),
        (lambda owner: make_agreement("MOU", created_by=owner), "crm:agreement_update"),
        (lambda owner: make_follow_up(owner, "Call back"), "crm:followup_update"),
    ],
    ids=["meeting", "agreement", "follow-up"],
)
def test_edit_buttons_follow_the_rule(client, owner, other_officer, make, name):
    record = make(owner)
    edit = reverse(name, args=[record.pk])
    for user, offered in ((owner, True), (other_officer, False)):
        client.force_login(user)
        assert (f'href="{edit}"' in client.get(record.get_absolute_url()).content.decode()) is offered


# Records typed in say who created them.


def test_pages_record_who_created_a_record(client, owner):
    client.force_login(owner)
    client.post(
        reverse("crm:delegation_create"),
        {
            "title": "Trip to Seoul",
            "direction": "outbound",
            "status": "planned",
            "start_date": "2030-05-12",
            "date_precision": "day",
            "officer": owner.pk,
        },
    )
    client.post(
        reverse("projects:project_create"),
        {"name": "Harbour lab", "stage": "lead", "project_type": "greenfield", "signed_on_precision": "day"},
    )
    assert Delegation.objects.get().created_by == owner
    assert InvestmentProject.objects.get().created_by == owner


def test_the_admin_records_who_created_a_record_and_asks_the_rule(client, admin_user, owner, other_officer):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:crm_event_add"),
        {"name": "SCO fair", "kind": "fair", "start_date": "2019-06-05", "date_precision": "day"},
    )
    assert response.status_code == 302
    assert Event.objects.get().created_by == admin_user

    owner.is_staff = True
    owner.save()
    client.force_login(owner)
    theirs = make_agreement("Their MOU", created_by=other_officer)
    page = client.get(reverse("admin:crm_agreement_change", args=[theirs.pk]))
    assert page.context["has_change_permission"] is False
    mine = make_agreement("My MOU", created_by=owner)
    page = client.get(reverse("admin:crm_agreement_change", args=[mine.pk]))
    assert page.context["has_change_permission"] is True
    assert Agreement.objects.count() == 2
