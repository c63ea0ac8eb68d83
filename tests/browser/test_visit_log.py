"""In a real browser: an officer logs a visit with a meeting, an MOU and a follow-up, then finds them on the lists."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS

from crm import roles
from crm.models import Delegation
from tests.browser.conftest import log_in
from tests.conftest import make_country, make_organization, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.OFFICER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def choose(page, label: str, typed: str, match: str, within: str) -> None:
    """Type into the search box of the field ``label`` and click the match ``match``."""
    box = page.locator(within)
    box.get_by_label(label).fill(typed)
    box.get_by_role("button", name=match, exact=True).click()


def test_log_a_visit_then_find_it_on_the_lists(page, live_server, role_groups):
    officer = make_user("officer", roles.OFFICER, first_name="Li", last_name="Na")
    germany = make_country("DE", "Germany")
    siemens = make_organization("Siemens AG", country=germany)
    make_organization("BASF SE", country=germany)
    make_organization("Qingdao Bureau of Commerce", country=make_country("CN", "China"))
    meeting_day = date.today() - timedelta(days=2)
    due = date.today() + timedelta(days=10)

    log_in(page, live_server, "officer", next_url="/visits/log/")
    page.fill("#id_delegation-title", "Munich chemical cluster visit")
    page.select_option("#id_delegation-direction", "outbound")
    page.fill("#id_delegation-start_date", meeting_day.isoformat())
    page.select_option("#id_delegation-countries", label="Germany")

    # Organizations are found by typing part of the name, then chosen from the matches.
    page.fill("#id_meetings-0-title", "Smart-manufacturing centre")
    page.fill("#id_meetings-0-date", meeting_day.isoformat())
    choose(page, "Organizations", "siem", "Siemens AG (Germany)", within="#meetings-0")
    assert page.locator("#meetings-0 .crm-lookup-results button").count() == 0
    assert page.locator("#id_meetings-0-organizations option:checked").all_inner_texts() == ["Siemens AG (Germany)"]

    # Adding a row sends the page back with everything typed so far.
    page.get_by_role("button", name="Add another meeting").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#meetings-1").is_visible()
    assert page.input_value("#id_meetings-0-title") == "Smart-manufacturing centre"
    # The chosen organization came back with the page, and can be taken out again.
    chosen = page.locator("#meetings-0 .crm-lookup-chosen li")
    assert chosen.all_inner_texts() == ["Siemens AG"]
    choose(page, "Organizations", "basf", "BASF SE (Germany)", within="#meetings-0")
    assert chosen.count() == 2
    page.get_by_role("button", name="Remove: BASF SE (Germany)").click()
    assert page.locator("#id_meetings-0-organizations option:checked").all_inner_texts() == ["Siemens AG"]

    page.select_option("#id_agreements-0-kind", "mou")
    page.fill("#id_agreements-0-title", "MOU on a training centre")
    page.fill("#id_agreements-0-signed_on", meeting_day.isoformat())
    choose(page, "Partner side", "siemens", "Siemens AG (Germany)", within="#agreements-0")
    # The Qingdao side searches Chinese organizations only.
    page.locator("#agreements-0").get_by_label("Qingdao side").fill("Commerce")
    results = page.locator("#agreements-0 .crm-lookup-results button")
    results.first.wait_for()
    assert results.all_inner_texts() == ["Qingdao Bureau of Commerce (China)"]
    page.locator("#agreements-0").get_by_label("Qingdao side").press("Enter")
    page.fill("#id_follow_ups-0-title", "Send the draft training contract")
    page.fill("#id_follow_ups-0-due_on", due.isoformat())
    page.get_by_role("button", name="Save the visit").click()
    page.wait_for_load_state("networkidle")

    delegation = Delegation.objects.get()
    assert page.url.endswith(delegation.get_absolute_url())
    assert "Visit logged: Munich chemical cluster visit, with 1 meeting, 1 agreement, 1 follow-up." in page.content()
    assert page.get_by_role("heading", name="Munich chemical cluster visit").is_visible()

    page.goto(f"{live_server.url}/meetings/?delegation={delegation.pk}")
    assert page.get_by_role("link", name="Smart-manufacturing centre").is_visible()
    page.goto(f"{live_server.url}/agreements/?kind=mou")
    assert page.get_by_role("link", name="MOU on a training centre").is_visible()
    assert "Siemens AG" in page.locator("tbody").inner_text()
    page.goto(f"{live_server.url}/follow-ups/?owner={officer.pk}&status=open")
    assert page.get_by_role("link", name="Send the draft training contract").is_visible()
    page.goto(f"{live_server.url}/delegations/?q=chemical")
    assert page.get_by_role("link", name="Munich chemical cluster visit").is_visible()

    # The meeting list's organization filter searches too, and keeps its ?organization= parameter.
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_label("Organization", exact=True).fill("siem")
    page.get_by_role("button", name="Siemens AG (Germany)", exact=True).click()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_load_state("networkidle")
    assert f"organization={siemens.pk}" in page.url
    assert page.get_by_role("link", name="Smart-manufacturing centre").is_visible()
    assert page.locator(".filter-panel .crm-lookup-chosen li").all_inner_texts() == ["Siemens AG"]
