"""Merging an organization recorded twice: the page for managers and ``merge_organizations``."""

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crm.models import AgreementParty, Delegation, Event, FollowUp, Meeting
from partners.models import Contact, Organization
from partners.references import contact_references, organization_references
from partners.services import merge_organizations
from projects.models import InvestmentProject
from tests.conftest import (
    make_agreement,
    make_delegation,
    make_follow_up,
    make_meeting,
    make_organization,
    make_project,
)
from tests.partners.helpers import add_contact


def make_event():
    return Event.objects.create(name="Hannover Messe promotion", start_date=date(2019, 4, 1))


pytestmark = pytest.mark.django_db
PARTNER = AgreementParty.Side.PARTNER
QINGDAO = AgreementParty.Side.QINGDAO


def merge_url(organization, **query):
    url = reverse("partners:organization_merge", args=[organization.pk])
    return url + "".join(f"{'&' if index else '?'}{key}={value}" for index, (key, value) in enumerate(query.items()))


@pytest.fixture
def pair(owner):
    """A company recorded twice, each record with something pointing at it."""
    keep = make_organization("Brose Fahrzeugteile SE & Co. KG")
    away = make_organization("Brose Fahrzeugteile GmbH", city="Coburg", website="https://www.brose.com")
    contact = add_contact(away, "Kurt Sauernheimer", email="k@brose.example")
    meeting = make_meeting()
    meeting.organizations.add(away)
    meeting.contacts.add(contact)
    agreement = make_agreement(parties=[(away, PARTNER)])
    project = make_project(investor=away)
    follow_up = make_follow_up(owner, organization=away)
    delegation = make_delegation()
    delegation.organizations.add(away)
    subsidiary = make_organization("Brose Sitech", parent=away)
    return {
        "keep": keep,
        "away": away,
        "contact": contact,
        "meeting": meeting,
        "agreement": agreement,
        "project": project,
        "follow_up": follow_up,
        "delegation": delegation,
        "subsidiary": subsidiary,
    }


def test_every_relation_to_an_organization_or_a_contact_is_registered():
    """A new foreign key to an organization must be registered, or a merge would leave rows behind."""
    registered = {reference.key for reference in organization_references}
    contacts = {reference.key for reference in contact_references}
    for model, references in ((Organization, registered), (Contact, contacts)):
        for relation in model._meta.get_fields():
            if not (relation.is_relation and relation.auto_created and not relation.concrete):
                continue
            related = relation.related_model
            if related._meta.label_lower.split(".")[1].startswith("historical"):
                continue
            if getattr(related._meta, "auto_created", False):  # a many-to-many table
                continue
            through = getattr(relation.field.remote_field, "through", None)
            if through is not None and not through._meta.auto_created:
                continue  # moved as the rows of its through model (agreement parties)
            key = f"{related._meta.label_lower}.{relation.field.name}"
            if model is Contact and key == "partners.contact.organization":
                continue
            assert key in references, key
    assert apps.is_installed("crm")


def test_merge_moves_every_kind_of_reference(pair, manager):
    keep, away = pair["keep"], pair["away"]
    moved = merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same company, two legal forms")
    assert moved == {
        "Contacts": 1,
        "Subsidiaries": 1,
        "Projects as investor": 1,
        "Meetings": 1,
        "Agreement parties": 1,
        "Delegations": 1,
        "Follow-ups": 1,
    }
    assert list(keep.contacts.all()) == [pair["contact"]]
    assert list(keep.meetings.all()) == [pair["meeting"]]
    assert list(keep.agreements.all()) == [pair["agreement"]]
    assert list(keep.projects.all()) == [pair["project"]]
    assert list(keep.follow_ups.all()) == [pair["follow_up"]]
    assert list(keep.delegations.all()) == [pair["delegation"]]
    assert list(keep.subsidiaries.all()) == [pair["subsidiary"]]
    for related in ("contacts", "meetings", "agreements", "projects", "follow_ups", "delegations", "subsidiaries"):
        assert not getattr(away, related).exists(), related
    away.refresh_from_db()
    keep.refresh_from_db()
    assert away.merged_into == keep and away.is_archived
    assert "Same company, two legal forms" in away.notes
    # What the survivor lacked, the duplicate gives.
    assert (keep.city, keep.website) == ("Coburg", "https://www.brose.com")


def test_every_moved_record_names_the_merge_in_its_history(pair, manager):
    merge_organizations(user=manager, keep=pair["keep"], merge_away=pair["away"], reason="One company")
    for name in ("contact", "meeting", "project", "follow_up", "delegation", "subsidiary", "keep", "away"):
        record = pair[name]
        latest = record.history.first()
        assert "Merged “Brose Fahrzeugteile GmbH”" in latest.history_change_reason, name
        assert "One company" in latest.history_change_reason
    party = AgreementParty.objects.get(agreement=pair["agreement"])
    assert "One company" in party.history.first().history_change_reason


def test_counts_are_kept(pair, manager):
    keep = pair["keep"]
    keep.meetings.add(make_meeting())
    before = {
        model: model.objects.count()
        for model in (Organization, Contact, Meeting, AgreementParty, InvestmentProject, FollowUp, Delegation)
    }
    merge_organizations(user=manager, keep=keep, merge_away=pair["away"], reason="One company")
    after = {model: model.objects.count() for model in before}
    assert before == after
    assert keep.meetings.count() == 2


def test_shared_meetings_events_and_agreements_keep_one_link(manager):
    keep, away = make_organization("Haier Group"), make_organization("Haier Co., Ltd.")
    meeting = make_meeting()
    meeting.organizations.add(keep, away)
    event = make_event()
    event.organizers.add(keep, away)
    agreement = make_agreement(parties=[(keep, PARTNER), (away, PARTNER)])
    merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same group")
    assert list(meeting.organizations.all()) == [keep]
    assert list(event.organizers.all()) == [keep]
    assert list(agreement.party_links.values_list("organization", flat=True)) == [keep.pk]
    assert not Event.objects.filter(organizers=away).exists()


def test_contacts_of_the_same_name_merge_without_losing_anything(manager):
    keep, away = make_organization("Haier Group"), make_organization("Haier Co., Ltd.")
    staying = add_contact(keep, "Zhou Yunjie", title="Chairman")
    moving = add_contact(away, "Zhou Yunjie", email="zhou@haier.example", notes="Met in Hamburg")
    other = add_contact(away, "Liang Haishan")
    meeting = make_meeting()
    meeting.contacts.add(moving)
    delegation = make_delegation(leader=moving)
    agreement = make_agreement(parties=[(away, PARTNER)])
    AgreementParty.objects.filter(agreement=agreement).update(signatory=moving)
    moved = merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same group")
    assert moved["Contacts"] == 2
    staying.refresh_from_db()
    moving.refresh_from_db()
    assert (staying.title, staying.email, staying.notes) == ("Chairman", "zhou@haier.example", "Met in Hamburg")
    assert list(meeting.contacts.all()) == [staying]
    delegation.refresh_from_db()
    assert delegation.leader == staying
    assert AgreementParty.objects.get(agreement=agreement).signatory == staying
    # The second record of the person stays, archived, with the organization merged away.
    assert moving.is_archived and moving.organization == away
    assert set(keep.contacts.values_list("name", flat=True)) == {"Zhou Yunjie", "Liang Haishan"}
    other.refresh_from_db()
    assert other.organization == keep


def test_parties_on_different_sides_stop_the_merge(manager):
    keep, away = make_organization("Haier Group"), make_organization("Haier Co., Ltd.")
    make_agreement(title="Cooperation MOU", parties=[(keep, PARTNER), (away, QINGDAO)])
    follow_up_count = FollowUp.objects.count()
    with pytest.raises(ValidationError) as refusal:
        merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same group")
    assert "different sides" in str(refusal.value)
    away.refresh_from_db()
    assert away.merged_into is None and not away.is_archived
    assert AgreementParty.objects.filter(organization=away).count() == 1
    assert FollowUp.objects.count() == follow_up_count


def test_merge_refuses_an_officer_no_reason_and_itself(pair, owner, manager):
    keep, away = pair["keep"], pair["away"]
    with pytest.raises(PermissionDenied):
        merge_organizations(user=owner, keep=keep, merge_away=away, reason="Same")
    with pytest.raises(ValidationError):
        merge_organizations(user=manager, keep=keep, merge_away=away, reason="  ")
    with pytest.raises(ValidationError):
        merge_organizations(user=manager, keep=away, merge_away=away, reason="Same")
    assert not Organization.objects.filter(merged_into__isnull=False).exists()
    assert away.meetings.exists()


def test_a_merged_record_cannot_be_merged_again(pair, manager):
    keep, away = pair["keep"], pair["away"]
    merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same")
    away.refresh_from_db()
    with pytest.raises(ValidationError):
        merge_organizations(user=manager, keep=keep, merge_away=away, reason="Again")
    with pytest.raises(ValidationError):
        merge_organizations(user=manager, keep=away, merge_away=make_organization("Brose"), reason="Wrong way")


# The page


def test_manager_sees_what_moves(client, pair, manager):
    client.force_login(manager)
    response = client.get(merge_url(pair["away"], keep=pair["keep"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert dict((label, count) for label, count, _twins in response.context["preview"]) == {
        "Contacts": 1,
        "Subsidiaries": 1,
        "Projects as investor": 1,
        "Meetings": 1,
        "Agreement parties": 1,
        "Delegations": 1,
        "Follow-ups": 1,
    }
    assert "Merge them" in html and 'name="reason"' in html


def test_manager_merges_and_is_taken_to_the_survivor(client, pair, manager):
    client.force_login(manager)
    keep, away = pair["keep"], pair["away"]
    response = client.post(merge_url(away), {"keep": keep.pk, "reason": "Two legal forms"}, follow=True)
    assert response.redirect_chain[0] == (keep.get_absolute_url(), 302)
    assert "is merged into" in response.content.decode()
    assert list(keep.meetings.all()) == [pair["meeting"]]
    assert list(keep.agreements.all()) == [pair["agreement"]]


def test_the_old_address_leads_to_the_survivor_with_a_message(client, pair, manager, owner):
    keep, away = pair["keep"], pair["away"]
    merge_organizations(user=manager, keep=keep, merge_away=away, reason="Two legal forms")
    client.force_login(owner)
    response = client.get(away.get_absolute_url(), follow=True)
    assert response.redirect_chain == [(keep.get_absolute_url(), 302)]
    html = response.content.decode()
    assert "was merged into this organization" in html
    history = reverse("record_history", args=["partners", "organization", away.pk])
    assert history in html
    assert "Two legal forms" in client.get(history).content.decode()


def test_a_merge_without_reason_changes_nothing(client, pair, manager):
    client.force_login(manager)
    response = client.post(merge_url(pair["away"]), {"keep": pair["keep"].pk, "reason": ""})
    assert response.status_code == 200
    assert "Say why these are the same organization." in response.content.decode()
    assert pair["away"].meetings.exists()


def test_bad_input_is_a_clear_message(client, pair, manager):
    client.force_login(manager)
    response = client.post(merge_url(pair["away"]), {"keep": "not-a-number", "reason": "x"})
    assert response.status_code == 200 and response.context["form"].errors["keep"]
    assert client.get(merge_url(pair["away"], keep="abc")).status_code == 200
    assert client.get(reverse("partners:organization_merge", args=[999999])).status_code == 404
    response = client.post(merge_url(pair["away"]), {"keep": pair["away"].pk, "reason": "x"})
    assert response.status_code == 200 and response.context["form"].errors["keep"]


def test_officer_gets_403_and_anonymous_the_login(client, pair, owner):
    url = merge_url(pair["away"], keep=pair["keep"].pk)
    assert client.get(url).status_code == 302
    assert client.post(url, {"keep": pair["keep"].pk, "reason": "x"}).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 403
    assert client.post(url, {"keep": pair["keep"].pk, "reason": "x"}).status_code == 403
    assert pair["away"].meetings.exists()


def test_notes_and_files_follow_the_organization_and_its_contacts(pair, owner, manager, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.notes import add_note, attach_file, attachments_of, notes_of

    settings.CRM_ATTACHMENTS_DIR = tmp_path
    keep, away, contact = pair["keep"], pair["away"], pair["contact"]
    note = add_note(record=away, user=owner, text="Met their board in Coburg")
    scan = attach_file(
        record=away,
        user=owner,
        upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
    )
    card = add_note(record=contact, user=owner, text="Prefers e-mail")
    moved = merge_organizations(user=manager, keep=keep, merge_away=away, reason="Same company")
    assert (moved["Notes"], moved["Files"]) == (1, 1)
    assert list(notes_of(keep)) == [note] and list(attachments_of(keep)) == [scan]
    assert not notes_of(away).exists() and not attachments_of(away).exists()
    assert note.history.latest().history_change_reason.startswith("Merged")
    # The contact itself moves to the survivor, its note with it.
    assert list(notes_of(contact)) == [card]
