"""In a real browser: a near duplicate is offered while logging a visit, and a manager merges two organizations."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS

from crm import roles
from crm.models import AgreementParty
from partners.models import Organization
from tests.browser.conftest import log_in
from tests.conftest import make_agreement, make_country, make_meeting, make_organization, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def role_groups(page, live_server):
    """The role groups, restored when an earlier transactional test's flush left them out."""
    if not Group.objects.filter(name=roles.MANAGER).exists():
        emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
        roles.sync_roles(Group, Permission)


def test_the_brose_near_duplicate_is_offered_while_logging_a_visit(page, live_server, role_groups):
    make_user("officer", roles.OFFICER)
    germany = make_country("DE", "Germany")
    brose = make_organization("Brose Fahrzeugteile SE & Co. KG", country=germany)

    log_in(page, live_server, "officer", next_url="/visits/log/")
    page.fill("#id_delegation-title", "Franconia suppliers visit")
    page.select_option("#id_delegation-direction", "outbound")
    page.fill("#id_delegation-start_date", "2019-06-02")
    page.fill("#id_meetings-0-title", "Plant tour in Coburg")
    page.fill("#id_meetings-0-date", "2019-06-03")
    page.fill("#id_meetings-0-new_organization", "Brose Fahrzeugteile GmbH")
    page.select_option("#id_meetings-0-new_organization_country", label="Germany")
    page.get_by_role("button", name="Save the visit").click()
    page.wait_for_load_state("networkidle")

    warning = page.locator("#meetings-0 .similar-warning")
    assert "Brose Fahrzeugteile SE & Co. KG" in warning.inner_text()
    assert "100% alike" in warning.inner_text()
    warning.get_by_role("button", name="Use this one").click()
    assert page.locator("#id_meetings-0-organizations option:checked").all_inner_texts() == [str(brose)]
    assert page.locator("#meetings-0 .crm-lookup-chosen li").all_inner_texts() == [str(brose)]
    assert page.input_value("#id_meetings-0-new_organization") == ""
    assert not warning.is_visible()
    assert not Organization.objects.filter(name="Brose Fahrzeugteile GmbH").exists()


def test_a_manager_merges_two_organizations_and_every_meeting_and_agreement_follows(page, live_server, role_groups):
    make_user("manager", roles.MANAGER)
    germany = make_country("DE", "Germany")
    keep = make_organization("Brose Fahrzeugteile GmbH", country=germany)
    away = make_organization("Brose Fahrzeugteile SE & Co. KG", country=germany)
    meetings = [make_meeting(f"Meeting {number}", date=date(2019, 6, number)) for number in (3, 4)]
    for meeting in meetings:
        meeting.organizations.add(away)
    agreement = make_agreement("Supply MOU", parties=[(away, AgreementParty.Side.PARTNER)])

    log_in(page, live_server, "manager", next_url="/partners/organizations/duplicates/")
    page.get_by_role("link", name="Merge into “Brose Fahrzeugteile GmbH”").click()
    page.wait_for_load_state("networkidle")
    # The list proposes the organization to keep; it can be changed by searching.
    assert page.locator(".merge-pick .crm-lookup-chosen li").all_inner_texts() == ["Brose Fahrzeugteile GmbH"]
    preview = page.locator(".merge-preview").inner_text()
    assert "Meetings\t2" in preview and "Agreement parties\t1" in preview
    page.get_by_label("Why they are the same organization").fill("One company, two legal forms")
    page.get_by_role("button", name="Merge them").click()
    page.wait_for_load_state("networkidle")

    assert page.url.endswith(keep.get_absolute_url())
    assert "is merged into “Brose Fahrzeugteile GmbH”" in page.content()
    assert set(keep.meetings.all()) == set(meetings)
    assert list(keep.agreements.all()) == [agreement]
    away.refresh_from_db()
    assert away.merged_into == keep
    page.goto(f"{live_server.url}{away.get_absolute_url()}")
    assert page.url.endswith(keep.get_absolute_url())
