"""Log a visit: the trip with its meetings, agreements and follow-ups, all saved or none."""

import pytest
from django.urls import reverse

from crm.models import Agreement, Delegation, FollowUp, Meeting
from partners.models import Contact, Organization
from tests.conftest import make_contact, make_country, make_organization

pytestmark = pytest.mark.django_db
URL = reverse("crm:visit_log")


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }


@pytest.fixture
def siemens():
    return make_organization("Siemens AG", country=make_country())


@pytest.fixture
def bureau():
    return make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))


def visit_data(owner, siemens, bureau, **changes):
    contact = make_contact("Klaus Richter", organization=siemens)
    data = {
        "action": "save",
        "delegation-title": "Munich chemical cluster visit",
        "delegation-direction": "outbound",
        "delegation-status": "returned",
        "delegation-start_date": "2030-06-02",
        "delegation-end_date": "2030-06-05",
        "delegation-date_precision": "day",
        "delegation-countries": [siemens.country_id],
        **management("meetings", 2),
        "meetings-0-title": "Smart-manufacturing centre",
        "meetings-0-kind": "meeting",
        "meetings-0-date": "2030-06-03",
        "meetings-0-organizations": [siemens.pk],
        "meetings-0-contacts": [contact.pk],
        "meetings-1-kind": "meeting",  # an untouched extra row
        **management("agreements", 1),
        "agreements-0-kind": "mou",
        "agreements-0-title": "MOU on a training centre",
        "agreements-0-signed_on": "2030-06-03",
        "agreements-0-status": "planned",  # a signing still ahead
        "agreements-0-amount": "2000000",
        "agreements-0-currency": "USD",
        "agreements-0-partner_parties": [siemens.pk],
        "agreements-0-qingdao_parties": [bureau.pk],
        **management("follow_ups", 2),
        "follow_ups-0-title": "Send the draft contract",
        "follow_ups-0-owner": owner.pk,
        "follow_ups-0-due_on": "2030-06-20",
        "follow_ups-0-priority": "high",
        "follow_ups-1-owner": owner.pk,  # untouched: only its defaults
        "follow_ups-1-priority": "normal",
    }
    data.update(changes)
    return data


def test_saves_the_trip_and_every_row_in_one_go(owner_client, owner, siemens, bureau):
    response = owner_client.post(URL, visit_data(owner, siemens, bureau))
    delegation = Delegation.objects.get()
    assert response.status_code == 302
    assert response.url == delegation.get_absolute_url()
    assert delegation.officer == owner
    meeting = Meeting.objects.get()
    assert meeting.delegation == delegation
    assert list(meeting.organizations.all()) == [siemens]
    assert [contact.name for contact in meeting.contacts.all()] == ["Klaus Richter"]
    assert list(meeting.officers.all()) == [owner]
    agreement = Agreement.objects.get()
    assert agreement.delegation == delegation
    assert agreement.amount_usd == 2_000_000
    assert {(link.organization, link.side) for link in agreement.party_links.all()} == {
        (siemens, "partner"),
        (bureau, "qingdao"),
    }
    follow_up = FollowUp.objects.get()
    assert (follow_up.title, follow_up.owner, follow_up.delegation, follow_up.priority) == (
        "Send the draft contract",
        owner,
        delegation,
        "high",
    )
    page = owner_client.get(response.url).content.decode()
    assert "Visit logged: Munich chemical cluster visit, with 1 meeting, 1 agreement, 1 follow-up." in page


@pytest.mark.parametrize(
    "bad_row, message",
    [
        ({"meetings-0-date": ""}, "This field is required."),
        ({"agreements-0-currency": ""}, "Say which currency the amount is written in."),
        ({"follow_ups-0-due_on": "not a date"}, "Enter a valid date."),
        ({"delegation-end_date": "2030-05-01"}, "The end date cannot be before the start date."),
    ],
)
def test_one_bad_row_saves_nothing_and_shows_the_error(owner_client, owner, siemens, bureau, bad_row, message):
    response = owner_client.post(URL, visit_data(owner, siemens, bureau, **bad_row))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Nothing was saved." in content
    assert not Delegation.objects.exists()
    assert not Meeting.objects.exists()
    assert not Agreement.objects.exists()
    assert not FollowUp.objects.exists()


def test_an_amount_in_a_currency_without_a_rate_is_saved_with_its_usd_value_pending(
    owner_client, owner, siemens, bureau
):
    response = owner_client.post(URL, visit_data(owner, siemens, bureau, **{"agreements-0-currency": "JPY"}))
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.amount, agreement.currency, agreement.amount_usd) == (2_000_000, "JPY", None)
    page = owner_client.get(response.url).content.decode()
    assert "No exchange rate for JPY is recorded yet" in page


def test_a_similar_organization_is_named_and_must_be_confirmed(owner_client, owner, siemens, bureau):
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{
            "meetings-0-organizations": [],
            "meetings-0-new_organization": "Siemens",
            "meetings-0-new_organization_country": siemens.country_id,
        },
    )
    response = owner_client.post(URL, data)
    content = response.content.decode()
    assert "Similar organizations are already recorded: “Siemens AG” (Germany)." in content
    assert 'name="meetings-0-confirm_new_organization"' in content
    assert not Delegation.objects.exists()
    assert Organization.objects.filter(name="Siemens").count() == 0

    response = owner_client.post(URL, {**data, "meetings-0-confirm_new_organization": "on"})
    assert response.status_code == 302
    created = Organization.objects.get(name="Siemens")
    assert list(Meeting.objects.get().organizations.all()) == [created]


def test_a_longer_name_containing_a_recorded_one_is_also_similar(owner_client, owner, siemens, bureau):
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{
            "agreements-0-new_organization": "Siemens AG China",
            "agreements-0-new_organization_country": siemens.country_id,
        },
    )
    assert "“Siemens AG” (Germany)" in owner_client.post(URL, data).content.decode()


def test_a_new_organization_without_similar_names_is_created_once_for_two_rows(owner_client, owner, siemens, bureau):
    new = {"new_organization": "Ludwigshafen Chemical Park", "new_organization_country": siemens.country_id}
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{f"meetings-0-{key}": value for key, value in new.items()},
        **{f"agreements-0-{key}": value for key, value in new.items()},
    )
    assert owner_client.post(URL, data).status_code == 302
    park = Organization.objects.get(name="Ludwigshafen Chemical Park")
    assert park in Meeting.objects.get().organizations.all()
    assert Agreement.objects.get().party_links.filter(organization=park, side="partner").exists()


def test_an_organization_already_recorded_by_that_name_is_refused(owner_client, owner, siemens, bureau):
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{"meetings-0-new_organization": "siemens ag", "meetings-0-new_organization_country": siemens.country_id},
    )
    assert (
        "“Siemens AG” is already recorded; use it instead of recording it again."
        in owner_client.post(URL, data).content.decode()
    )


def test_add_another_meeting_keeps_what_was_typed_and_shows_no_errors(owner_client, owner, siemens, bureau):
    data = visit_data(owner, siemens, bureau, action="add_meetings", **{"meetings-0-date": ""})
    response = owner_client.post(URL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert len(response.context["meetings"].forms) == 3
    assert 'value="Smart-manufacturing centre"' in content
    assert f'<option value="{siemens.pk}" selected>Siemens AG</option>' in content
    assert "This field is required." not in content
    assert "is-invalid" not in content
    assert "autofocus" in content
    assert not Delegation.objects.exists()

    # Sent again as shown, with the date typed in, it saves every row typed and leaves the new empty one out.
    again = {**data, "action": "save", "meetings-0-date": "2030-06-03", "meetings-TOTAL_FORMS": "3"}
    again["meetings-2-kind"] = "meeting"  # as the new row's select sends it
    response = owner_client.post(URL, again)
    assert response.status_code == 302, response.context["error_places"]
    assert Meeting.objects.count() == 1


def test_two_rows_naming_similar_new_organizations_are_refused_on_the_second_row(owner_client, owner, siemens, bureau):
    data = visit_data(
        owner,
        siemens,
        bureau,
        **{
            "meetings-0-new_organization": "Ludwigshafen Chemical Park",
            "meetings-0-new_organization_country": siemens.country_id,
            "agreements-0-new_organization": "Ludwigshafen Chemical Park GmbH",
            "agreements-0-new_organization_country": siemens.country_id,
        },
    )
    response = owner_client.post(URL, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved." in content
    assert "Similar organizations are already recorded: “Ludwigshafen Chemical Park” (Germany)." in content
    assert ("Agreement 1", "agreements-0") in response.context["error_places"]
    assert 'name="agreements-0-confirm_new_organization"' in content
    assert not Organization.objects.filter(name__startswith="Ludwigshafen").exists()
    assert not Delegation.objects.exists()

    response = owner_client.post(URL, {**data, "agreements-0-confirm_new_organization": "on"})
    assert response.status_code == 302
    assert Organization.objects.filter(name__startswith="Ludwigshafen").count() == 2


def test_a_row_marked_to_leave_out_is_not_saved(owner_client, owner, siemens, bureau):
    data = visit_data(owner, siemens, bureau, **{"follow_ups-0-DELETE": "on", "follow_ups-0-due_on": "bad"})
    assert owner_client.post(URL, data).status_code == 302
    assert not FollowUp.objects.exists()


def test_a_meeting_with_only_a_person_of_no_organization_is_saved(owner_client, owner, siemens, bureau):
    expert = Contact.objects.create(name="Piero Scaruffi", title="Expert on artificial intelligence")
    data = visit_data(owner, siemens, bureau, **{"meetings-0-organizations": [], "meetings-0-contacts": [expert.pk]})
    response = owner_client.post(URL, data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.contacts.all()) == [expert]
    assert not meeting.organizations.exists()


def test_a_meeting_with_nobody_met_is_refused(owner_client, owner, siemens, bureau):
    data = visit_data(owner, siemens, bureau, **{"meetings-0-organizations": [], "meetings-0-contacts": []})
    response = owner_client.post(URL, data)
    assert response.status_code == 200
    assert "Choose who was met: an organization, a person, or a new organization." in response.content.decode()
    assert not Delegation.objects.exists()
