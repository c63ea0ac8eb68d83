"""Every engagement page answers its officer, and sends anonymous visitors to the log-in page."""

import pytest
from django.urls import reverse

from tests.conftest import make_agreement, make_delegation, make_follow_up, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(owner):
    delegation = make_delegation(officer=owner)
    meeting = make_meeting(delegation=delegation)
    agreement = make_agreement(delegation=delegation, meeting=meeting)
    follow_up = make_follow_up(owner, delegation=delegation)
    from crm.models import Event

    event = Event.objects.create(name="Qingdao Week in Germany", start_date="2019-06-02")
    return {"delegation": delegation, "meeting": meeting, "agreement": agreement, "followup": follow_up, "event": event}


PAGES = ["my_work", "visit_log"] + [
    f"{kind}_{page}"
    for kind in ("delegation", "meeting", "agreement", "event", "followup")
    for page in ("list", "create")
]
RECORD_PAGES = [
    f"{kind}_{page}"
    for kind in ("delegation", "meeting", "agreement", "event", "followup")
    for page in ("detail", "update")
] + ["agreement_make_project"]


@pytest.mark.parametrize("name", PAGES)
def test_page_works_for_an_officer(client, owner, records, name):
    client.force_login(owner)
    response = client.get(reverse(f"crm:{name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_record_page_works_for_its_officer(client, owner, records, name):
    client.force_login(owner)
    kind = name.split("_")[0]
    response = client.get(reverse(f"crm:{name}", args=[records[kind].pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES + ["dashboard"])
def test_page_sends_anonymous_visitors_to_log_in(client, name):
    response = client.get(reverse(f"crm:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.fixture
def roleless_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="a-long-test-password"))
    return client


@pytest.mark.parametrize("name", [name for name in PAGES if name != "my_work"] + ["dashboard"])
def test_page_refuses_a_user_without_a_role(roleless_client, name):
    assert roleless_client.get(reverse(f"crm:{name}")).status_code == 403


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_record_page_refuses_a_user_without_a_role(roleless_client, records, name):
    kind = name.split("_")[0]
    assert roleless_client.get(reverse(f"crm:{name}", args=[records[kind].pk])).status_code == 403


@pytest.mark.parametrize("name", RECORD_PAGES)
def test_record_page_of_an_unknown_record_is_404(owner_client, name):
    assert owner_client.get(reverse(f"crm:{name}", args=[999999])).status_code == 404


def test_my_work_shows_nothing_of_anyone_else(roleless_client, records):
    response = roleless_client.get(reverse("crm:my_work"))
    assert response.status_code == 200
    assert records["followup"].title not in response.content.decode()
