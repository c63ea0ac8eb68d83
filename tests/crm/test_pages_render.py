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
